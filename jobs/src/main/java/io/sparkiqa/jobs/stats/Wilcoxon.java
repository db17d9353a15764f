package io.sparkiqa.jobs.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Wilcoxon signed-rank test of paired differences, two-sided, as SciPy 1.17's
 * {@code scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='auto')}: zero differences are
 * dropped; then with n (differences given, zeros included) above 50 the normal approximation with SciPy's tie
 * correction; with n at most 50 and neither ties nor zeros the exact null distribution of W+; with ties or zeros and
 * n at most 13 the exact sign-flip permutation distribution (all 2^n flips, as SciPy's permutation test enumerates
 * them); with ties or zeros and 13 &lt; n &le; 50 the normal approximation. The statistic is min(W+, W-).
 *
 * <pre>{@code
 * Wilcoxon.Result r = Wilcoxon.test(new double[] {0.4, 1.1, -0.2, 0.9});   // r.p(), r.method()
 * }</pre>
 */
public final class Wilcoxon {
  /** The largest n SciPy's {@code method='auto'} tests exactly. */
  static final int EXACT_MAX = 50;
  /** The largest n whose tied differences are tested by enumerating every sign flip. */
  static final int PERMUTATION_MAX = 13;

  private Wilcoxon() {
  }

  /**
   * @param statistic min(W+, W-) over the non-zero differences
   * @param p         two-sided p-value (NaN when no difference is non-zero)
   * @param method    {@code exact}, {@code permutation} or {@code normal}
   * @param nonZero   how many differences were non-zero
   */
  public record Result(double statistic, double p, String method, int nonZero) {
  }

  /** The test of the differences {@code d} (NaN entries are not allowed: leave unpaired rows out before). */
  public static Result test(double[] d) {
    int n = d.length;
    double[] nz = Arrays.stream(d).filter(v -> v != 0).toArray();
    int count = nz.length;
    if (count == 0) {
      return new Result(Double.NaN, Double.NaN, "none", 0);
    }
    double[] ranks = averageRanks(Arrays.stream(nz).map(Math::abs).toArray());
    boolean ties = hasTies(nz);
    double plus = 0;
    double minus = 0;
    for (int i = 0; i < count; i++) {
      if (nz[i] > 0) {
        plus += ranks[i];
      } else {
        minus += ranks[i];
      }
    }
    double stat = Math.min(plus, minus);
    if (n <= EXACT_MAX && !ties && count == n) {
      return new Result(stat, exactP(plus, count), "exact", count);
    }
    if (n <= PERMUTATION_MAX) {
      return new Result(stat, permutationP(plus, d.length - count, ranks, nz), "permutation", count);
    }
    return new Result(stat, normalP(plus, count, Arrays.stream(nz).map(Math::abs).toArray()), "normal", count);
  }

  /** 2 min(P(W+ &ge; w), P(W+ &le; w)) under the exact null distribution of W+ for n untied differences. */
  static double exactP(double plus, int n) {
    int max = n * (n + 1) / 2;
    double[] pmf = new double[max + 1];
    pmf[0] = 1;
    for (int k = 1; k <= n; k++) {
      for (int s = max; s >= k; s--) {
        pmf[s] += pmf[s - k];
      }
    }
    double total = Math.pow(2, n);
    long lo = (long) Math.floor(plus);
    long hi = (long) Math.ceil(plus);
    double sf = 0;
    double cdf = 0;
    for (int s = 0; s <= max; s++) {
      if (s >= lo) {
        sf += pmf[s];
      }
      if (s <= hi) {
        cdf += pmf[s];
      }
    }
    return Math.min(1, 2 * Math.min(sf, cdf) / total);
  }

  /** The sign-flip permutation p-value over all 2^n flips (zeros flip to themselves but are counted, as SciPy does). */
  static double permutationP(double plus, int zeros, double[] ranks, double[] nz) {
    int count = nz.length;
    long flips = 1L << count;
    double gamma = Math.abs(plus) * 1e-14 * 2.220446049250313;
    long le = 0;
    long ge = 0;
    for (long mask = 0; mask < flips; mask++) {
      double w = 0;
      for (int i = 0; i < count; i++) {
        if ((mask >>> i & 1) == 1) {
          w += ranks[i];
        }
      }
      le += w <= plus + gamma ? 1 : 0;
      ge += w >= plus - gamma ? 1 : 0;
    }
    // each flip of a zero repeats the whole distribution, which leaves the proportions unchanged
    return Math.min(1, 2.0 * Math.min(le, ge) / flips);
  }

  /** The normal approximation without continuity correction, with the tie correction of the variance. */
  static double normalP(double plus, int count, double[] abs) {
    double mean = count * (count + 1.0) * 0.25;
    double[] sorted = abs.clone();
    Arrays.sort(sorted);
    double tie = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      double t = j - i;
      tie += t * t * t - t;
      i = j;
    }
    double se = Math.sqrt((count * (count + 1.0) * (2.0 * count + 1.0) - tie / 2) / 24);
    double z = (plus - mean) / se;
    return Math.min(1, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z)));
  }

  /** Average ranks (1-based) of {@code v}. */
  public static double[] averageRanks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j < v.length && v[idx[j]] == v[idx[i]]) {
        j++;
      }
      double avg = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        r[idx[k]] = avg;
      }
      i = j;
    }
    return r;
  }

  private static boolean hasTies(double[] nz) {
    double[] a = Arrays.stream(nz).map(Math::abs).sorted().toArray();
    for (int i = 1; i < a.length; i++) {
      if (a[i] == a[i - 1]) {
        return true;
      }
    }
    return false;
  }
}
