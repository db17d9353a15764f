"""CLIP-IQA (Wang et al. 2023): one image embedding, several antonym prompt pairs.

Contract: the model gives the image embedding (one forward pass); the spec's `outputs` name one score per attribute,
each a `prompt_pair` head with its own anchors ([bad, good] text embeddings; 2k anchors = k pairs whose P(good) is
averaged, as CLIP-IQA averages its quality pairs), direction and range. Export: open_clip's RN50 tower (see
export_model.py clip-iqa) with the attribute prompts encoded by its text tower; `--weights` loads a state_dict into
this module's TinyClip and takes the anchors from `--anchors` (JSON).
"""
import json
import os

import numpy as np

from families import fullref, hostref, nrnets

FAMILY = "clipiqa-attributes"
HELP = "CLIP-IQA attribute pairs: one embedding, one named score per prompt pair (quality, sharpness, noisiness, ...)"
# (id suffix, [bad, good] prompts, lower_better): CLIP-IQA's attribute antonyms
ATTRIBUTES = [("quality", [["Bad photo.", "Good photo."], ["Low quality photo.", "High quality photo."]], False),
              ("sharpness", [["Blurry photo.", "Sharp photo."]], False),
              ("noisiness", [["Clean photo.", "Noisy photo."]], True),
              ("brightness", [["Dark photo.", "Bright photo."]], False),
              ("colorfulness", [["Dull photo.", "Colorful photo."]], False)]


