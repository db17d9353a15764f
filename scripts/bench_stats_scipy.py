#!/usr/bin/env python3
"""SciPy side of scripts/bench_stats.sh: the same SRCC + KRCC + PLCC + logistic-4 fit (same four start
points as the Java fitter) on the data StatsBenchmark wrote. Prints seconds (median of 3 after 1 warm-up)."""
import sys
import time

import numpy as np
from scipy import stats
from scipy.optimize import curve_fit


def l4(x, b1, b2, b3, b4):
    return (b1 - b2) / (1 + np.exp(-(x - b3) / np.abs(b4))) + b2


def core(x, y):
    s = stats.spearmanr(x, y).statistic + stats.kendalltau(x, y).statistic + stats.pearsonr(x, y).statistic
    best = None
    for ends in [(y.max(), y.min()), (y.min(), y.max())]:
        for mid in [x.mean(), np.median(x)]:
            try:
                p, _ = curve_fit(l4, x, y, p0=[ends[0], ends[1], mid, x.std() / 4], maxfev=20000)
            except RuntimeError:
                continue
            sse = np.sum((l4(x, *p) - y) ** 2)
            if best is None or sse < best[1]:
                best = (p, sse)
    return s + stats.pearsonr(l4(x, *best[0]), y).statistic


def main():
    path = sys.argv[1]
    d = np.fromfile(path, dtype="<f8")
    n = d.size // 2
    x, y = d[:n], d[n:]
    core(x, y)
    t = []
    for _ in range(3):
        t0 = time.perf_counter()
        core(x, y)
        t.append(time.perf_counter() - t0)
    print(f"scipy SRCC+KRCC+PLCC+logistic4 n={n}: {sorted(t)[1]:.3f} s (median of 3 after 1 warm-up)")


if __name__ == "__main__":
    main()
