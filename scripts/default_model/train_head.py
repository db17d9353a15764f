"""Quality head on cached per-crop features: model selection by prompt-grouped K-fold cross-validation on
the training split only; the chosen head is refit on the whole training split and saved (.npz) for
export.py. The test split is never read here.

Heads (all score one crop; the image score is the mean over the 3 x 3 crops, as the Java lane computes it):
- ridge: standardised features -> linear (closed form, on crop-mean features: a linear head's crop mean),
  fitted either to the MOS or to its normal scores (the MOS ranks mapped through the inverse normal CDF, a target
  for rank agreement that ignores the MOS scale's skew); a normal-scores head is then mapped back to the MOS
  scale by one affine least-squares fit on the training split (an affine map keeps ranks and commutes with the
  crop mean);
- ridge_pairs: the ridge above plus ranking rows (primal solve): for every training image and every synthetic
  distortion of distortions.py, the head should score the distorted centre crop ``delta * level`` (target units)
  below the clean centre crop; squared error on those differences, weighted ``lam`` against the MOS fit. It keeps
  a head fitted to AI-generated images sensitive to the blur, noise and JPEG loss that dominate camera photos;
- mlp: standardised features -> Linear -> ReLU -> Linear, trained on the crop-mean of its outputs
  (Adam, weight decay, fixed epochs and seed), optionally with the ranking rows as a second squared-error term;
- ensemble: a fixed-weight sum of heads, each on its own taps (a crop's score is the weighted sum of the parts'
  crop scores, so the image score is still the crop mean, as the Java lane computes it).
"""
import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.linalg
import torch
from scipy.stats import norm, pearsonr, rankdata, spearmanr

import distortions
import split
from features import CENTRE, TAPS, tap_ids

TAP_CHANNELS = [channels for _, _, channels in TAPS]
LEVELS = np.array([level for *_, level in distortions.DISTORTIONS])


def tap_columns(taps):
    """Feature columns of the given tap indices (each tap: its channel means, then its channel stds)."""
    cols, start = [], 0
    for t, c in enumerate(TAP_CHANNELS):
        if t in taps:
            cols.extend(range(start, start + 2 * c))
        start += 2 * c
    return np.array(cols)


def load(features, labels, seed):
    z = np.load(features)
    if "taps" not in z.files or list(z["taps"]) != list(tap_ids()):
        raise SystemExit(f"{features} holds features of other taps than features.TAPS (an older recipe): delete it "
                         "and rerun features.py")
    names = [str(n) for n in z["names"]]
    mos = pd.read_csv(labels).set_index("name")["mos_quality"]
    y = mos.loc[names].to_numpy(np.float64)
    prompts = np.array([split.prompt_of(n) for n in names])
    test = np.array([split.is_test(p, seed) for p in prompts])
    return names, z["features"].astype(np.float32), y, prompts, test


def load_distorted(path, names):
    """distortions.py features aligned with ``names`` (every training image must be there): (images, 6, features)."""
    z = np.load(path)
    if list(z["taps"]) != list(tap_ids()) or list(z["distortions"]) != [d[0] for d in distortions.DISTORTIONS]:
        raise SystemExit(f"{path} holds other taps or distortions than this recipe's: delete it and rerun "
                         "distortions.py")
    row = {str(n): i for i, n in enumerate(z["names"])}
    missing = [n for n in names if n not in row]
    if missing:
        raise SystemExit(f"{path} lacks {len(missing)} training images (first: {missing[0]}): rerun distortions.py")
    return z["features"][[row[n] for n in names]].astype(np.float32)


def folds(prompts, k, seed):
    """Prompt-grouped folds: each prompt's images fall in one fold (a seeded shuffle of the prompts)."""
    uniq = np.unique(prompts)
    rng = np.random.default_rng(seed)
    order = rng.permutation(uniq)
    fold_of = {p: i % k for i, p in enumerate(order)}
    f = np.array([fold_of[p] for p in prompts])
    return [(np.where(f != i)[0], np.where(f == i)[0]) for i in range(k)]


class Standardise:
    def __init__(self, x):
        self.mu = x.reshape(-1, x.shape[-1]).mean(0)
        self.sd = x.reshape(-1, x.shape[-1]).std(0) + 1e-6

    def __call__(self, x):
        return (x - self.mu) / self.sd