def tiny_class(torch):
    class TinyClip(torch.nn.Module):
        """A small image tower to an embedding, centred on unscored photos."""

        def __init__(self, dim=16):
            super().__init__()
            self.tower = torch.nn.Sequential(
                torch.nn.Conv2d(3, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
                torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                torch.nn.Flatten(), torch.nn.Linear(16, dim))
            self.register_buffer("shift", torch.zeros(dim))

        def forward(self, x):
            return self.tower(x) - self.shift

    return TinyClip


def outputs(prefix, anchors, scale):
    """One output per attribute: anchors[i] holds the attribute's [bad, good, bad, good, ...] embeddings."""
    return [{"id": f"{prefix}.{name}", "lower_better": lower, "range": [0, 1],
             "head": {"type": "prompt_pair", "anchors": anchors[i], "logit_scale": scale}}
            for i, (name, _, lower) in enumerate(ATTRIBUTES)]


def spec_fields(fid, prefix, anchors, scale, licence, source):
    return {"id": fid, "engine": "OnnxRuntime", "mode": "NR",
            "input": {"color": "RGB", "value_range": [0, 1], "mean": hostref.CLIP[0], "std": hostref.CLIP[1],
                      "layout": "NCHW"},
            "resize": {"policy": "shorter_side", "size": 160, "interpolation": "bicubic", "library": "pil"},
            "batch": {"max": 8, "bucket_by_shape": True}, "licence": licence, "source": source, "trained_on": [],
            "outputs": outputs(prefix, anchors, scale)}


def reference(torch, run, spec, im):
    r = spec["resize"]
    w, h = hostref.side(*im.size, r["size"], im.size[0] <= im.size[1])
    x = hostref.normalise(hostref.resize(torch, im, w, h, r["library"], r["interpolation"]), [0, 1], *hostref.CLIP)
    emb = run(x[None])[0]
    return [hostref.prompt_pairs(o["head"]["anchors"], o["head"]["logit_scale"], emb) for o in spec["outputs"]]


def export_model(torch, model, path):
    hostref.onnx_export(torch, model, path, [torch.zeros(1, 3, 64, 64)], ["pixels"],
                        {"pixels": {0: "batch", 2: "height", 3: "width"}, "out": {0: "batch"}})


def fixtures(torch, out_dir):
    import onnxruntime as ort
    torch.manual_seed(9)
    model = tiny_class(torch)().eval()
    with torch.no_grad():
        feats = [model(torch.from_numpy(hostref.normalise(hostref.planes(hostref.photo(n).resize((96, 64))),
                                                          [0, 1], *hostref.CLIP))[None])
                 for n in ("kodim20", "kodim21", "kodim22", "kodim23")]
        model.shift.copy_(torch.cat(feats).mean(0))
    gen = np.random.default_rng(9)
    anchors = [gen.standard_normal((2 * len(pairs), 16)).round(6).tolist() for _, pairs, _ in ATTRIBUTES]
    path = os.path.join(out_dir, "clipiqa_tiny.onnx")
    export_model(torch, model, path)
    spec = spec_fields("clipiqa_tiny", "clipiqa", anchors, 4.0, "test fixture (random weights)",
                       "scripts/families/clipiqa.py")
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    run = lambda t: sess.run(None, {"pixels": np.ascontiguousarray(t)})[0]  # noqa: E731
    rows = [(n, reference(torch, run, spec, hostref.photo(n))) for n in hostref.PHOTOS]
    hostref.write_spec(out_dir, spec, path)
    hostref.write_expected(out_dir, "clipiqa_tiny", [o["id"] for o in spec["outputs"]], rows)


def add_arguments(p):
    p.add_argument("--weights", default="openai", help="open_clip RN50 weights ('openai' or a checkpoint), or a state_dict "
                                                       "for --config's TinyClip")
    p.add_argument("--config", help="TinyClip constructor arguments as JSON: export this module's plain-torch tower")
    p.add_argument("--anchors", help="with --config: JSON file, one list of [bad, good, ...] embeddings per attribute")
    p.add_argument("--logit-scale", type=float, default=4.0, help="with --config: the heads' logit scale")
    p.add_argument("--from", dest="source_of", choices=["open_clip", "files"], default="open_clip",
                   help="files: --weights is OpenAI's RN50 file (state_dict or TorchScript, OpenAI's key names), "
                        "loaded strictly into scripts/families/nrnets.py, and --text-features the prompts' embeddings")
    n = 2 * sum(len(pairs) for _, pairs, _ in ATTRIBUTES)
    p.add_argument("--text-features", help=f"--from files: a [{n}, 1024] tensor file, RN50's text embeddings of the "
                                           "attribute prompts in --print-prompts order")
    p.add_argument("--attnpool-positions", action="store_true",
                   help="--from files: keep the attention pool's positional embedding (fixed 224 x 224 input)")
    p.add_argument("--print-prompts", action="store_true", help="print the attribute prompts, one a line, and exit")
    p.add_argument("--prefix", default="clipiqa", help="output ids are PREFIX.quality, PREFIX.sharpness, ...")


def from_files(torch, a):
    """RN50's image tower from OpenAI's file; the anchors are the --text-features rows, normalised, per attribute."""
    state = nrnets.load_weights(torch, a.weights, "--weights (OpenAI's RN50 file)", fullref.fail)
    visual, scale = nrnets.split_clip(torch, state, 1024, f"the RN50 file '{a.weights}'", fullref.fail)
    tower = nrnets.clip_rn50(torch, positions=a.attnpool_positions)
    tower = fullref.load_strict(nrnets.with_visual(torch, tower), visual, f"the RN50 file '{a.weights}'").visual
    n = 2 * sum(len(p) for _, p, _ in ATTRIBUTES)
    text = fullref.load_file(torch, a.text_features, "--text-features") if a.text_features else None
    if text is None or tuple(text.shape) != (n, 1024):
        fullref.fail(f"--from files needs --text-features: a [{n}, 1024] tensor (got "
                     f"{None if text is None else tuple(text.shape)})")
    text = torch.nn.functional.normalize(text.float(), dim=1)
    anchors, i = [], 0
    for _, pairs, _ in ATTRIBUTES:
        anchors.append(text[i:i + 2 * len(pairs)].tolist())
        i += 2 * len(pairs)
    return tower, anchors, scale


def export(torch, a):
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, a.id + ".onnx")
    if a.print_prompts:
        print("\n".join(p for _, pairs, _ in ATTRIBUTES for pair in pairs for p in pair))
        return
    if a.source_of == "files" and a.config is None:
        model, anchors, scale = from_files(torch, a)
    elif a.config is not None:
        if not a.anchors:
            hostref.fail("export_model: --config needs --anchors (the attributes' text embeddings)")
        model = hostref.tiny_model(torch, tiny_class(torch), a)
        anchors, scale = json.load(open(a.anchors)), a.logit_scale
    else:
        try:
            import open_clip
        except ImportError:
            hostref.fail("export_model: the Python package 'open_clip' is needed for clipiqa-attributes (pip "
                             "install open_clip_torch), or export a TinyClip state_dict with --config and --weights")
        clip, _, _ = open_clip.create_model_and_transforms("RN50", pretrained=a.weights)
        tok = open_clip.get_tokenizer("RN50")
        with torch.no_grad():
            anchors = [torch.nn.functional.normalize(clip.encode_text(tok([p for pair in pairs for p in pair])).float(),
                                                     dim=1).tolist() for _, pairs, _ in ATTRIBUTES]
            scale = float(clip.logit_scale.exp())
        model = clip.visual.eval()
    if len(anchors) != len(ATTRIBUTES):
        hostref.fail(f"export_model: --anchors needs {len(ATTRIBUTES)} lists, one per attribute")
    export_model(torch, model.eval(), path)
    spec = spec_fields(a.id, a.prefix, anchors, scale, a.licence, a.source)
    hostref.write_spec(a.out, spec, path)
    run = hostref.ort_runner(path)
    hostref.check_images(torch, a, [o["id"] for o in spec["outputs"]], lambda im: reference(torch, run, spec, im))
    print(f"export_model: wrote {path} and {a.id}.json ({len(ATTRIBUTES)} attribute outputs)")
