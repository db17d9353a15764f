"""LPIPS (Zhang et al., "The Unreasonable Effectiveness of Deep Features as a Perceptual Metric", CVPR 2018) as a
plain-torch contract: an ImageNet trunk (AlexNet, VGG16 or SqueezeNet 1.1, torchvision's layers) cut into LPIPS'
slices, each tap unit-normalised over channels, the squared difference of the image's and the reference's taps
weighted by a 1x1 linear layer, averaged over space and summed over taps. Inputs in [-1, 1] (the spec says
value_range [-1, 1], so the Java lane maps [0, 1] pixels there; feeding [0, 1] is the silent error). The model file
takes forward(x, ref), ONNX inputs named x and ref.

Export (the linear weights are BSD-2 from the lpips package; the trunks are torchvision's ImageNet weights):
  python scripts/export_model.py lpips --net alex --id lpips_alex --out conf/models              # from `pip install lpips`
  python scripts/export_model.py lpips --net vgg --from files --trunk-weights vgg16.pth --lin-weights vgg.pth ...
  python scripts/export_model.py lpips --net alex --from pyiqa --id lpips_alex                    # pyiqa's port
"""
from families import fullref

FAMILY = "lpips"
HELP = "LPIPS (AlexNet/VGG16/SqueezeNet taps, unit-normalised, 1x1 linear weights; two inputs x, ref in [-1, 1])"

# torchvision's feature layers: ("conv", in, out, kernel, stride, pad), ("relu",), ("pool", kernel, stride, ceil),
# ("fire", in, squeeze, expand1x1, expand3x3); and where LPIPS cuts them into slices (one tap after each)
TRUNKS = {
    "alex": ([("conv", 3, 64, 11, 4, 2), ("relu",), ("pool", 3, 2, False), ("conv", 64, 192, 5, 1, 2), ("relu",),
              ("pool", 3, 2, False), ("conv", 192, 384, 3, 1, 1), ("relu",), ("conv", 384, 256, 3, 1, 1), ("relu",),
              ("conv", 256, 256, 3, 1, 1), ("relu",)], [2, 5, 8, 10, 12], [64, 192, 384, 256, 256]),
    "vgg": ([("conv", 3, 64, 3, 1, 1), ("relu",), ("conv", 64, 64, 3, 1, 1), ("relu",), ("pool", 2, 2, False),
             ("conv", 64, 128, 3, 1, 1), ("relu",), ("conv", 128, 128, 3, 1, 1), ("relu",), ("pool", 2, 2, False),
             ("conv", 128, 256, 3, 1, 1), ("relu",), ("conv", 256, 256, 3, 1, 1), ("relu",), ("conv", 256, 256, 3, 1, 1),
             ("relu",), ("pool", 2, 2, False), ("conv", 256, 512, 3, 1, 1), ("relu",), ("conv", 512, 512, 3, 1, 1),
             ("relu",), ("conv", 512, 512, 3, 1, 1), ("relu",), ("pool", 2, 2, False), ("conv", 512, 512, 3, 1, 1),
             ("relu",), ("conv", 512, 512, 3, 1, 1), ("relu",), ("conv", 512, 512, 3, 1, 1), ("relu",)],
            [4, 9, 16, 23, 30], [64, 128, 256, 512, 512]),
    "squeeze": ([("conv", 3, 64, 3, 2, 0), ("relu",), ("pool", 3, 2, True), ("fire", 64, 16, 64, 64),
                 ("fire", 128, 16, 64, 64), ("pool", 3, 2, True), ("fire", 128, 32, 128, 128),
                 ("fire", 256, 32, 128, 128), ("pool", 3, 2, True), ("fire", 256, 48, 192, 192),
                 ("fire", 384, 48, 192, 192), ("fire", 384, 64, 256, 256), ("fire", 512, 64, 256, 256)],
                [2, 5, 8, 10, 11, 12, 13], [64, 128, 256, 384, 384, 512, 512]),
}
PYIQA_METRIC = {"alex": "lpips", "vgg": "lpips-vgg", "squeeze": "lpips+"}
SHIFT = [-.030, -.088, -.188]
SCALE = [.458, .448, .450]


