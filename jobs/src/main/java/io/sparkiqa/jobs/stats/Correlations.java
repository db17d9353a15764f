package io.sparkiqa.jobs.stats;

import java.util.Arrays;

/**
 * Correlation coefficients as SciPy computes them, in double precision: Pearson (two-pass, centred),
 * Spearman (Pearson of average ranks, {@code scipy.stats.spearmanr}) and Kendall's tau-b in
 * O(n log n) (Knight 1966, as {@code scipy.stats.kendalltau}). Pure functions; inputs must be finite
 * for Pearson, and any values (including infinities) for the rank-based ones. Callers screen
 * degenerate inputs ({@link #constant}); a constant column gives NaN here.
 */
public final class Correlations {
  private Correlations() {
  }

  /** Pearson's r, two-pass (mean first), so large offsets do not cancel. */
  public static double pearson(double[] x, double[] y) {
    check(x, y);
    int n = x.length;
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return Math.max(-1.0, Math.min(1.0, r));
  }

  /** Spearman's rho with average (mid) ranks for ties. */
  public static double spearman(double[] x, double[] y) {
    check(x, y);
    return pearson(averageRanks(x), averageRanks(y));
  }

  /**
   * Ranks 1..n, ties share the mean of their ranks ({@code scipy.stats.rankdata(method='average')}).
   * One stable primitive index sort, then one pass over the tie groups: O(n log n), no boxing.
   */
  public static double[] averageRanks(double[] v) {
    int n = v.length;
    int[] order = order(v);
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      double key = v[order[i]] + 0.0;
      while (j + 1 < n && v[order[j + 1]] + 0.0 == key) {
        j++;
      }
      double r = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = r;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** 0-based dense ranks (equal values share one rank), so pairs sort as primitive longs. */
  static int[] denseRanks(double[] v) {
    int n = v.length;
    int[] order = order(v);
    int[] out = new int[n];
    int rank = -1;
    double prev = Double.NaN;
    for (int i = 0; i < n; i++) {
      double key = v[order[i]] + 0.0;
      if (i == 0 || key != prev) {
        rank++;
        prev = key;
      }
      out[order[i]] = rank;
    }
    return out;
  }

  /**
   * Indices of v in ascending order of value (-0.0 equal to 0.0), by a stable bottom-up merge sort that
   * moves keys with their indices, so comparisons read contiguous memory.
   */
  static int[] order(double[] v) {
    int n = v.length;
    int[] a = new int[n];
    double[] ka = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
      ka[i] = v[i] + 0.0;
    }
    int[] b = new int[n];
    double[] kb = new double[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          if (ka[j] < ka[i]) {
            kb[k] = ka[j];
            b[k++] = a[j++];
          } else {
            kb[k] = ka[i];
            b[k++] = a[i++];
          }
        }
        while (i < mid) {
          kb[k] = ka[i];
          b[k++] = a[i++];
        }
        while (j < hi) {
          kb[k] = ka[j];
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
      double[] kt = ka;
      ka = kb;
      kb = kt;
    }
    return a;
  }

  /** Kendall's tau-b in O(n log n): sort by (x, y), count ties, count discordant pairs by merge sort. */
  public static double kendallTauB(double[] x, double[] y) {
    check(x, y);
    int n = x.length;
    int[] dx = denseRanks(x);
    int[] dy = denseRanks(y);
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (long) dx[i] << 32 | dy[i];
    }
    Arrays.sort(keys);
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = (double) (keys[i] >>> 32);
      ys[i] = (double) (keys[i] & 0xffffffffL);
    }
    long n0 = (long) n * (n - 1) / 2;
    long tiesX = 0;
    long tiesXY = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && xs[j + 1] == xs[i]) {
        j++;
      }
      long t = j - i + 1;
      tiesX += t * (t - 1) / 2;
      for (int a = i; a <= j; ) {
        int b = a;
        while (b + 1 <= j && ys[b + 1] == ys[a]) {
          b++;
        }
        long u = b - a + 1;
        tiesXY += u * (u - 1) / 2;
        a = b + 1;
      }
      i = j + 1;
    }
    long swaps = mergeSortSwaps(ys, new double[n], 0, n);
    long tiesY = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && ys[j + 1] == ys[i]) {
        j++;
      }
      long t = j - i + 1;
      tiesY += t * (t - 1) / 2;
      i = j + 1;
    }
    double num = (double) (n0 - tiesX - tiesY + tiesXY) - 2.0 * swaps;
    double den = Math.sqrt((double) (n0 - tiesX) * (double) (n0 - tiesY));
    return Math.max(-1.0, Math.min(1.0, num / den));
  }

  /** Sorts a[lo, hi) ascending, returning the number of inversions (strictly greater before smaller). */
  private static long mergeSortSwaps(double[] a, double[] tmp, int lo, int hi) {
    if (hi - lo < 2) {
      return 0;
    }
    int mid = (lo + hi) >>> 1;
    long swaps = mergeSortSwaps(a, tmp, lo, mid) + mergeSortSwaps(a, tmp, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (a[j] < a[i]) {
        tmp[k++] = a[j++];
        swaps += mid - i;
      } else {
        tmp[k++] = a[i++];
      }
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < hi) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, lo, a, lo, hi - lo);
    return swaps;
  }

  /** True when every value equals the first (a correlation with it is undefined). */
  public static boolean constant(double[] v) {
    for (double d : v) {
      if (Double.compare(d, v[0]) != 0) {
        return false;
      }
    }
    return true;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    double m = s / v.length;
    double c = 0;
    for (double d : v) {
      c += d - m;
    }
    return m + c / v.length;
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
    }
  }
}
