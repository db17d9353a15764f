"""DISTS (Ding et al., "Image Quality Assessment: Unifying Structure and Texture Similarity", TPAMI 2020) as a
plain-torch contract: ImageNet normalisation inside the model, VGG16 with its max pools replaced by L2 pooling (a 3x3
Hann window, stride 2), and at the input and five taps the mean term (2 mu_x mu_y + c) / (mu_x^2 + mu_y^2 + c) and
the variance/covariance term (2 s_xy + c) / (s_x^2 + s_y^2 + c) per channel, weighted by alpha and beta (normalised
by their sum); the score is 1 minus their weighted sum (0 for identical images, lower is better). The model takes
[0, 1] pixels (its first "tap" is the unnormalised image itself), forward(x, ref), ONNX inputs x and ref.
The official code shrinks a pair whose shorter side exceeds 256 to a shorter side of 256 (PIL bilinear) first; the
spec says so explicitly: resize {"policy": "shorter_side_cap", "size": 256, "interpolation": "bilinear",
"library": "pil"} (other ports skip it and give other numbers).

Export (DISTS' alpha/beta are MIT from DISTS_pytorch; the VGG16 trunk is torchvision's ImageNet weights):
  python scripts/export_model.py dists --id dists --out conf/models                       # from `pip install DISTS_pytorch`
  python scripts/export_model.py dists --from files --trunk-weights vgg16.pth --alpha-beta weights.pt --id dists
  python scripts/export_model.py dists --from pyiqa --id dists                            # pyiqa's port
"""
from families import fullref

FAMILY = "dists"
HELP = "DISTS (VGG16 with L2 pooling, mean and variance/covariance terms weighted by alpha, beta; two inputs x, ref)"

# VGG16's feature layers (torchvision indices 0..29) as DISTS cuts them: a stage ends at each tap (relu1_2, relu2_2,
# relu3_3, relu4_3, relu5_3); the max pools at 4, 9, 16, 23 become L2 pooling
CONVS = {0: (3, 64), 2: (64, 64), 5: (64, 128), 7: (128, 128), 10: (128, 256), 12: (256, 256), 14: (256, 256),
         17: (256, 512), 19: (512, 512), 21: (512, 512), 24: (512, 512), 26: (512, 512), 28: (512, 512)}
POOLS = {4: 64, 9: 128, 16: 256, 23: 512}
STAGES = [4, 9, 16, 23, 30]
CHNS = [3, 64, 128, 256, 512, 512]
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
RESIZE = {"policy": "shorter_side_cap", "size": 256, "interpolation": "bilinear", "library": "pil"}


def add_arguments(parser):
    parser.add_argument("--from", dest="source_of", choices=["DISTS_pytorch", "files", "pyiqa"], default="DISTS_pytorch",
                        help="the DISTS_pytorch package (default), state_dict files, or pyiqa's DISTS")
    parser.add_argument("--trunk-weights", help="--from files: torchvision's ImageNet VGG16 state_dict")
    parser.add_argument("--alpha-beta", help="--from files: DISTS' weights.pt (alpha and beta)")
    parser.add_argument("--no-downscale", action="store_true",
                        help="resize none instead of the official shorter-side-256 downscale")


def build(torch, div=1):
    """The contract with state_dict keys as DISTS_pytorch names them (channel widths divided by div)."""
    import numpy as np
    nn = torch.nn

    def w(c):
        return c if c == 3 else c // div

    class L2Pooling(nn.Module):
        def __init__(self, channels):
            super().__init__()
            a = np.hanning(5)[1:-1]
            g = torch.tensor(a[:, None] * a[None, :], dtype=torch.float32)
            self.register_buffer("filter", (g / g.sum())[None, None].repeat(channels, 1, 1, 1))

        def forward(self, x):
            out = torch.nn.functional.conv2d(x ** 2, self.filter, stride=2, padding=1, groups=x.shape[1])
            return (out + 1e-12).sqrt()

    class Dists(nn.Module):
        def __init__(self):
            super().__init__()
            start = 0
            for k, end in enumerate(STAGES):
                s = nn.Sequential()
                for i in range(start, end):
                    if i in CONVS:
                        s.add_module(str(i), nn.Conv2d(w(CONVS[i][0]), w(CONVS[i][1]), 3, padding=1))
                    elif i in POOLS:
                        s.add_module(str(i), L2Pooling(w(POOLS[i])))
                    else:
                        s.add_module(str(i), nn.ReLU())
                setattr(self, f"stage{k + 1}", s)
                start = end
            self.register_buffer("mean", torch.tensor(MEAN).view(1, -1, 1, 1))
            self.register_buffer("std", torch.tensor(STD).view(1, -1, 1, 1))
            self.chns = [w(c) for c in CHNS]
            self.alpha = nn.Parameter(torch.empty(1, sum(self.chns), 1, 1).normal_(0.1, 0.01))
            self.beta = nn.Parameter(torch.empty(1, sum(self.chns), 1, 1).normal_(0.1, 0.01))

        def taps(self, x):
            h = (x - self.mean) / self.std
            out = [x]
            for k in range(len(STAGES)):
                h = getattr(self, f"stage{k + 1}")(h)
                out.append(h)
            return out

        def forward(self, x, ref):
            f0, f1 = self.taps(x), self.taps(ref)
            w_sum = self.alpha.sum() + self.beta.sum()
            alpha = torch.split(self.alpha / w_sum, self.chns, dim=1)
            beta = torch.split(self.beta / w_sum, self.chns, dim=1)
            d1 = 0
            d2 = 0
            c = 1e-6
            for k in range(len(self.chns)):
                mx = f0[k].mean([2, 3], keepdim=True)
                my = f1[k].mean([2, 3], keepdim=True)
                d1 = d1 + (alpha[k] * (2 * mx * my + c) / (mx ** 2 + my ** 2 + c)).sum(1, keepdim=True)
                vx = ((f0[k] - mx) ** 2).mean([2, 3], keepdim=True)
                vy = ((f1[k] - my) ** 2).mean([2, 3], keepdim=True)
                cxy = (f0[k] * f1[k]).mean([2, 3], keepdim=True) - mx * my
                d2 = d2 + (beta[k] * (2 * cxy + c) / (vx + vy + c)).sum(1, keepdim=True)
            return (1 - (d1 + d2)).reshape(x.shape[0], 1)

    return Dists().eval()


