"""Trains spark-iqa's default no-reference model, `kodak_nr`, on synthetic distortions of 16 Kodak photos.

Recipe (CPU, a few minutes, deterministic seeds):
- photos: the 16 bundled Kodak photos the quickstart does NOT use (kodim02, 04, 06, 08-12, 14, 16-18, 20-22,
  24); the quickstart's 8 (kodim01, 03, 05, 07, 13, 15, 19, 23) are held out for validation;
- distortions at graded severities s in [0, 1] (0 = pristine), made with OpenCV and NumPy as the quickstart
  ladder makes them: Gaussian blur (sigma 0.3..6 px), white Gaussian noise (sigma 1..48), JPEG (quality
  98..5, 4:2:0), contrast reduction and under/over-exposure; the target is 1 - s (higher is better);
- input: the centred 256x256 crop at native resolution (random 256x256 crops of the distorted full photo when
  training), ImageNet mean/std;
- model (ONNX, ~10k parameters): a fixed front end that measures the image, then a learned MLP. The front end
  works on luma and computes 17 statistics that do not depend much on content: noise (log energy of the
  Immerkaer residual in the flattest 8x8 blocks), sharpness across scales (log ratio of gradient energy at full
  and half/quarter resolution in the most textured blocks), JPEG blocking (how much stronger pixel steps are on
  one phase of the 8-pixel grid than on the others, any crop offset), flat-block share,
  and exposure (mean, spread, clipped shares). Only the MLP (17 -> 48 -> 48 -> 1) is trained;
- loss: mean squared error plus a pairwise ranking hinge within each batch of the same distortion; Adam.
Exports conf/models/kodak_nr.onnx and conf/models/kodak_nr.json (spec with sha256) and prints the held-out
SRCC per distortion on the quickstart ladder's levels (Python side; the Java side is QuickstartLadderTest).
"""
import hashlib
import json
import os

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KODAK = os.path.join(ROOT, "data", "kodak")
OUT = os.path.join(ROOT, "conf", "models")
HELD_OUT = ["kodim01", "kodim03", "kodim05", "kodim07", "kodim13", "kodim15", "kodim19", "kodim23"]
TRAIN = [f"kodim{i:02d}" for i in range(1, 25) if f"kodim{i:02d}" not in HELD_OUT]
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)
CROP = 256
KINDS = ["blur", "noise", "jpeg", "contrast", "exposure"]
LADDER = {"blur": [0.5, 1, 2, 3, 5], "noise": [2, 5, 10, 20, 40], "jpeg": [90, 70, 50, 30, 10]}


def distort(rgb, kind, s, rng):
    """rgb: uint8 HxWx3; s in [0, 1]."""
    if kind == "blur":
        return blur(rgb, 0.3 + 5.7 * s)
    if kind == "noise":
        return noise(rgb, 1 + 47 * s, rng)
    if kind == "jpeg":
        return jpeg(rgb, int(round(98 - 93 * s)))
    a = rgb.astype(np.float32)
    if kind == "contrast":
        m = a.mean()
        return np.clip(np.round(m + (a - m) * (1 - 0.85 * s)), 0, 255).astype(np.uint8)
    if kind == "exposure":
        g = 1 + 2.5 * s if rng.random() < 0.5 else 1 / (1 + 2.5 * s)
        return np.clip(np.round(255 * (a / 255) ** g), 0, 255).astype(np.uint8)
    return rgb


def blur(rgb, sigma):
    k = 2 * int(np.ceil(4 * sigma)) + 1
    return cv2.GaussianBlur(rgb, (k, k), sigma, sigma, borderType=cv2.BORDER_REFLECT_101)


def noise(rgb, sigma, rng):
    return np.clip(np.round(rgb + rng.normal(0, sigma, rgb.shape)), 0, 255).astype(np.uint8)


