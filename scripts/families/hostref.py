"""What the spark-iqa host does before and after a family's model, in Python (NumPy / PIL / torch): the reference the
Java side is compared with. Shared by the family modules; every function follows one spec field.

  resize(x01_or_pil, w, h, library, interpolation, antialias)  one resample, PIL on 8-bit pixels or torch on floats
  windows(w, h, size_w, size_h, stride, n)                     the `windows` crop boxes (index stepping)
  tokens(...)                                                  the MUSIQ token matrix of one image
"""
import csv
import hashlib
import json
import os

import numpy as np
from PIL import Image

PHOTOS = ["kodim01", "kodim02", "kodim03", "kodim04", "kodim05", "kodim06"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLIP = ([0.48145466, 0.4578275, 0.40821073], [0.26862954, 0.26130258, 0.27577711])
PIL_FILTERS = {"bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC, "lanczos": Image.LANCZOS}


def photo(name):
    return Image.open(os.path.join(ROOT, "data", "kodak", name + ".png")).convert("RGB")


def planes(im):
    """float32 planes [3, H, W] = byte / 255."""
    return np.ascontiguousarray(np.asarray(im, dtype=np.float32).transpose(2, 0, 1) / np.float32(255.0))


def resize(torch, im, w, h, library, interpolation, antialias=True):
    """im (PIL) to w x h as float32 planes in [0, 1]: PIL's resampler on the 8-bit pixels, or
    torch.nn.functional.interpolate on the planes (align_corners False)."""
    if (w, h) == im.size:
        return planes(im)
    if library == "pil":
        return planes(im.resize((w, h), PIL_FILTERS[interpolation]))
    x = torch.from_numpy(planes(im))[None]
    return torch.nn.functional.interpolate(x, size=(h, w), mode=interpolation, align_corners=False,
                                           antialias=antialias)[0].numpy()


def resize_planes(torch, x, w, h, library, interpolation, antialias=True):
    """float32 planes in [0, 1] (from 8-bit pixels for pil) to w x h."""
    if (w, h) == (x.shape[2], x.shape[1]):
        return x
    if library == "pil":
        im = Image.fromarray(np.rint(x.transpose(1, 2, 0) * 255).astype(np.uint8))
        return resize(torch, im, w, h, library, interpolation, antialias)
    return torch.nn.functional.interpolate(torch.from_numpy(np.ascontiguousarray(x))[None], size=(h, w),
                                           mode=interpolation, align_corners=False, antialias=antialias)[0].numpy()


def side(w, h, size, width_is_the_side):
    """One side to size, the other int(size * other / side) (torchvision's rule)."""
    return (size, max(1, size * h // w)) if width_is_the_side else (max(1, size * w // h), size)


def normalise(x, value_range, mean, std):
    lo, hi = np.float32(value_range[0]), np.float32(value_range[1])
    if lo != 0 or hi != 1:
        x = x * (hi - lo) + lo
    return ((x - np.asarray(mean, np.float32)[:, None, None]) / np.asarray(std, np.float32)[:, None, None]).astype(
        np.float32)


def windows(w, h, cw, ch, stride, n):
    """Boxes (top, left, height, width) of every cw x ch window at offsets 0, stride, 2 stride, ... row by row (as
    torch's unfold enumerates them), then n of them chosen by index stepping: step = total // n, indices step * i."""
    ys = range(0, h - ch + 1, stride)
    xs = range(0, w - cw + 1, stride)
    every = [(y, x, ch, cw) for y in ys for x in xs]
    step = len(every) // n
    return [every[step * i] for i in range(n)]


def tokens(torch, im, t, value_range, mean, std, pos_shift=0, channels_last=True):
    """The MUSIQ token matrix [N, 3 P P + 3] of one PIL image for the spec's `tokens` t: each scale (the longer side
    resized to each of t["longer_sides"], then the native image when t["native"]) normalised, padded TF-"SAME" with 0
    to a multiple of P, cut into P x P patches row by row, each flattened (row, column, channel) and followed by its
    hashed position (r G // rows) G + (c G // cols), its scale index and mask 1. pos_shift moves every row hash down by
    one cell (a mutation for the tests). channels_last: patches flattened (row, column, channel), else
    (channel, row, column)."""
    p, g = t["patch"], t["grid"]
    w, h = im.size
    scales = [resize(torch, im, *side(w, h, s, w >= h), t["library"], t["interpolation"], t.get("antialias", True))
              for s in t["longer_sides"]]
    if t["native"]:
        scales.append(planes(im))
    out = []
    for index, x in enumerate(scales):
        x = normalise(x, value_range, mean, std)
        _, hh, ww = x.shape
        ph, pw = -(-hh // p) * p, -(-ww // p) * p
        padded = np.zeros((3, ph, pw), np.float32)
        top, left = (ph - hh) // 2, (pw - ww) // 2
        padded[:, top:top + hh, left:left + ww] = x
        rows, cols = ph // p, pw // p
        for r in range(rows):
            for c in range(cols):
                patch = padded[:, r * p:(r + 1) * p, c * p:(c + 1) * p]
                patch = (patch.transpose(1, 2, 0) if channels_last else patch).ravel()
                hr = min(g - 1, r * g // rows + pos_shift)
                out.append(np.concatenate([patch, [hr * g + c * g // cols, index, 1.0]]).astype(np.float32))
    return np.stack(out)


def softmax(z):
    z = np.asarray(z, np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()


def prompt_pairs(anchors, scale, emb):
    """CLIP-IQA: P(second) of each consecutive [bad, good] anchor pair from the cosines, averaged over the pairs."""
    a = np.asarray(anchors, np.float64)
    e = np.asarray(emb, np.float64)
    cos = a @ e / (np.linalg.norm(a, axis=1) * np.linalg.norm(e))
    return float(np.mean([softmax(scale * cos[i:i + 2])[1] for i in range(0, len(a), 2)]))


def levels(weights, logits):
    return float(np.dot(weights, softmax(logits)))


def onnx_export(torch, model, path, examples, names, dynamic):
    model.eval()
    torch.onnx.export(model, tuple(examples), path, input_names=names, output_names=["out"], dynamic_axes=dynamic,
                      opset_version=17, dynamo=False)


def write_spec(out_dir, spec, model_file):
    spec = dict(spec)
    spec["uri"] = os.path.basename(model_file)
    spec["sha256"] = hashlib.sha256(open(model_file, "rb").read()).hexdigest()
    order = ["id", "engine", "uri", "sha256"]
    with open(os.path.join(out_dir, spec["id"] + ".json"), "w") as fh:
        json.dump({k: spec[k] for k in order + [k for k in spec if k not in order]}, fh, indent=2)
        fh.write("\n")


def write_expected(out_dir, fid, header, rows):
    """<fid>_expected.csv: photo, then one column per score (and per mutated score)."""
    with open(os.path.join(out_dir, fid + "_expected.csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["photo"] + header)
        w.writerows([name] + [repr(float(v)) for v in values] for name, values in rows)
    spreads = {hd: max(r[1][i] for r in rows) - min(r[1][i] for r in rows) for i, hd in enumerate(header)}
    print(f"{fid}: spreads " + ", ".join(f"{k} {v:.3g}" for k, v in spreads.items()))


def check_images(torch, a, header, score):
    """With --check-images: <id>_expected.csv in --out, score(PIL image) -> one value per header column."""
    if not getattr(a, "check_images", None):
        return
    rows = []
    with torch.no_grad():
        for path in a.check_images:
            rows.append((os.path.splitext(os.path.basename(path))[0], score(Image.open(path).convert("RGB"))))
    write_expected(a.out, a.id, header, rows)


def tiny_model(torch, cls, a):
    """The family's plain-torch module built from --config (JSON) with the --weights state_dict loaded strictly."""
    if not a.weights:
        fail(f"export_model: --config needs --weights (a {cls.__name__} state_dict)")
    model = cls(**json.loads(a.config))
    model.load_state_dict(torch.load(a.weights, map_location="cpu", weights_only=True))
    return model.eval()


def ort_runner(path):
    import onnxruntime as ort
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    return lambda *xs: sess.run(None, {n: np.ascontiguousarray(x) for n, x in zip(names, xs)})[0]


def fail(message):
    """Exit 2 with the message (a missing package or option), as export_model.py does."""
    import sys
    print(message, file=sys.stderr)
    sys.exit(2)
