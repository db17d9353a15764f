package io.sparkiqa.jobs.stats;

import java.util.Arrays;

/** Summary values used for start points: min, max, mean, median, population std (NumPy's defaults). */
final class Describe {
  static final int MIN = 0;
  static final int MAX = 1;
  static final int MEAN = 2;
  static final int MEDIAN = 3;
  static final int STD = 4;

  private Describe() {
  }

  static double[] of(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    double mean = Correlations.mean(v);
    double ss = 0;
    for (double d : v) {
      ss += (d - mean) * (d - mean);
    }
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new double[] {s[0], s[n - 1], mean, median, Math.sqrt(ss / n)};
  }

  /** Linear-interpolation quantile of sorted data (NumPy's default, Hyndman-Fan type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