def jpeg(rgb, quality):
    ok, buf = cv2.imencode(".jpg", rgb[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)[:, :, ::-1]


def crop(rgb, rng=None):
    h, w = rgb.shape[:2]
    if rng is None:
        top, left = int(round((h - CROP) / 2)), int(round((w - CROP) / 2))
    else:
        top, left = rng.integers(0, h - CROP + 1), rng.integers(0, w - CROP + 1)
    return rgb[top:top + CROP, left:left + CROP]


def tensor(rgb):
    x = rgb.astype(np.float32) / 255.0
    return ((x - MEAN) / STD).transpose(2, 0, 1)


def block_energy(x, k=8):
    return F.avg_pool2d(x, k, k).flatten(1)


def lowest_mean(v, frac):
    k = max(1, int(v.shape[1] * frac))
    return -torch.topk(-v, k, dim=1).values.mean(1)


def highest_mean(v, frac):
    k = max(1, int(v.shape[1] * frac))
    return torch.topk(v, k, dim=1).values.mean(1)


def grid_phase(prof):
    """prof: mean |step| per position along one axis, (N, C, L) -> per channel log(max / mean of the rest) over the
    8 phases of the 8-pixel grid, (N, C)."""
    n = prof.shape[-1] // 8 * 8
    ph = prof[..., :n].reshape(prof.shape[0], prof.shape[1], -1, 8).mean(2)
    top = ph.max(2).values
    rest = (ph.sum(2) - top) / 7
    return torch.log((top + 0.05) / (rest + 0.05))


class Features(torch.nn.Module):
    """Fixed measurements of a 256x256 crop (no trained weights). Written as a few convolutions with fixed
    kernels (colour transform with the normalisation folded in, residual, steps) so that ONNX Runtime runs it in
    a few milliseconds per image."""

    def __init__(self):
        super().__init__()
        # luma (JPEG's Y on 0..255) of the normalised input: a 1x1 convolution
        ycc = torch.tensor([[0.299, 0.587, 0.114]])
        std = torch.tensor(STD)
        mean = torch.tensor(MEAN)
        self.register_buffer("ycc_w", (ycc * std[None, :] * 255).view(1, 3, 1, 1))
        self.register_buffer("ycc_b", ycc @ mean * 255)
        lap = torch.tensor([[1., -2., 1.], [-2., 4., -2.], [1., -2., 1.]]) / 6
        self.register_buffer("lap", lap.view(1, 1, 3, 3))
        # horizontal and vertical steps on the same (H-1) x (W-1) grid
        self.register_buffer("steps", torch.tensor([[[[-1., 1.], [0., 0.]]], [[[-1., 0.], [1., 0.]]]]))
        self.register_buffer("hstep", torch.tensor([[[[-1., 1.]]]]))
        self.register_buffer("vstep", torch.tensor([[[[-1.], [1.]]]]))

    def forward(self, x):
        y = F.conv2d(x, self.ycc_w, self.ycc_b)
        f = []
        # noise: Immerkaer residual energy in the flattest blocks
        r = F.conv2d(y, self.lap)
        e = block_energy(r * r)
        f += [torch.log(lowest_mean(e, 0.05) + 0.01), torch.log(lowest_mean(e, 0.25) + 0.01),
              torch.log(e.mean(1) + 0.01)]
        # sharpness across scales, in the most textured blocks
        grads = []
        z = y
        for _ in range(3):
            s = F.conv2d(z, self.steps)
            grads.append((s * s).sum(1, keepdim=True))
            z = F.avg_pool2d(z, 2)
        g0 = block_energy(grads[0], 16)
        g1 = block_energy(grads[1], 8)
        g2 = block_energy(grads[2], 4)
        for frac in (0.05, 0.25):
            f += [torch.log(highest_mean(g0, frac) + 1) - torch.log(highest_mean(g1, frac) + 1),
                  torch.log(highest_mean(g1, frac) + 1) - torch.log(highest_mean(g2, frac) + 1),
                  torch.log(highest_mean(g0, frac) + 1)]
        # JPEG blocking: luma steps on one phase of the 8-pixel grid against the others
        h = grid_phase(F.conv2d(y, self.hstep).abs().mean(2))
        v = grid_phase(F.conv2d(y, self.vstep).abs().mean(3))
        f += [h[:, 0], v[:, 0]]
        # flat 8x8 blocks (JPEG at low quality, strong blur): share with tiny within-block variance
        var = torch.clamp(block_energy(y * y) - block_energy(y) ** 2, min=0)
        f += [torch.sigmoid(2 - var).mean(1), torch.log(lowest_mean(var, 0.25) + 0.01)]
        # exposure and contrast
        flat = y.flatten(1)
        f += [flat.mean(1) / 255, flat.std(1) / 255, torch.sigmoid(flat - 250).mean(1),
              torch.sigmoid(5 - flat).mean(1)]
        return torch.stack(f, 1)


N_FEATURES = 17


class KodakNr(torch.nn.Module):
    def __init__(self, shift, scale):
        super().__init__()
        self.features = Features()
        self.register_buffer("shift", shift)
        self.register_buffer("scale", scale)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(N_FEATURES, 48), torch.nn.GELU(), torch.nn.Linear(48, 48),
                                       torch.nn.GELU(), torch.nn.Linear(48, 1))

    def forward(self, x):
        return self.mlp((self.features(x) - self.shift) / self.scale)