def add_arguments(parser):
    parser.add_argument("--net", choices=sorted(TRUNKS), default="alex")
    parser.add_argument("--from", dest="source_of", choices=["lpips", "files", "pyiqa"], default="lpips",
                        help="the lpips package (default), state_dict files, or pyiqa's LPIPS")
    parser.add_argument("--trunk-weights", help="--from files: torchvision's ImageNet state_dict of the trunk")
    parser.add_argument("--lin-weights", help="--from files: LPIPS' linear layers (lpips/weights/v0.1/<net>.pth)")


def build(torch, net="alex", div=1, unit_norm=True):
    """The contract with state_dict keys as the lpips package names them (channel widths divided by div)."""
    nn = torch.nn
    layers, bounds, chns = TRUNKS[net]

    def w(c):
        return c if c == 3 else c // div

    class Fire(nn.Module):
        def __init__(self, cin, sq, e1, e3):
            super().__init__()
            self.squeeze = nn.Conv2d(w(cin), w(sq), 1)
            self.expand1x1 = nn.Conv2d(w(sq), w(e1), 1)
            self.expand3x3 = nn.Conv2d(w(sq), w(e3), 3, padding=1)

        def forward(self, x):
            s = torch.relu(self.squeeze(x))
            return torch.cat([torch.relu(self.expand1x1(s)), torch.relu(self.expand3x3(s))], 1)

    def layer(spec):
        kind = spec[0]
        if kind == "conv":
            return nn.Conv2d(w(spec[1]), w(spec[2]), spec[3], stride=spec[4], padding=spec[5])
        if kind == "relu":
            return nn.ReLU()
        if kind == "pool":
            return nn.MaxPool2d(spec[1], spec[2], ceil_mode=spec[3])
        return Fire(*spec[1:])

    class Slices(nn.Module):
        def __init__(self):
            super().__init__()
            start = 0
            for k, end in enumerate(bounds):
                s = nn.Sequential()
                for i in range(start, end):
                    s.add_module(str(i), layer(layers[i]))
                setattr(self, f"slice{k + 1}", s)
                start = end

        def forward(self, x):
            taps = []
            for k in range(len(bounds)):
                x = getattr(self, f"slice{k + 1}")(x)
                taps.append(x)
            return taps

    class Scaling(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("shift", torch.tensor(SHIFT)[None, :, None, None])
            self.register_buffer("scale", torch.tensor(SCALE)[None, :, None, None])

        def forward(self, x):
            return (x - self.shift) / self.scale

    class Lin(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.model = nn.Sequential(nn.Dropout(), nn.Conv2d(c, 1, 1, bias=False))

        def forward(self, x):
            return self.model(x)

    def unit(f):
        return f / (torch.sqrt(torch.sum(f ** 2, dim=1, keepdim=True)) + 1e-10)

    class Lpips(nn.Module):
        def __init__(self):
            super().__init__()
            self.scaling_layer = Scaling()
            self.net = Slices()
            for k, c in enumerate(chns):
                setattr(self, f"lin{k}", Lin(w(c)))

        def forward(self, x, ref):
            a = self.net(self.scaling_layer(x))
            b = self.net(self.scaling_layer(ref))
            total = 0
            for k in range(len(chns)):
                fa, fb = (unit(a[k]), unit(b[k])) if unit_norm else (a[k], b[k])
                total = total + getattr(self, f"lin{k}")((fa - fb) ** 2).mean(dim=(2, 3))
            return total

    return Lpips().eval()


def state_from_files(torch, net, trunk_file, lin_file):
    """LPIPS' state_dict from torchvision's trunk ({features.i.*}) and LPIPS' linear layers ({lin<k>.model.1.weight})."""
    trunk = fullref.load_file(torch, trunk_file, "--trunk-weights")
    lins = fullref.load_file(torch, lin_file, "--lin-weights")
    bounds = TRUNKS[net][1]
    state = {"scaling_layer.shift": torch.tensor(SHIFT)[None, :, None, None],
             "scaling_layer.scale": torch.tensor(SCALE)[None, :, None, None]}
    for key, value in trunk.items():
        if key.startswith("features."):
            i = int(key.split(".")[1])
            k = next(n for n, end in enumerate(bounds) if i < end)
            state[f"net.slice{k + 1}." + key[len("features."):]] = value
    for key, value in lins.items():
        state[key.replace("lins.", "lin", 1) if key.startswith("lins.") else key] = value
    return state


def export(torch, a):
    model = build(torch, a.net)
    if a.source_of == "files":
        if not (a.trunk_weights and a.lin_weights):
            fullref.fail("--from files needs --trunk-weights (torchvision's ImageNet trunk) and --lin-weights (LPIPS' "
                         "linear layers, lpips/weights/v0.1/<net>.pth)")
        state = state_from_files(torch, a.net, a.trunk_weights, a.lin_weights)
    elif a.source_of == "lpips":
        lpips = fullref.need("lpips", "pip install lpips (it fetches torchvision's trunk weights), or use --from files")
        state = lpips.LPIPS(net=a.net, version="0.1", pretrained=True, verbose=False).state_dict()
    else:
        pyiqa = fullref.need("pyiqa", "pip install pyiqa (its weights and licences are the user's)")
        state = pyiqa.create_metric(PYIQA_METRIC[a.net], device="cpu", as_loss=False).net.state_dict()
    state = {k: v for k, v in state.items() if not k.startswith("lins.")}
    fullref.load_strict(model, state, f"the {a.source_of} LPIPS-{a.net} weights")
    fields = fullref.spec(a.id, None, {"inputs": fullref.INPUTS, "size": "must_match"}, {"policy": "none"},
                          [-1, 1], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], True,
                          "LPIPS linear layers BSD-2-Clause (R. Zhang et al.); trunk: torchvision ImageNet weights",
                          f"scripts/export_model.py lpips --net {a.net} --from {a.source_of}", a.batch)
    fullref.export(torch, model, a.out, a.id, a.format, fields)


def fixtures(torch, out_dir):
    """lpips_tiny.onnx: the AlexNet contract at 1/8 width with random weights, and its Python scores on Kodak
    distorted pairs with the mutations the Java test tells apart (ModelParity in FullReferenceModelTest)."""
    torch.manual_seed(15)
    model = build(torch, "alex", div=8)
    with torch.no_grad():
        for k in range(5):  # positive linear weights, as trained LPIPS has them
            getattr(model, f"lin{k}").model[1].weight.abs_()
    fields = fullref.spec("lpips_tiny", None, {"inputs": fullref.INPUTS, "size": "must_match"}, {"policy": "none"},
                          [-1, 1], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], True, "test fixture (random weights)",
                          "scripts/fixtures/make_family_fixtures.py lpips")
    spec, run = fullref.export(torch, model, out_dir, "lpips_tiny", "onnx", fields)
    plain = build(torch, "alex", div=8, unit_norm=False)
    plain.load_state_dict(model.state_dict())
    k = fullref.KODAK

    def other_ref(image_id, x, ref):
        _, other = fullref.pair(torch, spec, f"{k}/{image_id}.png", f"{k}/{fullref.OTHER_REF[image_id[:3]]}.png")
        return run(x, other).ravel()[0]

    with torch.no_grad():
        mutations = {
            "range_0_1": lambda i, x, ref: run((x + 1) / 2, (ref + 1) / 2).ravel()[0],
            "other_reference": other_ref,
            "no_unit_norm": lambda i, x, ref: plain(x, ref).numpy().ravel()[0],
        }
        rows = fullref.fixture_rows(torch, spec, run, mutations)
    fullref.write_expected(f"{out_dir}/lpips_tiny_expected.csv", ["image_id", "ref_id", "score"] + list(mutations), rows)