def normal_scores(y):
    """The inverse normal CDF of each value's rank / (n + 1) (ties share their mean rank)."""
    return norm.ppf(rankdata(y) / (len(y) + 1))


TARGETS = {"mos": lambda y: y, "normal_scores": normal_scores}


def fit_ridge(x, y, alpha, target="mos", **_):
    """x: (images, crops, features). A head dict: standardisation + linear weights (dual form, one solve)."""
    return fit_ridge_path(x, y, [alpha], target)[0]


def fit_ridge_path(x, y, alphas, target="mos"):
    """Ridge heads for several alphas (penalty alpha * n * |w|^2 on standardised crop-mean features) from one
    eigendecomposition of the Gram matrix, fitted to ``TARGETS[target](y)`` and returned on the MOS scale."""
    std = Standardise(x)
    xm = std(x).mean(1).astype(np.float64)
    t = TARGETS[target](y)
    tm = t.mean()
    s, u = np.linalg.eigh(xm @ xm.T)
    ut = u.T @ (t - tm)
    return [linear_head(std, xm, xm.T @ (u @ (ut / (np.maximum(s, 0) + alpha * len(xm)))), tm, y, target)
            for alpha in alphas]


def linear_head(std, xm, w, tm, y, target):
    """Head dict of the linear score xm @ w + tm, mapped back to the MOS scale when fitted to another target (by
    the least-squares affine map of the fitted values: it keeps ranks and commutes with the crop mean)."""
    slope, bias = 1.0, tm
    if target != "mos":
        slope, bias = np.polyfit(xm @ w + tm, y, 1)
        bias += slope * tm
    return {"kind": "ridge", "mu": std.mu, "sd": std.sd, "w1": (slope * w)[None, :].astype(np.float32),
            "b1": np.array([bias], np.float32)}


def fit_ridge_pairs(x, y, alpha, target="mos", lam=0.0, delta=0.5, distorted=None, **_):
    """Ridge on standardised crop-mean features (which have zero mean over the images) plus ``lam`` times the mean
    squared error of the ranking rows: clean centre crop minus distorted centre crop should score delta * level."""
    return fit_ridge_pairs_path(x, y, alpha, target, [(lam, delta)], distorted)[0]


def fit_ridge_pairs_path(x, y, alpha, target, settings, distorted):
    """fit_ridge_pairs for several (lam, delta) settings from one pair of Gram matrices (primal solves)."""
    std = Standardise(x)
    xm = std(x).mean(1).astype(np.float64)
    t = TARGETS[target](y)
    tm = t.mean()
    diff = ((x[:, CENTRE, None, :] - distorted) / std.sd).reshape(-1, x.shape[-1]).astype(np.float64)
    levels = np.tile(LEVELS, len(x)).astype(np.float64)
    gram_mos, gram_pairs = xm.T @ xm / len(xm), diff.T @ diff / len(diff)
    rhs_mos, rhs_pairs = xm.T @ (t - tm) / len(xm), diff.T @ levels / len(diff)
    heads = []
    for lam, delta in settings:
        gram = gram_mos + lam * gram_pairs
        gram[np.diag_indices_from(gram)] += alpha
        w = scipy.linalg.solve(gram, rhs_mos + lam * delta * rhs_pairs, assume_a="pos")
        heads.append(linear_head(std, xm, w, tm, y, target))
    return heads


