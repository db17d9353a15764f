"""Checks the torch rebuild against nsfwjs itself: same 5 class probabilities within 1e-4 on a few photos.

Usage: check_tfjs.py --package DIR --node-path DIR IMAGE...  (images are centre-cropped to 224 x 224, so
neither side resizes). The content classes are only compared here; they never leave this check.
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

import mobilenet_v2


def crops(paths):
    out = []
    for p in paths:
        img = Image.open(p).convert("RGB")
        w, h = img.size
        left, top = (w - 224) // 2, (h - 224) // 2
        out.append(np.asarray(img.crop((left, top, left + 224, top + 224)), dtype=np.uint8))
    return np.stack(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", required=True, help="unpacked nsfwjs package folder")
    ap.add_argument("--node-path", required=True, help="node_modules holding @tensorflow/tfjs and nsfwjs")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()
    x = crops(a.images)
    with tempfile.TemporaryDirectory() as tmp:
        raw, res = Path(tmp) / "in.u8", Path(tmp) / "out.json"
        raw.write_bytes(x.tobytes())
        subprocess.run(["node", str(Path(__file__).with_name("check_tfjs.js")), str(raw), str(len(x)), str(res)],
                       check=True, env={"NODE_PATH": a.node_path, "PATH": "/usr/bin:/bin:/usr/local/bin"})
        ref = json.loads(res.read_text())
    net = mobilenet_v2.load(Path(a.package) / "dist/models/mobilenet_v2")
    with torch.no_grad():
        t = torch.from_numpy(x).permute(0, 3, 1, 2).float() / 255.0
        got = net(t)[0].numpy()
    diff = float(np.abs(got - np.asarray(ref["probs"])).max())
    print(f"tfjs {ref['tfjs']} ({ref['backend']}) vs torch rebuild on {len(x)} photos: "
          f"max |prob diff| = {diff:.3g} (tolerance {a.tolerance})")
    sys.exit(0 if diff <= a.tolerance else 1)


if __name__ == "__main__":
    main()