def training_set(rng, per_photo):
    feats = Features()
    xs, ys, ks = [], [], []
    for p in TRAIN:
        rgb = cv2.imread(os.path.join(KODAK, p + ".png"))[:, :, ::-1].copy()
        for i in range(per_photo):
            kind = KINDS[i % len(KINDS)]
            s = float(rng.random()) if i % 11 else 0.0
            d = crop(distort(rgb, kind, s, rng), rng)
            xs.append(tensor(d))
            ys.append(1 - s)
            ks.append(KINDS.index(kind))
        print("features of", p, flush=True)
    with torch.no_grad():
        f = torch.cat([feats(torch.tensor(np.stack(xs[i:i + 64]))) for i in range(0, len(xs), 64)])
    return f, torch.tensor(ys, dtype=torch.float32), torch.tensor(ks)


def ladder(photos, rng):
    """The quickstart ladder's distortions of the full photos, centre crops, per kind."""
    out = {}
    for kind, params in LADDER.items():
        xs, ys = [], []
        for p in photos:
            rgb = cv2.imread(os.path.join(KODAK, p + ".png"))[:, :, ::-1].copy()
            for i, v in enumerate(params):
                d = blur(rgb, v) if kind == "blur" else noise(rgb, v, rng) if kind == "noise" else jpeg(rgb, int(v))
                xs.append(tensor(crop(d)))
                ys.append(5 - i)
        out[kind] = (torch.tensor(np.stack(xs)), ys)
    return out


def main():
    torch.manual_seed(7)
    rng = np.random.default_rng(7)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    f, y, k = training_set(rng, int(os.environ.get("PER_PHOTO", "220")))
    shift, scale = f.mean(0), f.std(0) + 1e-6
    model = KodakNr(shift, scale)
    opt = torch.optim.Adam(model.mlp.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = int(os.environ.get("STEPS", "4000"))
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    g = torch.Generator().manual_seed(7)
    fz = (f - shift) / scale
    for step in range(steps):
        idx = torch.randint(0, len(y), (128,), generator=g)
        p = model.mlp(fz[idx])[:, 0]
        yy, kk = y[idx], k[idx]
        dp = p[:, None] - p[None, :]
        dy = yy[:, None] - yy[None, :]
        same = (kk[:, None] == kk[None, :]) & (dy.abs() > 0.03)
        rank = torch.relu(0.1 - dp * torch.sign(dy))[same].sum() / same.sum().clamp(min=1)
        loss = torch.mean((p - yy) ** 2) + rank
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 500 == 0:
            print(f"step {step} loss {loss.item():.4f}", flush=True)
    model.eval()
    with torch.no_grad():
        for split, photos in (("train", TRAIN[:8]), ("held-out", HELD_OUT)):
            for kind, (x, ys) in ladder(photos, np.random.default_rng(11)).items():
                s = model(x)[:, 0].numpy()
                print(f"{split} {kind}: SRCC {stats.spearmanr(s, ys).statistic:.3f}")
    os.makedirs(OUT, exist_ok=True)
    onnx_path = os.path.join(OUT, "kodak_nr.onnx")
    torch.onnx.export(model, torch.zeros(1, 3, CROP, CROP), onnx_path, input_names=["pixels"], output_names=["quality"],
                      dynamic_axes={"pixels": {0: "batch"}, "quality": {0: "batch"}}, opset_version=17, dynamo=False)
    sha = hashlib.sha256(open(onnx_path, "rb").read()).hexdigest()
    spec = {"id": "kodak_nr", "engine": "OnnxRuntime", "uri": "kodak_nr.onnx", "sha256": sha, "mode": "NR",
            "lower_better": False, "range": [-1, 2],
            "input": {"color": "RGB", "value_range": [0, 1], "mean": MEAN.tolist(), "std": STD.tolist(), "layout": "NCHW"},
            "resize": {"policy": "none"}, "crops": {"policy": "center", "width": CROP, "height": CROP},
            "head": {"type": "scalar"}, "batch": {"max": 16, "bucket_by_shape": True},
            "licence": "same terms as the bundled Kodak photos (see data/kodak/README.md); weights trained here",
            "source": "scripts/train_default_model.py (see conf/models/kodak_nr.md)",
            "trained_on": ["synthetic distortions of 16 Kodak photos (kodim02, 04, 06, 08-12, 14, 16-18, 20-22, 24)"],
            # ONNX Runtime's NCHWc layout pass (ALL_OPT) makes this net's 1-3 channel convolutions ~3x slower
            "engine_options": {"optLevel": "EXTENDED_OPT"}}
    with open(os.path.join(OUT, "kodak_nr.json"), "w") as fh:
        json.dump(spec, fh, indent=2)
    print("wrote", onnx_path, os.path.getsize(onnx_path), "bytes, sha256", sha)


if __name__ == "__main__":
    main()
