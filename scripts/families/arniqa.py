"""ARNIQA (Agnolucci et al. 2024) and other multi-scale models: one trunk over the image and a 0.5x copy.

Contract (spec field `scales`): after the resize and crops, each crop is given to the model at every factor in
`scales.factors` (the first is the model's first input), a factor f resizing a w x h crop to int(w f) x int(h f) with
the scales' own interpolation and library; the model takes the inputs in that order and gives the score. A fixed
resize (`resize.policy: fixed`) before it is the TOPIQ-style fixed input size. Export: pyiqa's ARNIQA network (its
encoder on both scales, features concatenated, its regressor) when pyiqa imports; `--weights` loads a state_dict into
this module's TinyTwoScale.
"""
import os


from families import fullref, hostref, nrnets

FAMILY = "arniqa"
HELP = "ARNIQA-style two-scale input: the image and a 0.5x copy through one trunk"


def tiny_class(torch):
    class TinyTwoScale(torch.nn.Module):
        """One trunk over both inputs, pooled features concatenated, a linear regressor."""

        def __init__(self, width=12):
            super().__init__()
            self.trunk = torch.nn.Sequential(
                torch.nn.Conv2d(3, width, 3, stride=2, padding=1), torch.nn.ReLU(),
                torch.nn.Conv2d(width, width, 3, stride=2, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                torch.nn.Flatten())
            self.register_buffer("shift", torch.zeros(2 * width))
            self.register_buffer("spread", torch.ones(2 * width))
            self.regressor = torch.nn.Linear(2 * width, 1)

        def features(self, x, half):
            return torch.cat([self.trunk(x), self.trunk(half)], 1)

        def forward(self, x, half):
            return self.regressor((self.features(x, half) - self.shift) / self.spread)

    return TinyTwoScale


def spec_fields(fid, width, height, factors, licence, source, trained_on):
    return {"id": fid, "engine": "OnnxRuntime", "mode": "NR", "lower_better": False, "range": [-1e9, 1e9],
            "input": {"color": "RGB", "value_range": [0, 1], "mean": [0.485, 0.456, 0.406],
                      "std": [0.229, 0.224, 0.225], "layout": "NCHW"},
            "resize": {"policy": "fixed", "width": width, "height": height, "interpolation": "bicubic",
                       "library": "pil"},
            "head": {"type": "scalar"}, "batch": {"max": 8, "bucket_by_shape": True},
            "licence": licence, "source": source, "trained_on": trained_on,
            "scales": {"factors": factors, "interpolation": "bilinear", "library": "torch", "antialias": True}}


def inputs(torch, spec, im):
    r, s = spec["resize"], spec["scales"]
    x = hostref.resize(torch, im, r["width"], r["height"], r["library"], r["interpolation"])
    out = []
    for f in s["factors"]:
        y = hostref.resize_planes(torch, x, int(x.shape[2] * f), int(x.shape[1] * f), s["library"], s["interpolation"],
                                  s["antialias"])
        out.append(hostref.normalise(y, spec["input"]["value_range"], spec["input"]["mean"], spec["input"]["std"])[None])
    return out


def export_model(torch, model, path, w, h):
    hostref.onnx_export(torch, model, path, [torch.zeros(1, 3, h, w), torch.zeros(1, 3, h // 2, w // 2)],
                        ["pixels", "half"], {"pixels": {0: "batch", 2: "height", 3: "width"},
                                             "half": {0: "batch", 2: "h2", 3: "w2"}, "out": {0: "batch"}})


def fixtures(torch, out_dir):
    import onnxruntime as ort
    torch.manual_seed(11)
    model = tiny_class(torch)().eval()
    spec = spec_fields("arniqa_tiny", 128, 96, [1.0, 0.5], "test fixture (random weights)",
                       "scripts/families/arniqa.py", [])
    with torch.no_grad():
        feats = torch.cat([model.features(*[torch.from_numpy(t) for t in inputs(torch, spec, hostref.photo(n))])
                           for n in ("kodim20", "kodim21", "kodim22", "kodim23")])
        model.shift.copy_(feats.mean(0))
        model.spread.copy_(feats.std(0) + feats.std(0).mean())
    path = os.path.join(out_dir, "arniqa_tiny.onnx")
    export_model(torch, model, path, 128, 96)
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    run = lambda a, b: float(sess.run(None, {"pixels": a, "half": b})[0][0, 0])  # noqa: E731
    rows = []
    for n in hostref.PHOTOS:
        full, half = inputs(torch, spec, hostref.photo(n))
        rows.append((n, [run(full, half), run(half, full)]))
    hostref.write_spec(out_dir, spec, path)
    hostref.write_expected(out_dir, "arniqa_tiny", ["score", "scale_order_swapped"], rows)


def add_arguments(p):
    p.add_argument("--weights", help="a state_dict for --config's TinyTwoScale (without --config: pyiqa's own weights)")
    p.add_argument("--config", help="TinyTwoScale constructor arguments as JSON: export this module's plain-torch model")
    p.add_argument("--from", dest="source_of", choices=["pyiqa", "files"], default="pyiqa",
                   help="files: --weights is ARNIQA.pth (encoder model.<i>.*, projector.*) and --regressor a "
                        "regressor_<dataset>.pth (weight [1, 4096], bias [1]), loaded strictly into nrnets.py")
    p.add_argument("--regressor", help="--from files: ARNIQA's regressor file (state_dict or TorchScript)")
    p.add_argument("--pyiqa-variant", default="arniqa", help="pyiqa metric name (arniqa, arniqa-kadid, ...)")


def export(torch, a):
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, a.id + ".onnx")
    if a.config is not None:
        model = hostref.tiny_model(torch, tiny_class(torch), a)
    elif a.source_of == "files":
        encoder = nrnets.load_weights(torch, a.weights, "--weights (ARNIQA.pth)", fullref.fail)
        regressor = nrnets.load_weights(torch, a.regressor, "--regressor (ARNIQA's regressor file)", fullref.fail)
        state = nrnets.arniqa_state(encoder, regressor, f"the ARNIQA file '{a.weights}'", fullref.fail)
        model = fullref.load_strict(nrnets.arniqa(torch), state, f"the ARNIQA files '{a.weights}', '{a.regressor}'")
    else:
        try:
            import pyiqa
        except ImportError:
            hostref.fail("export_model: the Python package 'pyiqa' is needed for arniqa (pip install pyiqa), or "
                             "export a TinyTwoScale state_dict with --config and --weights")
        net = pyiqa.create_metric(a.pyiqa_variant, device="cpu", as_loss=False).net.eval()

        class TwoInputs(torch.nn.Module):
            """ARNIQA's encoder on both inputs, features concatenated, its regressor."""

            def __init__(self):
                super().__init__()
                self.net = net

            def forward(self, x, half):
                f, f_half = self.net.encoder(x), self.net.encoder(half)
                f = f[0] if isinstance(f, tuple) else f
                f_half = f_half[0] if isinstance(f_half, tuple) else f_half
                f, f_half = [torch.nn.functional.normalize(t.flatten(1), dim=1) for t in (f, f_half)]
                return self.net.regressor(torch.cat([f, f_half], 1))

        model = TwoInputs()
    export_model(torch, model.eval(), path, a.width, a.height)
    spec = spec_fields(a.id, a.width, a.height, [1.0, 0.5], a.licence, a.source, a.trained_on)
    hostref.write_spec(a.out, spec, path)
    run = hostref.ort_runner(path)
    hostref.check_images(torch, a, ["score"], lambda im: [float(run(*inputs(torch, spec, im))[0, 0])])
    print(f"export_model: wrote {path} and {a.id}.json (inputs: the {a.width}x{a.height} image and its 0.5x copy)")
