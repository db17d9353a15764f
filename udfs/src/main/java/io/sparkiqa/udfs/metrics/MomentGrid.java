package io.sparkiqa.udfs.metrics;

import java.util.function.DoubleUnaryOperator;

/**
 * The shape grid 0.2:0.001:10 of the LIVE {@code estimateggdparam.m} / {@code estimateaggdparam.m}
 * (built like MATLAB's colon operator) with a moment ratio r(gamma) tabulated on it, and MATLAB's
 * {@code min} over |r - x| or (r - x)^2: the first grid point with the smallest difference. The ratio is
 * monotone on the grid, so the nearest point is found by bisection; the table is checked for strict
 * monotonicity when built and a linear scan is used otherwise.
 */
final class MomentGrid {
  static final double[] GAMMAS = new double[9801];

  static {
    int n = GAMMAS.length;
    for (int i = 0; i < n; i++) {
      // MATLAB's colon builds a:d:b symmetrically from both ends to limit drift
      GAMMAS[i] = i < n / 2 ? 0.2 + i * 0.001 : 10 - (n - 1 - i) * 0.001;
    }
  }

  private final double[] r;
  private final boolean increasing;
  private final boolean monotone;

  MomentGrid(DoubleUnaryOperator ratio) {
    r = new double[GAMMAS.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = ratio.applyAsDouble(GAMMAS[i]);
    }
    increasing = r[r.length - 1] > r[0];
    boolean strict = true;
    for (int i = 1; i < r.length; i++) {
      strict &= increasing ? r[i] > r[i - 1] : r[i] < r[i - 1];
    }
    monotone = strict;
  }

  /** The shape whose ratio is nearest {@code x} (first one on ties); NaN when x is NaN. */
  double nearest(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (!monotone) {
      return GAMMAS[scan(x, 0, r.length)];
    }
    int lo = 0;
    int hi = r.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (increasing ? r[mid] < x : r[mid] > x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return GAMMAS[scan(x, Math.max(0, lo - 1), Math.min(r.length, lo + 1))];
  }

  private int scan(double x, int from, int to) {
    int best = from;
    double bestDiff = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double d = Math.abs(r[i] - x);
      if (d < bestDiff) {
        bestDiff = d;
        best = i;
      }
    }
    return best;
  }
}
