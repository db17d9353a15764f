"""Trains spark-iqa's default no-reference model, `kodak_nr`, on synthetic distortions of 16 Kodak photos.

Recipe (CPU, ~5-10 minutes, deterministic seeds):
- photos: the 16 bundled Kodak photos the quickstart does NOT use (kodim02, 04, 06, 08-12, 14, 16-18, 20-22,
  24); the quickstart's 8 (kodim01, 03, 05, 07, 13, 15, 19, 23) are held out for validation;
- distortions at graded severities s in [0, 1] (0 = pristine): Gaussian blur (sigma 0.3..5.5 px), white
  Gaussian noise (sigma 1..45), JPEG (quality 95..8), contrast reduction and under/over-exposure; the
  target is 1 - s (higher is better);
- input: a crop at native resolution (random 128x128 when training, centred 256x256 when scoring; the network
  is fully convolutional), ImageNet mean/std; model: a 5-stage CNN with global average pooling and a
  linear head, plus an 8x8 stride-8 branch aligned with JPEG's block grid (~110k parameters); JPEG drawn twice as often as the other distortions;
- loss: mean squared error plus a pairwise ranking hinge within each batch; Adam, 2400 steps of 24.
Exports conf/models/kodak_nr.onnx and conf/models/kodak_nr.json (spec with sha256) and prints the
held-out SRCC per distortion (Python side; the Java side is tested by QuickstartLadderTest).
"""
import io
import hashlib
import json
import os
import random

import numpy as np
import torch
from PIL import Image, ImageFilter
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KODAK = os.path.join(ROOT, "data", "kodak")
OUT = os.path.join(ROOT, "conf", "models")
HELD_OUT = ["kodim01", "kodim03", "kodim05", "kodim07", "kodim13", "kodim15", "kodim19", "kodim23"]
TRAIN = [f"kodim{i:02d}" for i in range(1, 25) if f"kodim{i:02d}" not in HELD_OUT]
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
CROP = 256
TRAIN_CROP = 128
KINDS = ["blur", "noise", "jpeg", "jpeg", "contrast", "exposure", "none"]


def distort(im, kind, s, rng):
    if kind == "blur":
        return im.filter(ImageFilter.GaussianBlur(0.3 + 5.2 * s))
    if kind == "noise":
        a = np.asarray(im, dtype=np.float32)
        a = a + rng.normal(0, 1 + 44 * s, a.shape)
        return Image.fromarray(np.clip(np.round(a), 0, 255).astype(np.uint8))
    if kind == "jpeg":
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=int(round(95 - 87 * s)))
        return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    if kind == "contrast":
        a = np.asarray(im, dtype=np.float32)
        m = a.mean()
        return Image.fromarray(np.clip(np.round(m + (a - m) * (1 - 0.85 * s)), 0, 255).astype(np.uint8))
    if kind == "exposure":
        a = np.asarray(im, dtype=np.float32) / 255
        g = 1 + 2.5 * s if rng.random() < 0.5 else 1 / (1 + 2.5 * s)
        return Image.fromarray(np.clip(np.round(255 * a ** g), 0, 255).astype(np.uint8))
    return im


def tensor(im):
    x = np.asarray(im, dtype=np.float32) / 255.0
    return ((x - MEAN) / STD).transpose(2, 0, 1)


def crop(im, rng, center=False, size=CROP):
    w, h = im.size
    if center:
        left, top = round((w - size) / 2), round((h - size) / 2)
    else:
        left, top = rng.integers(0, w - size + 1), rng.integers(0, h - size + 1)
    return im.crop((left, top, left + size, top + size))


class KodakNr(torch.nn.Module):
    def __init__(self):
        super().__init__()
        layers, c = [], 3
        for out in (16, 24, 32, 48, 64):
            layers += [torch.nn.Conv2d(c, out, 3, stride=1 if c == 3 else 2, padding=1), torch.nn.ReLU(),
                       torch.nn.Conv2d(out, out, 3, padding=1), torch.nn.ReLU()]
            c = out
        self.features = torch.nn.Sequential(*layers, torch.nn.AdaptiveAvgPool2d(1))
        # an 8x8 stride-8 branch aligned with JPEG's block grid (crops start on it), DCT-like by learning
        self.blocks = torch.nn.Sequential(torch.nn.Conv2d(3, 32, 8, stride=8), torch.nn.ReLU(),
                                          torch.nn.Conv2d(32, 16, 1), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1))
        self.head = torch.nn.Linear(64 + 16, 1)

    def forward(self, x):
        return self.head(torch.cat([torch.flatten(self.features(x), 1), torch.flatten(self.blocks(x), 1)], 1))


