"""Centre-crop features of synthetically distorted training images, for the quality head's ranking rows.

Each AGIQA-3K training image (never a test one) is distorted six ways -- Gaussian blur (PIL radius 1.5, 3), white
Gaussian noise (sigma 10, 25 on 0..255, seeded per image), JPEG (PIL quality 40, 15) -- after the spec's resize, and
its centre 224 x 224 crop (the middle crop of the 3 x 3 grid; offset 144 on a 512 image, a multiple of 8, so JPEG
blocks line up as in the whole image) goes through both backbones. train_head.py asks the head to score every
distorted crop below the clean centre crop (cached by features.py) by a margin per severity level.
"""
import argparse
import io
import time

from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageFilter

import features
import split

# (name, kind, level parameter, severity level 1 or 2)
DISTORTIONS = [("blur1.5", "blur", 1.5, 1), ("blur3", "blur", 3.0, 2), ("noise10", "noise", 10, 1),
               ("noise25", "noise", 25, 2), ("jpeg40", "jpeg", 40, 1), ("jpeg15", "jpeg", 15, 2)]


def distort(img, kind, level, rng):
    """One RGB PIL image distorted: blur radius, noise sigma or JPEG quality ``level``."""
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(level))
    if kind == "noise":
        noisy = np.asarray(img, np.float64) + rng.normal(0, level, (img.size[1], img.size[0], 3))
        return Image.fromarray(np.clip(np.round(noisy), 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=level)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def distorted_crops(path, seed):
    """(6, 3, 224, 224) float32 in [0, 1]: the middle grid crop (features.grid_crops) of each distortion of the
    resized image."""
    img = features.resized(Image.open(path).convert("RGB"))
    rng = np.random.default_rng(seed)
    return torch.stack([features.grid_crops(np.asarray(distort(img, kind, level, rng), np.uint8))[features.CENTRE]
                        for _, kind, level, _ in DISTORTIONS]).numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", required=True, help="unpacked nsfwjs package folder")
    ap.add_argument("--images", required=True)
    ap.add_argument("--features", required=True, help="features.py .npz (its names fix the image order)")
    ap.add_argument("--split-seed", type=int, default=0)
    ap.add_argument("--out", required=True, help=".npz: names, features (images, 6, features), levels, taps")
    a = ap.parse_args()
    names = [str(n) for n in np.load(a.features)["names"]]
    train = [n for n in names if not split.is_test(split.prompt_of(n), a.split_seed)]
    sess = features.onnx_session(features.load_backbones(a.package), Path(a.out).with_suffix(".features.onnx"))
    out, t0 = [], time.time()
    for k, name in enumerate(train):
        out.append(sess.run(None, {"x": distorted_crops(Path(a.images) / name, k)})[0])
        if (k + 1) % 500 == 0:
            print(f"{k + 1}/{len(train)} images, {(time.time() - t0) / (k + 1):.2f} s/image", flush=True)
    np.savez(a.out, names=np.array(train), features=np.stack(out).astype(np.float32), taps=features.tap_ids(),
             distortions=np.array([d[0] for d in DISTORTIONS]), levels=np.array([d[3] for d in DISTORTIONS]))
    print(f"wrote {a.out}: {len(out)} images x {len(DISTORTIONS)} distortions")


if __name__ == "__main__":
    main()