def fit_mlp(x, y, hidden, wd, epochs=300, lr=1e-3, dropout=0.2, seed=0, lam=0.0, delta=0.5, distorted=None, **_):
    """The MLP head (see the module doc), fitted to the standardised MOS; with ``lam`` > 0 also to the ranking rows
    (clean minus distorted centre crop = ``delta * level`` in standardised-MOS units, squared error weighted lam)."""
    std = Standardise(x)
    torch.manual_seed(seed)
    xt = torch.from_numpy(std(x).astype(np.float32))
    yt = torch.from_numpy(((y - y.mean()) / y.std()).astype(np.float32))
    pairs = lam > 0
    if pairs and distorted is None:
        raise ValueError("an MLP with ranking rows (lam > 0) needs the distorted crops (--distortions)")
    if pairs:
        dt = torch.from_numpy(std(distorted).astype(np.float32))
        margin = torch.from_numpy((delta * LEVELS).astype(np.float32))
    net = torch.nn.Sequential(torch.nn.Dropout(dropout), torch.nn.Linear(x.shape[-1], hidden), torch.nn.ReLU(),
                              torch.nn.Linear(hidden, 1))
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=wd)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for idx in torch.randperm(len(xt), generator=gen).split(128):
            opt.zero_grad()
            out = net(xt[idx]).squeeze(-1)
            loss = torch.nn.functional.mse_loss(out.mean(1), yt[idx])
            if pairs:
                drop = out[:, CENTRE, None] - net(dt[idx]).squeeze(-1)
                loss = loss + lam * torch.nn.functional.mse_loss(drop, margin.expand_as(drop))
            loss.backward()
            opt.step()
    lin1, lin2 = net[1], net[3]
    return {"kind": "mlp", "mu": std.mu, "sd": std.sd,
            "w1": lin1.weight.detach().numpy().copy(), "b1": lin1.bias.detach().numpy().copy(),
            "w2": (lin2.weight.detach().numpy() * y.std()).astype(np.float32),
            "b2": (lin2.bias.detach().numpy() * y.std() + y.mean()).astype(np.float32)}


def fit_ensemble(x, y, parts, weights, taps, distorted=None, fitted=None, **_):
    """Weighted sum of heads (any of FIT, each on its own taps within ``taps``): a crop's score is the weighted sum of
    the parts' crop scores, so the image score stays the crop mean. ``fitted``: the parts already fitted on x, y."""
    union = tap_columns(taps)
    part_cols = [tap_columns(p["taps"]) for p in parts]
    if len(weights) != len(parts) or not all(np.isin(c, union).all() for c in part_cols):
        raise ValueError("an ensemble needs one weight per part and every part's taps within the ensemble's taps")
    local = [np.searchsorted(union, c) for c in part_cols]
    heads = fitted or [FIT[p["head"]](x[:, :, c], y, distorted=None if distorted is None else distorted[:, :, c], **p)
                       for p, c in zip(parts, local)]
    return {"kind": "ensemble", "parts": [(float(w), c, h) for w, c, h in zip(weights, local, heads)]}


def predict(head, x):
    """Image scores: the head on every crop, then the mean over crops (float64 reference of the ONNX head)."""
    if head["kind"] == "ensemble":
        return sum(w * predict(h, x[..., c]) for w, c, h in head["parts"])
    z = ((x - head["mu"]) / head["sd"]).astype(np.float64)
    h = z @ head["w1"].T.astype(np.float64) + head["b1"]
    if head["kind"] == "mlp":
        h = np.maximum(h, 0) @ head["w2"].T.astype(np.float64) + head["b2"]
    return h[..., 0].mean(1)


def head_arrays(head, prefix=""):
    """A head as flat .npz arrays (an ensemble's parts under ``p<i>_``: weight, columns within its taps, the head)."""
    if head["kind"] != "ensemble":
        return {prefix + k: v for k, v in head.items()}
    out = {prefix + "kind": "ensemble", prefix + "n_parts": len(head["parts"])}
    for i, (w, c, h) in enumerate(head["parts"]):
        out |= {f"{prefix}p{i}_weight": w, f"{prefix}p{i}_columns": c} | head_arrays(h, f"{prefix}p{i}_")
    return out


def head_from_arrays(z, prefix=""):
    """The inverse of head_arrays (``z``: a loaded .npz or dict)."""
    kind = str(z[prefix + "kind"])
    if kind != "ensemble":
        keys = ["mu", "sd", "w1", "b1"] + (["w2", "b2"] if kind == "mlp" else [])
        return {"kind": kind} | {k: z[prefix + k] for k in keys}
    return {"kind": kind, "parts": [(float(z[f"{prefix}p{i}_weight"]), z[f"{prefix}p{i}_columns"],
                                     head_from_arrays(z, f"{prefix}p{i}_")) for i in range(int(z[prefix + "n_parts"]))]}


FIT = {"ridge": fit_ridge, "ridge_pairs": fit_ridge_pairs, "mlp": fit_mlp, "ensemble": fit_ensemble}