def state_from_files(torch, model, trunk_file, alpha_beta_file):
    """DISTS' state_dict from torchvision's VGG16 ({features.i.*}) and DISTS' weights.pt ({alpha, beta})."""
    trunk = fullref.load_file(torch, trunk_file, "--trunk-weights")
    ab = fullref.load_file(torch, alpha_beta_file, "--alpha-beta")
    state = {k: v for k, v in model.state_dict().items() if k in ("mean", "std") or k.endswith(".filter")}
    for key, value in trunk.items():
        if key.startswith("features.") and int(key.split(".")[1]) in CONVS:
            i = int(key.split(".")[1])
            k = next(n for n, end in enumerate(STAGES) if i < end)
            state[f"stage{k + 1}." + key[len("features."):]] = value
    state.update({k: ab[k] for k in ("alpha", "beta") if k in ab})
    return state


def spec_fields(model_id, resize, licence, source, batch=4):
    return fullref.spec(model_id, None, {"inputs": fullref.INPUTS, "size": "must_match"}, resize, [0, 1],
                        [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], True, licence, source, batch)


def export(torch, a):
    model = build(torch)
    if a.source_of == "files":
        if not (a.trunk_weights and a.alpha_beta):
            fullref.fail("--from files needs --trunk-weights (torchvision's ImageNet VGG16) and --alpha-beta "
                         "(DISTS_pytorch's weights.pt)")
        state = state_from_files(torch, model, a.trunk_weights, a.alpha_beta)
    elif a.source_of == "DISTS_pytorch":
        dists = fullref.need("DISTS_pytorch", "pip install DISTS_pytorch (it fetches torchvision's VGG16), or use "
                                              "--from files")
        state = dists.DISTS().state_dict()
    else:
        pyiqa = fullref.need("pyiqa", "pip install pyiqa (its weights and licences are the user's)")
        state = pyiqa.create_metric("dists", device="cpu", as_loss=False).net.state_dict()
    fullref.load_strict(model, state, f"the {a.source_of} DISTS weights")
    fields = spec_fields(a.id, {"policy": "none"} if a.no_downscale else RESIZE,
                         "DISTS alpha/beta MIT (K. Ding et al.); trunk: torchvision ImageNet VGG16 weights",
                         f"scripts/export_model.py dists --from {a.source_of}", a.batch)
    fullref.export(torch, model, a.out, a.id, a.format, fields)


def fixtures(torch, out_dir):
    """dists_tiny.pt: the contract at 1/16 width with random weights as TorchScript, and its Python scores on Kodak
    distorted pairs (512x384, so the official downscale to 341x256 applies) with the mutations the Java test tells
    apart (resize skipped, another image as the reference)."""
    torch.manual_seed(16)
    model = build(torch, div=16)
    with torch.no_grad():  # alpha, beta spread over [0, 1] (not all near 0.1) so the scores spread by more than 1e-2
        model.alpha.uniform_(0, 1)
        model.beta.uniform_(0, 1)
    fields = spec_fields("dists_tiny", RESIZE, "test fixture (random weights)",
                         "scripts/fixtures/make_family_fixtures.py dists")
    spec, run = fullref.export(torch, model, out_dir, "dists_tiny", "torchscript", fields)
    k = fullref.KODAK
    unresized = dict(spec, resize={"policy": "none"})

    def no_resize(image_id, x, ref):
        return run(*fullref.pair(torch, unresized, f"{k}/{image_id}.png", f"{k}/{image_id[:3]}_ref.png")).ravel()[0]

    def other_ref(image_id, x, ref):
        _, other = fullref.pair(torch, spec, f"{k}/{image_id}.png", f"{k}/{fullref.OTHER_REF[image_id[:3]]}.png")
        return run(x, other).ravel()[0]

    rows = fullref.fixture_rows(torch, spec, run, {"no_resize": no_resize, "other_reference": other_ref})
    fullref.write_expected(f"{out_dir}/dists_tiny_expected.csv", ["image_id", "ref_id", "score", "no_resize",
                                                                    "other_reference"], rows)
