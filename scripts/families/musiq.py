"""MUSIQ (Ke et al. 2021): the host builds the multi-scale tokens, the model is the patch embedding + transformer.

Contract (spec field `tokens`): the native image plus aspect-preserving resizes (longer side 224 and 384), values in
[-1, 1], each scale padded TF-"SAME" into 32 x 32 patches; a token is the patch flattened (row, column, channel for
input.layout NHWC, as TF's extract_patches; channel, row, column for NCHW), its hashed 10 x 10 position, its scale
index and mask 1; the model takes [B, N, 3 P P + 3], padded rows (mask 0) ignored. Export: pyiqa's MUSIQ network
takes such tokens when it skips its own patching; `--weights` loads a state_dict into this module's TinyMusiq.
"""
import os


from families import fullref, hostref, nrnets

FAMILY = "musiq"
HELP = "MUSIQ: host-built multi-scale tokens (hashed positions, scale index, mask) into the transformer part"
TOKENS = {"patch": 32, "grid": 10, "longer_sides": [224, 384], "native": True, "interpolation": "bilinear",
          "library": "torch", "antialias": True}


def tiny_class(torch):
    class TinyMusiq(torch.nn.Module):
        """Patch embedding + hashed-position and scale embeddings + one masked attention layer + pooled head."""

        def __init__(self, patch=32, grid=10, scales=3, dim=24, channels_last=True):
            super().__init__()
            self.patch, self.channels_last = patch, channels_last
            self.embed = torch.nn.Linear(3 * patch * patch, dim)
            self.pos = torch.nn.Parameter(torch.randn(grid * grid, dim))
            self.scale = torch.nn.Parameter(torch.randn(scales, dim))
            self.cls = torch.nn.Parameter(torch.randn(1, 1, dim))
            self.qkv = torch.nn.Linear(dim, 3 * dim)
            self.norm = torch.nn.LayerNorm(dim)
            self.head = torch.nn.Linear(dim, 1)

        def forward(self, tokens):
            d = 3 * self.patch * self.patch
            pos = tokens[:, :, d].long()
            scale = tokens[:, :, d + 1].long()
            mask = tokens[:, :, d + 2]
            x = self.embed(tokens[:, :, :d]) + self.pos[pos] + self.scale[scale]
            x = torch.cat([self.cls.expand(x.shape[0], 1, x.shape[2]), x], 1)
            m = torch.cat([torch.ones_like(mask[:, :1]), mask], 1)
            q, k, v = self.qkv(x).chunk(3, dim=2)
            att = q @ k.transpose(1, 2) / (q.shape[2] ** 0.5) + (1.0 - m)[:, None, :] * -1e9
            y = torch.softmax(att, dim=2) @ v
            return self.head(self.norm(y[:, 0] + x[:, 0]))

    return TinyMusiq


def spec_fields(fid, engine, tokens, layout, head, lower_better, licence, source, trained_on):
    return {"id": fid, "engine": engine, "mode": "NR", "lower_better": lower_better, "range": [-1e9, 1e9],
            "input": {"color": "RGB", "value_range": [-1, 1], "mean": [0, 0, 0], "std": [1, 1, 1], "layout": layout},
            "resize": {"policy": "none"}, "head": head, "batch": {"max": 4, "bucket_by_shape": True},
            "licence": licence, "source": source, "trained_on": trained_on, "tokens": tokens}


def export_tokens_model(torch, model, path, dim):
    example = torch.zeros(1, 5, dim)
    hostref.onnx_export(torch, model, path, [example], ["tokens"], {"tokens": {0: "batch", 1: "tokens"},
                                                                    "out": {0: "batch"}})


def reference(torch, run, spec, im, pos_shift=0):
    t = hostref.tokens(torch, im, spec["tokens"], spec["input"]["value_range"], spec["input"]["mean"],
                       spec["input"]["std"], pos_shift, spec["input"]["layout"] == "NHWC")
    return run(t[None])[0]


def fixtures(torch, out_dir):
    import onnxruntime as ort
    torch.manual_seed(17)
    model = tiny_class(torch)().eval()
    path = os.path.join(out_dir, "musiq_tiny.onnx")
    d = 3 * 32 * 32 + 3
    export_tokens_model(torch, model, path, d)
    spec = spec_fields("musiq_tiny", "OnnxRuntime", TOKENS, "NHWC", {"type": "scalar"}, False,
                       "test fixture (random weights)", "scripts/families/musiq.py", [])
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    run = lambda t: sess.run(None, {"tokens": t})[0]  # noqa: E731
    rows = []
    for name in hostref.PHOTOS:
        im = hostref.photo(name)
        rows.append((name, [float(reference(torch, run, spec, im)[0]), float(reference(torch, run, spec, im, 1)[0])]))
    hostref.write_spec(out_dir, spec, path)
    hostref.write_expected(out_dir, "musiq_tiny", ["score", "position_hash_shifted"], rows)


def add_arguments(p):
    p.add_argument("--weights", help="a state_dict for --config's TinyMusiq (without --config: pyiqa's own weights)")
    p.add_argument("--pyiqa-variant", default="musiq", help="pyiqa metric name (musiq, musiq-ava, musiq-spaq, ...)")
    p.add_argument("--config", help="TinyMusiq constructor arguments as JSON: export this module's plain-torch MUSIQ")
    p.add_argument("--from", dest="source_of", choices=["pyiqa", "files"], default="pyiqa",
                   help="files: --weights is a MUSIQ checkpoint with pyiqa's key names (musiq_koniq_ckpt-*.pth; a "
                        "head.0.* head is the 10-bin AVA distribution), loaded strictly into scripts/families/nrnets.py")


def export(torch, a):
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, a.id + ".onnx")
    if a.config is not None:
        model = hostref.tiny_model(torch, tiny_class(torch), a)
        head, layout, lower = {"type": "scalar"}, "NHWC" if model.channels_last else "NCHW", False
    elif a.source_of == "files":
        state = nrnets.load_weights(torch, a.weights, "--weights (a MUSIQ checkpoint)", fullref.fail)
        classes = int(state["head.0.weight"].shape[0]) if "head.0.weight" in state else 1
        model = fullref.load_strict(nrnets.musiq(torch, classes), state, f"the MUSIQ file '{a.weights}'").eval()
        head = {"type": "scalar"} if classes == 1 else {"type": "distribution"}
        layout, lower = "NCHW", False
    else:
        try:
            import pyiqa
        except ImportError:
            hostref.fail("export_model: the Python package 'pyiqa' is needed for musiq (pip install pyiqa), or "
                             "export a TinyMusiq state_dict with --config and --weights")
        metric = pyiqa.create_metric(a.pyiqa_variant, device="cpu", as_loss=False)
        model = metric.net.eval()
        model.training = True  # its forward patches images itself unless training; its dropouts stay in eval
        classes = getattr(model, "num_class", 1)
        head = {"type": "scalar"} if classes == 1 else {"type": "distribution"}
        layout, lower = "NCHW", bool(metric.lower_better)
    export_tokens_model(torch, model, path, 3 * 32 * 32 + 3)
    spec = spec_fields(a.id, "OnnxRuntime", TOKENS, layout, head, lower, a.licence, a.source, a.trained_on)
    hostref.write_spec(a.out, spec, path)
    run = hostref.ort_runner(path)
    hostref.check_images(torch, a, ["score"], lambda im: [float(reference(torch, run, spec, im)[0])])
    print(f"export_model: wrote {path} and {a.id}.json (tokens built by the host: {TOKENS})")