def cross_validate(x, y, prompts, cands, k, seed, distorted=None):
    """Out-of-fold predictions of each candidate (ridge candidates sharing taps and target share one solve per fold,
    ridge_pairs ones sharing alpha and target one pair of Gram matrices, ensembles of the same parts one fit of the
    parts; ``distorted``: the ranking rows' crops per image, for ridge_pairs and MLPs with lam > 0)."""
    oof = np.zeros((len(cands), len(y)))
    fold_srcc = [[] for _ in cands]
    drops = np.zeros((len(cands), len(y), len(LEVELS)))  # clean centre crop score minus distorted crop score
    targets = {c.get("target", "mos") for c in cands}
    one_path = all(c["head"] == "ridge" for c in cands) and len(targets) == 1
    pairs_path = (all(c["head"] == "ridge_pairs" for c in cands) and len(targets) == 1
                  and len({c["alpha"] for c in cands}) == 1)
    same_parts = all(c["head"] == "ensemble" and c["parts"] == cands[0]["parts"] for c in cands)
    for tr, va in folds(prompts, k, seed):
        if one_path:
            heads = fit_ridge_path(x[tr], y[tr], [c["alpha"] for c in cands], next(iter(targets)))
        elif pairs_path:
            heads = fit_ridge_pairs_path(x[tr], y[tr], cands[0]["alpha"], next(iter(targets)),
                                         [(c.get("lam", 0.0), c.get("delta", 0.5)) for c in cands], distorted[tr])
        elif same_parts:
            first = fit_ensemble(x[tr], y[tr], distorted=None if distorted is None else distorted[tr], **cands[0])
            fitted = [h for _, _, h in first["parts"]]
            heads = [fit_ensemble(x[tr], y[tr], fitted=fitted, **c) for c in cands]
        else:
            heads = [FIT[c["head"]](x[tr], y[tr], distorted=None if distorted is None else distorted[tr], **c)
                     for c in cands]
        for i, h in enumerate(heads):
            oof[i, va] = predict(h, x[va])
            fold_srcc[i].append(spearmanr(oof[i, va], y[va])[0])
            if distorted is not None:
                clean = predict(h, x[va][:, [CENTRE]])
                drops[i, va] = np.stack([clean - predict(h, distorted[va][:, [j]]) for j in range(len(LEVELS))], 1)
    res = [{"srcc_oof": float(spearmanr(o, y)[0]), "plcc_oof": float(pearsonr(o, y)[0]),
            "srcc_fold_mean": float(np.mean(f)), "srcc_fold_sd": float(np.std(f))} for o, f in zip(oof, fold_srcc)]
    if distorted is not None:  # held-out images: share of distorted centre crops scored below the clean one
        for r, d in zip(res, drops):
            r["lower_share"] = dict(zip([n for n, *_ in distortions.DISTORTIONS], map(float, (d > 0).mean(0))))
    return res


# Tap indices into features.TAPS: 0-7 MobileNetV2 (0-3 ImageNet layers), 8-14 InceptionV3 (all ImageNet layers).
MOBILENET_IMAGENET, MOBILENET_ALL, INCEPTION = [0, 1, 2, 3], list(range(8)), list(range(8, 15))
TAP_SETS = {"MobileNetV2 stage1..block_9 (ImageNet)": MOBILENET_IMAGENET,
            "MobileNetV2 all taps": MOBILENET_ALL,
            "InceptionV3 ..mixed4 (ImageNet)": INCEPTION,
            "MobileNetV2 ..block_9 + InceptionV3 ..mixed4 (ImageNet layers only)": MOBILENET_IMAGENET + INCEPTION,
            "MobileNetV2 all + InceptionV3 ..mixed4": MOBILENET_ALL + INCEPTION}


