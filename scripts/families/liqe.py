"""LIQE (Zhang et al. 2023): CLIP ViT-B/32 over 224 x 224 windows at native resolution, text-similarity logits
averaged over the windows before the softmax, marginalised to 5 quality levels, sum of k p_k.

Contract: resize `shorter_side_min` (the shorter side raised to at least the window size; larger images untouched),
crops `windows` (every window at a fixed stride, row by row, then `n` chosen by index stepping: step = total // n,
windows step * i, as the official code selects them), `aggregate: mean_logits` (the model's logits averaged over the
windows, then the head); the model is the image tower with the normalised text matrix folded in (logit_scale x
cos(image, prompt) per prompt, quality-major), and the head is `levels` with one weight per prompt: its quality level
(1..5), which is the marginal over scenes and distortions followed by sum of k p_k. Export: open_clip's ViT-B-32 with
LIQE's checkpoint and the 5 x 9 x 11 prompts (--single-task: the 5 quality prompts); `--from files` builds the tower
from the checkpoint's OpenAI key names (pyiqa's {'params': {'clip_model.*'}} layout too) in nrnets.py with the prompts'
text embeddings from --text-features; `--config` + `--weights` loads a state_dict into this module's TinyLiqe.
"""
import os

import numpy as np

from families import fullref, hostref, nrnets

FAMILY = "liqe"
HELP = "LIQE: CLIP windows, logits averaged before the softmax, 5 levels marginalised over scenes and distortions"
QUALITIES = ["bad", "poor", "fair", "good", "perfect"]
SCENES = ["animal", "cityscape", "human", "indoor", "landscape", "night", "plant", "still_life", "others"]
DISTORTIONS = ["jpeg2000 compression", "jpeg compression", "noise", "blur", "color", "contrast", "overexposure",
               "underexposure", "spatial", "quantization", "other"]


def tiny_class(torch):
    class TinyLiqe(torch.nn.Module):
        """A small image tower, its embedding normalised, times a normalised text matrix and a logit scale."""

        def __init__(self, prompts=30, dim=16, logit_scale=30.0):
            super().__init__()
            self.tower = torch.nn.Sequential(
                torch.nn.Conv2d(3, 8, 5, stride=4, padding=2), torch.nn.ReLU(),
                torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                torch.nn.Flatten(), torch.nn.Linear(16, dim))
            self.register_buffer("text", torch.nn.functional.normalize(torch.randn(prompts, dim), dim=1))
            self.register_buffer("shift", torch.zeros(dim))
            self.logit_scale = logit_scale

        def forward(self, x):
            e = torch.nn.functional.normalize(self.tower(x) - self.shift, dim=1)
            return self.logit_scale * e @ self.text.t()

    return TinyLiqe


def level_weights(levels, per_level):
    return [float(k + 1) for k in range(levels) for _ in range(per_level)]


def spec_fields(fid, engine, size, stride, n, min_side, weights, licence, source, trained_on):
    return {"id": fid, "engine": engine, "mode": "NR", "lower_better": False, "range": [1, 5],
            "input": {"color": "RGB", "value_range": [0, 1], "mean": hostref.CLIP[0], "std": hostref.CLIP[1],
                      "layout": "NCHW"},
            "resize": {"policy": "shorter_side_min", "size": min_side, "interpolation": "bicubic", "library": "pil"},
            "crops": {"policy": "windows", "n": n, "width": size, "height": size, "stride": stride,
                      "aggregate": "mean_logits"},
            "head": {"type": "levels", "weights": weights}, "batch": {"max": 32, "bucket_by_shape": True},
            "licence": licence, "source": source, "trained_on": trained_on}


def reference(torch, run, spec, im, stride=None, mean_scores=False):
    """The LIQE host in Python: raise, windows, model, mean of logits (or of scores), levels head."""
    r, c = spec["resize"], spec["crops"]
    w, h = im.size
    if min(w, h) < r["size"]:
        w, h = hostref.side(w, h, r["size"], w <= h)
    x = hostref.resize(torch, im, w, h, r["library"], r["interpolation"])
    x = hostref.normalise(x, spec["input"]["value_range"], spec["input"]["mean"], spec["input"]["std"])
    boxes = hostref.windows(w, h, c["width"], c["height"], stride or c["stride"], c["n"])
    logits = np.stack([run(x[None, :, t:t + bh, l:l + bw])[0] for t, l, bh, bw in boxes])
    weights = spec["head"]["weights"]
    if mean_scores:
        return float(np.mean([hostref.levels(weights, z) for z in logits]))
    return hostref.levels(weights, logits.astype(np.float32).mean(0))


def fixtures(torch, out_dir):
    import onnxruntime as ort
    torch.manual_seed(5)
    model = tiny_class(torch)().eval()
    with torch.no_grad():  # centre the embedding on unscored photos so random weights tell images apart
        feats = [model.tower(torch.from_numpy(hostref.normalise(hostref.planes(hostref.photo(n).resize((64, 64))),
                                                                 [0, 1], *hostref.CLIP))[None]) for n in
                 ("kodim20", "kodim21", "kodim22", "kodim23")]
        model.shift.copy_(torch.cat(feats).mean(0))
    path = os.path.join(out_dir, "liqe_tiny.onnx")
    hostref.onnx_export(torch, model, path, [torch.zeros(1, 3, 64, 64)], ["pixels"],
                        {"pixels": {0: "batch"}, "out": {0: "batch"}})
    spec = spec_fields("liqe_tiny", "OnnxRuntime", 64, 16, 15, 600, level_weights(5, 6), "test fixture (random weights)",
                       "scripts/families/liqe.py", [])
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    run = lambda t: sess.run(None, {"pixels": np.ascontiguousarray(t)})[0]  # noqa: E731
    rows = []
    for name in hostref.PHOTOS:
        im = hostref.photo(name)
        rows.append((name, [reference(torch, run, spec, im), reference(torch, run, spec, im, mean_scores=True),
                            reference(torch, run, spec, im, stride=17)]))
    hostref.write_spec(out_dir, spec, path)
    hostref.write_expected(out_dir, "liqe_tiny", ["score", "mean_of_scores", "stride_plus_one"], rows)


