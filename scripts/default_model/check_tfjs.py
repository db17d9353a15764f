"""Checks the torch rebuilds against nsfwjs itself: for MobileNetV2 and InceptionV3, the same 5 class
probabilities within 1e-4 on a few photos.

Usage: check_tfjs.py --package DIR --node-path DIR IMAGE...  (images are centre-cropped to the model's size,
224 or 299, so neither side resizes; both get bytes / 255, as nsfwjs does). The content classes are only
compared here; they never leave this check.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

import keras_graph

MODELS = [("MobileNetV2", "mobilenet_v2", 224), ("InceptionV3", "inception_v3", 299)]


def crops(paths, size):
    out = []
    for p in paths:
        img = Image.open(p).convert("RGB")
        w, h = img.size
        left, top = (w - size) // 2, (h - size) // 2
        out.append(np.asarray(img.crop((left, top, left + size, top + size)), dtype=np.uint8))
    return np.stack(out)


def max_diff(a, name, folder, size):
    x = crops(a.images, size)
    with tempfile.TemporaryDirectory() as tmp:
        raw, res = Path(tmp) / "in.u8", Path(tmp) / "out.json"
        raw.write_bytes(x.tobytes())
        subprocess.run(["node", str(Path(__file__).with_name("check_tfjs.js")), name, str(size), str(raw),
                        str(len(x)), str(res)],
                       check=True, env={"NODE_PATH": a.node_path, "PATH": "/usr/bin:/bin:/usr/local/bin"})
        ref = json.loads(res.read_text())
    net = keras_graph.load(Path(a.package) / "dist/models" / folder)
    with torch.no_grad():
        got = net(torch.from_numpy(x).permute(0, 3, 1, 2).float() / 255.0)[0].numpy()
    diff = float(np.abs(got - np.asarray(ref["probs"])).max())
    print(f"{name}: tfjs {ref['tfjs']} ({ref['backend']}) vs torch rebuild on {len(x)} photos: "
          f"max |prob diff| = {diff:.3g} (tolerance {a.tolerance})")
    return diff


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", required=True, help="unpacked nsfwjs package folder")
    ap.add_argument("--node-path", required=True, help="node_modules holding @tensorflow/tfjs and nsfwjs")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()
    diffs = [max_diff(a, *m) for m in MODELS]
    sys.exit(0 if all(d <= a.tolerance for d in diffs) else 1)  # a NaN difference fails


if __name__ == "__main__":
    main()
