"""Per-crop backbone features of a folder of images, cached as .npz (outside the repo).

Preprocessing is the exported spec's, in the Java lane's terms: RGB bytes / 255, shorter side to 512 with
PIL bicubic (a no-op on AGIQA-3K's 512 x 512 images), a 3 x 3 grid of 224 x 224 crops at offsets
round(i (H - 224) / 2). Every crop goes through both backbones of ``BACKBONES`` (MobileNetV2 on the [0, 1]
values, as nsfwjs feeds it; InceptionV3 on 2x - 1, the [-1, 1] range its ImageNet layers were trained on).
Per crop and per tap: channel means, then channel standard deviations over the spatial positions; the
MobileNetV2 taps first, then the InceptionV3 ones (``TAPS`` lists them in feature order).
"""
import argparse
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch
from PIL import Image

import keras_graph

CROP, GRID, SHORTER_SIDE = 224, 3, 512
CENTRE = GRID * GRID // 2  # index of the grid's middle crop (row by row)


class Backbone(NamedTuple):
    """One nsfwjs layers-model: its folder, the input scaling it gets, and its taps (layer name, channels)."""
    folder: str
    scale: float
    shift: float
    taps: list


# In nsfwjs, MobileNetV2 keeps its ImageNet weights up to block_10 (later blocks were fine-tuned on a 5-class
# content task) and InceptionV3 up to mixed5; the InceptionV3 taps stop at mixed4 (the model-size budget).
BACKBONES = [
    Backbone("mobilenet_v2", 1.0, 0.0, [
        ("expanded_conv_project_BN", 16), ("block_2_add", 24), ("block_5_add", 32), ("block_9_add", 64),
        ("block_12_add", 96), ("block_15_add", 160), ("block_16_project_BN", 320), ("out_relu", 1280)]),
    Backbone("inception_v3", 2.0, -1.0, [
        ("max_pooling2d_1", 64), ("max_pooling2d_2", 192), ("mixed0", 256), ("mixed1", 288), ("mixed2", 288),
        ("mixed3", 768), ("mixed4", 768)]),
]
TAPS = [(b.folder, name, channels) for b in BACKBONES for name, channels in b.taps]


def resized(img):
    """torchvision-style Resize(512) with PIL bicubic, as the Java lane's shorter_side policy."""
    w, h = img.size
    size = (SHORTER_SIDE, SHORTER_SIDE * h // w) if w <= h else (SHORTER_SIDE * w // h, SHORTER_SIDE)
    return img if size == (w, h) else img.resize(size, Image.BICUBIC)


def grid_crops(arr):
    """The 3 x 3 grid of 224 crops of an HWC uint8 array, row by row, as a float32 NCHW batch in [0, 1]."""
    h, w = arr.shape[:2]
    off = lambda slack, i: int(round(slack * i / (GRID - 1)))
    crops = [arr[off(h - CROP, i):off(h - CROP, i) + CROP, off(w - CROP, j):off(w - CROP, j) + CROP]
             for i in range(GRID) for j in range(GRID)]
    return torch.from_numpy(np.stack(crops)).permute(0, 3, 1, 2).float() / 255.0


def load_crops(path):
    return grid_crops(np.asarray(resized(Image.open(path).convert("RGB")), dtype=np.uint8))


def tap_stats(maps):
    """Channel means then channel stds (population) of each tap, concatenated: (batch, features)."""
    parts = []
    for m in maps:
        flat = m.flatten(2)
        parts.append(flat.mean(2))
        parts.append(flat.std(2, unbiased=False))
    return torch.cat(parts, 1)


def tap_ids():
    """``folder/layer`` of every tap in feature order: stored with cached features so a stale cache is caught."""
    return np.array([f"{folder}/{name}" for folder, name, _ in TAPS])


def load_backbones(package, used=None):
    """{folder: KerasGraph} of the backbones in ``used`` (default: all) from the unpacked nsfwjs package."""
    return torch.nn.ModuleDict({b.folder: keras_graph.load(Path(package) / "dist/models" / b.folder)
                                for b in BACKBONES if used is None or b.folder in used})


class TapFeatures(torch.nn.Module):
    """Crops in [0, 1] -> per-crop statistics of the given taps, in ``TAPS`` order (what the quality head reads)."""

    def __init__(self, nets, taps=None):
        super().__init__()
        self.nets = nets
        wanted = {(folder, name) for folder, name, _ in taps or TAPS}
        self.plan = [(b, names) for b in BACKBONES
                     if (names := [name for name, _ in b.taps if (b.folder, name) in wanted])]

    def forward(self, x):
        return torch.cat([tap_stats(self.nets[b.folder](x * b.scale + b.shift if b.scale != 1.0 else x, names))
                          for b, names in self.plan], 1)


def onnx_session(nets, path):
    """The feature extractor exported to ONNX at ``path`` (onnxruntime runs it ~6x faster than eager torch)."""
    import onnxruntime as ort
    torch.onnx.export(TapFeatures(nets), torch.zeros(GRID * GRID, 3, CROP, CROP), str(path), input_names=["x"],
                      output_names=["features"], dynamic_axes={"x": {0: "n"}, "features": {0: "n"}},
                      opset_version=17, dynamo=False)
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def extract(session, paths, log_every=200):
    out = []
    t0 = time.time()
    for k, p in enumerate(paths):
        out.append(session.run(None, {"x": load_crops(p).numpy()})[0])
        if log_every and (k + 1) % log_every == 0:
            print(f"{k + 1}/{len(paths)} images, {(time.time() - t0) / (k + 1):.2f} s/image", flush=True)
    return np.stack(out)  # images, crops, features


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", required=True, help="unpacked nsfwjs package folder")
    ap.add_argument("--images", required=True)
    ap.add_argument("--names", help="file with one image name per line (default: every file in --images)")
    ap.add_argument("--start", type=int, default=0, help="first image (index into the sorted names)")
    ap.add_argument("--stop", type=int, help="image index to stop before (default: all)")
    ap.add_argument("--out", required=True, help=".npz with names and per-crop features (rewritten every 100 images)")
    a = ap.parse_args()
    names = (Path(a.names).read_text().split() if a.names
             else sorted(p.name for p in Path(a.images).iterdir() if p.is_file()))
    names = names[a.start:a.stop]
    sess = onnx_session(load_backbones(a.package), Path(a.out).with_suffix(".features.onnx"))
    parts = []
    for k in range(0, len(names), 100):
        parts.append(extract(sess, [Path(a.images) / n for n in names[k:k + 100]], 0))
        feats = np.concatenate(parts)
        np.savez(a.out, names=np.array(names[:len(feats)]), features=feats.astype(np.float32), taps=tap_ids())
        print(f"wrote {a.out}: {feats.shape}", flush=True)


if __name__ == "__main__":
    main()