def add_arguments(p):
    p.add_argument("--weights", help="LIQE's checkpoint (a CLIP ViT-B-32 state_dict, with open_clip), or a state_dict "
                                     "for --config's TinyLiqe")
    p.add_argument("--config", help="TinyLiqe constructor arguments as JSON: export this module's plain-torch LIQE")
    p.add_argument("--windows", type=int, default=15)
    p.add_argument("--from", dest="source_of", choices=["open_clip", "files"], default="open_clip",
                   help="files: --weights is LIQE's checkpoint with OpenAI's CLIP ViT-B/32 key names, loaded strictly "
                        "into scripts/families/nrnets.py, and --text-features the prompts' text embeddings")
    p.add_argument("--text-features", help="--from files: a [495, 512] (or, --single-task, [5, 512]) tensor file, the "
                                           "CLIP text embeddings of the prompts in --print-prompts order (encode_text "
                                           "with the same checkpoint)")
    p.add_argument("--single-task", action="store_true", help="the 5 prompts 'a photo with {q} quality' (pyiqa's "
                                                              "liqe_koniq) instead of the 495 scene/distortion prompts")
    p.add_argument("--print-prompts", action="store_true", help="print the prompts, one a line, and exit")
    p.add_argument("--stride", type=int, default=32)


def prompts(single_task=False):
    if single_task:
        return [f"a photo with {q} quality" for q in QUALITIES]
    return [f"a photo of a {s} with {d} artifacts, which is of {q} quality" for q in QUALITIES for s in SCENES
            for d in DISTORTIONS]


def folded(torch, visual, text, scale):
    """The image tower with the normalised text matrix folded in: scale x cos(image, prompt) per prompt."""
    class Folded(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.visual = visual
            self.register_buffer("text", torch.nn.functional.normalize(text.float(), dim=1))

        def forward(self, x):
            return scale * torch.nn.functional.normalize(self.visual(x), dim=1) @ self.text.t()

    return Folded().eval()


def from_files(torch, a):
    state = nrnets.load_weights(torch, a.weights, "--weights (LIQE's CLIP ViT-B/32 checkpoint)", fullref.fail)
    state = {k[len("clip_model."):] if k.startswith("clip_model.") else k: v for k, v in state.items()}  # pyiqa's
    visual, scale = nrnets.split_clip(torch, state, 512, f"the LIQE file '{a.weights}'", fullref.fail)
    tower = fullref.load_strict(nrnets.with_visual(torch, nrnets.clip_vit(torch)), visual,
                                f"the LIQE file '{a.weights}'").visual
    text = fullref.load_file(torch, a.text_features, "--text-features") if a.text_features else None
    n = len(prompts(a.single_task))
    if text is None or tuple(text.shape) != (n, 512):
        fullref.fail(f"--from files needs --text-features: a [{n}, 512] tensor (got "
                     f"{None if text is None else tuple(text.shape)})")
    return folded(torch, tower, text, scale)


def export(torch, a):
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, a.id + ".onnx")
    if a.print_prompts:
        print("\n".join(prompts(a.single_task)))
        return
    if a.config is not None:
        model = hostref.tiny_model(torch, tiny_class(torch), a)
        size, weights = 64, level_weights(5, model.text.shape[0] // 5)
    elif a.source_of == "files":
        model = from_files(torch, a)
        size, weights = 224, level_weights(5, len(prompts(a.single_task)) // 5)
    else:
        try:
            import open_clip
        except ImportError:
            hostref.fail("export_model: the Python package 'open_clip' is needed for liqe (pip install "
                             "open_clip_torch), or export a TinyLiqe state_dict with --config and --weights")
        if not a.weights:
            hostref.fail("export_model: liqe needs --weights: LIQE's checkpoint")
        clip, _, _ = open_clip.create_model_and_transforms("ViT-B-32")
        state = nrnets.load_weights(torch, a.weights, "--weights (LIQE's checkpoint)", fullref.fail)
        clip.load_state_dict({k[len("clip_model."):] if k.startswith("clip_model.") else k: v for k, v in state.items()
                              if k not in nrnets.META_KEYS})
        clip.eval()
        with torch.no_grad():
            text = clip.encode_text(open_clip.get_tokenizer("ViT-B-32")(prompts(a.single_task)))
            text = torch.nn.functional.normalize(text.float(), dim=1)
            scale = float(clip.logit_scale.exp())
        model, size = folded(torch, clip.visual, text, scale), 224
        weights = level_weights(5, len(prompts(a.single_task)) // 5)
    hostref.onnx_export(torch, model, path, [torch.zeros(1, 3, size, size)], ["pixels"],
                        {"pixels": {0: "batch"}, "out": {0: "batch"}})
    spec = spec_fields(a.id, "OnnxRuntime", size, a.stride, a.windows, size, weights, a.licence, a.source, a.trained_on)
    hostref.write_spec(a.out, spec, path)
    run = hostref.ort_runner(path)
    hostref.check_images(torch, a, ["score"], lambda im: [reference(torch, run, spec, im)])
    print(f"export_model: wrote {path} and {a.id}.json ({len(weights)} prompts, {a.windows} windows of {size})")
