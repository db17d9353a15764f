"""Scores the exported model with the Python pipeline and reports its agreement with people.

  evaluate.py agiqa  --model M --images DIR --labels data.csv [--log evals.jsonl]   (the TEST split: once per model)
  evaluate.py ladder --model M --manifest manifest.jsonl                              (SRCC per distortion)
  evaluate.py mos    --model M --images DIR --labels mos.csv                          (path, mos: per-row scores)
SRCC, PLCC (raw and after a logistic-4 fit) with percentile bootstrap 95% CIs (2,000 resamples, seed 0).
"""
import argparse
import hashlib
import json
import time
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd
from scipy.optimize import curve_fit
from scipy.stats import pearsonr, spearmanr

import score
import split


def logistic4(x, a, b, c, d):
    return (a - b) / (1 + np.exp(-(x - c) / np.abs(d))) + b


def plcc_logistic(s, y):
    try:
        p, _ = curve_fit(logistic4, s, y, p0=[y.max(), y.min(), np.median(s), s.std() or 1.0], maxfev=20000)
        return pearsonr(logistic4(s, *p), y)[0]
    except RuntimeError:
        return float("nan")


def bootstrap(s, y, n=2000, seed=0):
    rng = np.random.default_rng(seed)
    srcc, plcc = [], []
    for _ in range(n):
        i = rng.integers(0, len(s), len(s))
        srcc.append(spearmanr(s[i], y[i])[0])
        plcc.append(pearsonr(s[i], y[i])[0])
    ci = lambda v: [float(np.percentile(v, 2.5)), float(np.percentile(v, 97.5))]
    return ci(srcc), ci(plcc)


def agreement(s, y):
    srcc_ci, plcc_ci = bootstrap(s, y)
    return {"n": int(len(s)), "srcc": float(spearmanr(s, y)[0]), "srcc_ci95": srcc_ci,
            "plcc": float(pearsonr(s, y)[0]), "plcc_ci95": plcc_ci, "plcc_logistic4": float(plcc_logistic(s, y))}


def cmd_agiqa(a, sess):
    labels = pd.read_csv(a.labels)
    test = labels[[split.split_of(n, a.split_seed) == "test" for n in labels["name"]]]
    if a.features:
        s, check = via_features(a, sess, list(test["name"]))
    else:
        s, check = np.array([score.score(sess, Path(a.images) / n) for n in test["name"]]), "all through the ONNX"
    res = {"split": f"test (prompt split, seed {a.split_seed})", "scored": check,
           **agreement(s, test["mos_quality"].to_numpy())}
    if a.log:
        entry = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "model_sha256": hashlib.sha256(Path(a.model).read_bytes()).hexdigest(), **res}
        with open(a.log, "a") as f:
            f.write(json.dumps(entry) + "\n")
    if a.scores:
        pd.DataFrame({"name": test["name"], "score": s}).to_csv(a.scores, index=False)
    return res


def feature_scores(features, head_npz, names):
    """Scores from cached backbone features (features.py) and a head (the exported graph's arithmetic, float64)."""
    import train_head
    z = np.load(features)
    index = {str(n): i for i, n in enumerate(z["names"])}
    head = np.load(head_npz)
    x = z["features"][[index[n] for n in names]][:, :, head["columns"]]
    return train_head.predict(train_head.head_from_arrays(head), x)


def via_features(a, sess, names):
    """Test scores from the cached features and the head, with the exported ONNX run end to end on the first
    --onnx-check images to show they agree."""
    s = feature_scores(a.features, a.head, names)
    onnx = np.array([score.score(sess, Path(a.images) / n) for n in names[:a.onnx_check]])
    diff = float(np.abs(onnx - s[:a.onnx_check]).max())
    return s, f"cached features + head; the exported ONNX end to end on {len(onnx)} of them: max |diff| {diff:.2g}"


def cmd_ladder(a, sess):
    rows = [json.loads(l) for l in Path(a.manifest).read_text().splitlines() if l.strip()]
    recs = []
    for r in rows:
        path = urlparse(r["uri"]).path
        if "truncated" in path or r.get("mos") is None:
            continue
        recs.append({"distortion": r["attrs"]["distortion"], "photo": r["attrs"]["photo"], "mos": r["mos"],
                     "path": path})
    df = pd.DataFrame(recs)
    df["score"] = (feature_scores(a.features, a.head, [Path(p).name for p in df["path"]]) if a.features
                   else [score.score(sess, p) for p in df["path"]])
    out = {}
    for d, g in df.groupby("distortion"):
        per_photo = [spearmanr(p["score"], p["mos"])[0] for _, p in g.groupby("photo")]
        out[d] = {"srcc_pooled": float(spearmanr(g["score"], g["mos"])[0]),
                  "srcc_per_photo_mean": float(np.mean(per_photo)), "n": int(len(g))}
    return out


def cmd_mos(a, sess):
    labels = pd.read_csv(a.labels)
    names = list(labels["path"])
    s = (feature_scores(a.features, a.head, [Path(p).name for p in names]) if a.features
         else [score.score(sess, Path(a.images) / p) for p in names])
    return [{"path": p, "mos": m, "score": float(v)} for p, m, v in zip(names, labels["mos"], s)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["agiqa", "ladder", "mos"])
    ap.add_argument("--model", required=True)
    ap.add_argument("--images")
    ap.add_argument("--labels")
    ap.add_argument("--manifest")
    ap.add_argument("--split-seed", type=int, default=0)
    ap.add_argument("--log", help="append the test evaluation to this JSON-lines file")
    ap.add_argument("--features", help="score from these cached features (features.py) and --head")
    ap.add_argument("--head", help="head .npz from train_head.py (with --features)")
    ap.add_argument("--onnx-check", type=int, default=40, help="with --features: images also run through the ONNX")
    ap.add_argument("--scores", help="write per-image test scores (csv)")
    a = ap.parse_args()
    sess = score.session(a.model)
    print(json.dumps({"agiqa": cmd_agiqa, "ladder": cmd_ladder, "mos": cmd_mos}[a.mode](a, sess), indent=1))


if __name__ == "__main__":
    main()
