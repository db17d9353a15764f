package io.sparkiqa.jobs.apps.compare;

import io.sparkiqa.jobs.stats.Bootstrap;
import io.sparkiqa.jobs.stats.Wilcoxon;
import java.util.Arrays;

/**
 * The paired comparison of one variant with the baseline on one metric: the differences {@code variant - baseline},
 * their mean with a paired bootstrap percentile CI (pairs resampled), median, the Wilcoxon signed-rank test
 * ({@link Wilcoxon}) and wins, ties and losses by the metric's direction (a win: the variant scores better).
 */
public record PairedStats(int n, double meanDiff, Double ciLow, Double ciHigh, double medianDiff, double wilcoxonStat,
                          double pWilcoxon, String method, long wins, long ties, long losses) {

  /** The statistics of {@code variant - baseline} (paired, same length, n &ge; 1). */
  public static PairedStats of(double[] baseline, double[] variant, boolean lowerBetter, Bootstrap bootstrap) {
    int n = baseline.length;
    double[] d = new double[n];
    long wins = 0;
    long ties = 0;
    for (int i = 0; i < n; i++) {
      d[i] = variant[i] - baseline[i];
      double better = lowerBetter ? -d[i] : d[i];
      wins += better > 0 ? 1 : 0;
      ties += better == 0 ? 1 : 0;
    }
    Bootstrap.Interval ci = bootstrap.interval(d, d, (a, b) -> mean(a));
    Wilcoxon.Result w = Wilcoxon.test(d);
    return new PairedStats(n, mean(d), ci.low(), ci.high(), median(d), w.statistic(), w.p(), w.method(), wins, ties,
        n - wins - ties);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