def batch(photos, rng, n):
    xs, ys = [], []
    for _ in range(n):
        im = photos[rng.integers(len(photos))]
        kind = KINDS[rng.integers(len(KINDS))]
        s = 0.0 if kind == "none" else float(rng.random())
        patch = crop(im, rng, size=TRAIN_CROP)
        xs.append(tensor(distort(patch, kind, s, rng)))
        ys.append(1 - s)
    return torch.tensor(np.stack(xs)), torch.tensor(ys, dtype=torch.float32)


def main():
    torch.manual_seed(7)
    random.seed(7)
    rng = np.random.default_rng(7)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    photos = [Image.open(os.path.join(KODAK, p + ".png")).convert("RGB") for p in TRAIN]
    model = KodakNr()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    steps = int(os.environ.get("STEPS", "2400"))
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    for step in range(steps):
        x, y = batch(photos, rng, 24)
        p = model(x)[:, 0]
        diff_p = p[:, None] - p[None, :]
        diff_y = y[:, None] - y[None, :]
        rank = torch.relu(0.05 - diff_p * torch.sign(diff_y))[diff_y.abs() > 0.05].mean()
        loss = torch.mean((p - y) ** 2) + rank
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0:
            print(f"step {step} loss {loss.item():.4f}", flush=True)
    model.eval()
    # held-out check on the quickstart ladder's distortions (PIL versions), centred crop
    held = [Image.open(os.path.join(KODAK, p + ".png")).convert("RGB") for p in HELD_OUT]
    levels = {"blur": [0.5, 1, 2, 3, 5], "noise": [2, 5, 10, 20, 40], "jpeg": [90, 70, 50, 30, 10]}
    with torch.no_grad():
        for kind, params in levels.items():
            xs, ys = [], []
            for im in held:
                for i, v in enumerate(params):
                    c = crop(im, rng, center=True)
                    if kind == "blur":
                        d = c.filter(ImageFilter.GaussianBlur(v))
                    elif kind == "noise":
                        a = np.asarray(c, dtype=np.float32) + rng.normal(0, v, (CROP, CROP, 3))
                        d = Image.fromarray(np.clip(np.round(a), 0, 255).astype(np.uint8))
                    else:
                        buf = io.BytesIO()
                        c.save(buf, "JPEG", quality=v)
                        d = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
                    xs.append(tensor(d))
                    ys.append(5 - i)
            s = model(torch.tensor(np.stack(xs)))[:, 0].numpy()
            print(f"held-out {kind}: SRCC {stats.spearmanr(s, ys).statistic:.3f}")
    os.makedirs(OUT, exist_ok=True)
    onnx_path = os.path.join(OUT, "kodak_nr.onnx")
    torch.onnx.export(model, torch.zeros(1, 3, CROP, CROP), onnx_path, input_names=["pixels"], output_names=["quality"],
                      dynamic_axes={"pixels": {0: "batch", 2: "height", 3: "width"}, "quality": {0: "batch"}},
                      opset_version=17, dynamo=False)
    sha = hashlib.sha256(open(onnx_path, "rb").read()).hexdigest()
    spec = {"id": "kodak_nr", "engine": "OnnxRuntime", "uri": "kodak_nr.onnx", "sha256": sha, "mode": "NR",
            "lower_better": False, "range": [-1, 2],
            "input": {"color": "RGB", "value_range": [0, 1], "mean": MEAN.tolist(), "std": STD.tolist(), "layout": "NCHW"},
            "resize": {"policy": "none"}, "crops": {"policy": "center", "width": CROP, "height": CROP},
            "head": {"type": "scalar"}, "batch": {"max": 16, "bucket_by_shape": True},
            "licence": "same terms as the bundled Kodak photos (see data/kodak/README.md); weights trained here",
            "source": "scripts/train_default_model.py (see conf/models/kodak_nr.md)",
            "trained_on": ["synthetic distortions of 16 Kodak photos (kodim02, 04, 06, 08-12, 14, 16-18, 20-22, 24)"]}
    with open(os.path.join(OUT, "kodak_nr.json"), "w") as fh:
        json.dump(spec, fh, indent=2)
    print("wrote", onnx_path, os.path.getsize(onnx_path), "bytes, sha256", sha)


if __name__ == "__main__":
    main()
