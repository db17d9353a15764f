"""What the full-reference families (lpips.py, dists.py) share: the spec of a two-input model, its export to ONNX (named
inputs) or TorchScript (forward(x, ref)), the Python reference pipeline of an (image, reference) pair and the loading
of published state_dicts with a clear exit 2 when a package or weight file is missing. Not a family itself."""
import hashlib
import importlib
import json
import os
import sys

import numpy as np

INPUTS = ["x", "ref"]


def fail(message):
    print("export_model: " + message, file=sys.stderr)
    sys.exit(2)


def need(module, hint):
    try:
        return importlib.import_module(module)
    except ImportError as e:
        fail(f"the Python package '{module}' is needed for this export and does not import ({e}). {hint}")


def load_file(torch, path, what):
    """A state_dict file (weights_only); exit 2 naming the file when it is not there."""
    if not os.path.isfile(path):
        fail(f"the {what} file '{path}' does not exist")
    return torch.load(path, map_location="cpu", weights_only=True)


def load_strict(model, state, source):
    """Loads a state_dict carrying the published key names; exit 2 naming missing/unexpected keys."""
    own = model.state_dict()
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    wrong = sorted(k for k in own if k in state and tuple(state[k].shape) != tuple(own[k].shape))
    if missing or unexpected or wrong:
        fail(f"{source} does not fit the contract: missing keys {missing[:6]}, unexpected keys {unexpected[:6]}, "
             f"wrong shapes {[(k, tuple(state[k].shape), tuple(own[k].shape)) for k in wrong[:6]]}")
    model.load_state_dict(state)
    return model


def spec(model_id, engine, mode_fields, resize, value_range, mean, std, lower_better, licence, source, batch=4):
    return {"id": model_id, "engine": engine, "mode": "FR", "lower_better": lower_better, "range": [-1e9, 1e9],
            "input": {"color": "RGB", "value_range": value_range, "mean": mean, "std": std, "layout": "NCHW"},
            "resize": resize, "crops": {"policy": "none"}, "head": {"type": "scalar"},
            "batch": {"max": batch, "bucket_by_shape": True}, "reference": mode_fields,
            "licence": licence, "source": source, "trained_on": []}


def export(torch, model, out_dir, model_id, fmt, spec_fields, size=(64, 48)):
    """Writes <id>.onnx (inputs named x, ref) or <id>.pt (traced forward(x, ref)) and <id>.json with its sha256;
    returns (spec, run) where run(x, ref) gives the exported model's outputs as a NumPy array."""
    os.makedirs(out_dir, exist_ok=True)
    model.eval()
    g = torch.Generator().manual_seed(0)
    example = (torch.rand(2, 3, size[1], size[0], generator=g), torch.rand(2, 3, size[1], size[0], generator=g))
    if fmt == "onnx":
        ort = need("onnxruntime", "pip install onnxruntime")
        need("onnx", "pip install onnx")
        path = os.path.join(out_dir, model_id + ".onnx")
        axes = {n: {0: "batch", 2: "height", 3: "width"} for n in INPUTS}
        axes["out"] = {0: "batch"}
        torch.onnx.export(model, example, path, input_names=INPUTS, output_names=["out"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
        sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])

        def run(x, ref):
            return sess.run(None, {"x": x.numpy(), "ref": ref.numpy()})[0]
    else:
        path = os.path.join(out_dir, model_id + ".pt")
        with torch.no_grad():
            torch.jit.trace(model, example).save(path)
        loaded = torch.jit.load(path)

        def run(x, ref):
            with torch.no_grad():
                return loaded(x, ref).numpy()
    with torch.no_grad():
        probe = (torch.rand(1, 3, size[1] + 8, size[0] + 16, generator=g),) * 2
        probe = (probe[0], torch.rand(probe[0].shape, generator=g))
        diff = float(np.abs(run(*probe) - model(*probe).numpy()).max())
    if diff > 1e-4:
        fail(f"the exported model differs from the module by {diff}")
    s = dict(spec_fields)
    s["engine"] = "OnnxRuntime" if fmt == "onnx" else "PyTorch"
    s["uri"] = os.path.basename(path)
    s["sha256"] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    order = ["id", "engine", "uri", "sha256"]
    with open(os.path.join(out_dir, model_id + ".json"), "w") as fh:
        json.dump({k: s[k] for k in order + [k for k in s if k not in order]}, fh, indent=2)
        fh.write("\n")
    print(f"export_model: wrote {path} and {model_id}.json (exported vs module max |diff| {diff:.3g})")
    return s, run


def pil_filter(name):
    from PIL import Image
    return {"bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC, "lanczos": Image.LANCZOS}[name]


def resized(im, resize):
    """The spec's resize in PIL (policies none and shorter_side_cap, the ones these families use)."""
    w, h = im.size
    if resize["policy"] == "none" or (resize["policy"] == "shorter_side_cap" and min(w, h) <= resize["size"]):
        return im
    if resize["policy"] != "shorter_side_cap":
        raise ValueError("the FR reference pipeline knows resize policies none and shorter_side_cap")
    side = resize["size"]
    size = (side, int(side * h / w)) if w <= h else (int(side * w / h), side)
    return im.resize(size, pil_filter(resize["interpolation"]))


def tensor(torch, im, spec_):
    """PIL image -> [1, 3, H, W] float32: /255, value_range, (v - mean) / std, as the Java lane does."""
    lo, hi = spec_["input"]["value_range"]
    v = np.asarray(im, dtype=np.float32) / np.float32(255.0)
    v = v * np.float32(hi - lo) + np.float32(lo)
    mean = np.asarray(spec_["input"]["mean"], dtype=np.float32)
    std = np.asarray(spec_["input"]["std"], dtype=np.float32)
    v = (v - mean) / std
    return torch.from_numpy(np.ascontiguousarray(v.transpose(2, 0, 1)))[None]


def pair(torch, spec_, image_path, ref_path):
    """The Python reference pipeline of one pair: PIL decode, the reference's size rule, one preprocessing for both."""
    from PIL import Image
    im = Image.open(image_path).convert("RGB")
    ref = Image.open(ref_path).convert("RGB")
    if ref.size != im.size:
        if spec_["reference"]["size"] != "resize":
            raise ValueError(f"ref_size_mismatch: {image_path} {im.size} vs {ref_path} {ref.size}")
        ref = ref.resize(im.size, pil_filter(spec_["reference"]["interpolation"]))
    return tensor(torch, resized(im, spec_["resize"]), spec_), tensor(torch, resized(ref, spec_["resize"]), spec_)


def write_expected(path, header, rows):
    import csv
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")


# the fixtures' real image pairs: the Kodak distorted crops (udfs/src/test/resources/kodak-distorted, 512x384)
KODAK = "udfs/src/test/resources/kodak-distorted"
PAIRS = [(f"{h}_{d}", f"{h}_ref") for h in ("h01", "h02") for d in ("blur30", "jpeg10", "noise25")]
OTHER_REF = {"h01": "h02_ref", "h02": "h01_ref"}


def fixture_rows(torch, spec_, run, mutations):
    """Rows image_id, ref_id, score, then one column per mutation: mutations maps a name to a function
    (image_id, x, ref) -> the mutated pipeline's score."""
    rows = []
    for image_id, ref_id in PAIRS:
        x, ref = pair(torch, spec_, f"{KODAK}/{image_id}.png", f"{KODAK}/{ref_id}.png")
        score = float(run(x, ref).ravel()[0])
        rows.append([image_id, ref_id, repr(score)] + [repr(float(f(image_id, x, ref))) for f in mutations.values()])
    return rows