def candidates():
    """Groups of candidates evaluated together: per tap set, a ridge alpha path; ranking-row weights and margins on
    the full tap set at the plain ridge's best alpha and target; small MLPs on the small set; the ensemble weights of
    round 4's ranking-row ridge and a small MLP that fits the ranking rows too."""
    groups = []
    for label, taps in TAP_SETS.items():
        for target in TARGETS:
            groups.append([{"head": "ridge", "target": target, "taps": taps, "taps_label": label, "alpha": a}
                           for a in [0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0]])
    label = "MobileNetV2 all + InceptionV3 ..mixed4"
    groups.append([{"head": "ridge_pairs", "target": "normal_scores", "taps": TAP_SETS[label], "taps_label": label,
                    "alpha": 0.5, "lam": lam, "delta": delta}
                   for lam, delta in [(0.1, 0.5), (0.3, 0.5), (1.0, 0.5), (0.3, 0.25), (0.3, 1.0), (1.0, 1.0)]])
    small = "MobileNetV2 stage1..block_9 (ImageNet)"
    for hidden, wd in [(64, 0.05), (128, 0.5)]:
        groups.append([{"head": "mlp", "taps": TAP_SETS[small], "taps_label": small, "hidden": hidden, "wd": wd,
                        "epochs": 40}])
    # round 5: the ranking-row ridge plus an MLP on the small ImageNet set, which fits the ranking rows too
    parts = [{"head": "ridge_pairs", "target": "normal_scores", "taps": TAP_SETS[label], "alpha": 0.5, "lam": 0.1,
              "delta": 0.5},
             {"head": "mlp", "taps": TAP_SETS[small], "hidden": 64, "wd": 0.05, "epochs": 40, "lam": 0.1, "delta": 0.5}]
    groups.append([{"head": "ensemble", "taps": TAP_SETS[label], "taps_label": f"{label} (ridge) + {small} (MLP)",
                    "parts": parts, "weights": [w, round(1 - w, 2)]} for w in [0.5, 0.6, 0.7, 0.8]])
    return groups


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", required=True, help=".npz from features.py")
    ap.add_argument("--labels", required=True, help="AGIQA-3K data.csv (name, mos_quality)")
    ap.add_argument("--split-seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cv-seed", type=int, default=0)
    ap.add_argument("--distortions", help=".npz from distortions.py (without it, no candidate with ranking rows)")
    ap.add_argument("--only", help="JSON of one candidate: skip the search")
    ap.add_argument("--skip-mlp", action="store_true")
    ap.add_argument("--heads", help="comma-separated head kinds: evaluate only those candidate groups (default: all)")
    ap.add_argument("--out", required=True, help="head .npz; the CV table goes beside it as .cv.json")
    a = ap.parse_args()
    names, x, y, prompts, test = load(a.features, a.labels, a.split_seed)
    tr = ~test
    x, y, prompts = x[tr], y[tr], prompts[tr]
    distorted = load_distorted(a.distortions, [n for n, t in zip(names, tr) if t]) if a.distortions else None
    print(f"training split: {len(y)} images, {len(np.unique(prompts))} prompts; {a.folds}-fold CV grouped by prompt")
    table = []
    for group in ([[json.loads(a.only)]] if a.only else candidates()):
        if a.heads and group[0]["head"] not in a.heads.split(","):
            continue
        heads = [p for c in group for p in c.get("parts", [c])]  # an ensemble's parts, else the candidates
        needs_rows = any(p["head"] == "ridge_pairs" or p.get("lam", 0.0) > 0 for p in heads)
        if (a.skip_mlp and any(p["head"] == "mlp" for p in heads)) or (distorted is None and needs_rows):
            continue
        cols = tap_columns(group[0]["taps"])
        dist = None if distorted is None else distorted[:, :, cols]
        for cand, res in zip(group, cross_validate(x[:, :, cols], y, prompts, group, a.folds, a.cv_seed, dist)):
            table.append({**cand, **res})
            print(json.dumps(table[-1]), flush=True)
    if not table:
        raise SystemExit("no candidate was evaluated (--heads left none, or candidates with ranking rows need "
                         "--distortions)")
    best = max(table, key=lambda r: r["srcc_oof"])
    cols = tap_columns(best["taps"])
    head = FIT[best["head"]](x[:, :, cols], y, distorted=None if distorted is None else distorted[:, :, cols], **best)
    np.savez(a.out, columns=cols, **head_arrays(head), choice=json.dumps(best))
    Path(a.out).with_suffix(".cv.json").write_text(json.dumps({"chosen": best, "table": table}, indent=1))
    print("chosen:", json.dumps(best))


if __name__ == "__main__":
    main()
