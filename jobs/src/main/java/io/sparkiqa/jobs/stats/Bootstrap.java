package io.sparkiqa.jobs.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Seeded nonparametric bootstrap: resample image indices with replacement B times, recompute a
 * statistic, and take the 2.5% and 97.5% percentiles (linear interpolation, NumPy's default).
 * Replicate b draws from {@code SplittableRandom(mix(seed, b))}, so results are identical whatever the
 * thread count. Replicates where the statistic is undefined (e.g. a constant resample) are dropped and
 * counted; with fewer than half of them valid the interval is null.
 *
 * <pre>{@code
 * Bootstrap.Interval ci = new Bootstrap(1000, 42).interval(x, y, Correlations::spearman);
 * }</pre>
 */
public final class Bootstrap {
  private final int b;
  private final long seed;

  public Bootstrap(int replicates, long seed) {
    if (replicates < 1) {
      throw new IllegalArgumentException("bootstrap replicates must be >= 1, got " + replicates);
    }
    this.b = replicates;
    this.seed = seed;
  }

  public int replicates() {
    return b;
  }

  public long seed() {
    return seed;
  }

  /** A percentile interval and the number of valid replicates; low/high null when too few were valid. */
  public record Interval(Double low, Double high, int valid) {
  }

  /** A paired interval for a difference and its two-sided bootstrap p-value 2 min(P(d <= 0), P(d >= 0)). */
  public record Difference(Double low, Double high, Double p, int valid) {
  }

  /**
   * Percentile CI of SRCC. Ranks of a resample come from counting the original dense ranks (O(n) per
   * replicate, no sort); the values equal {@link Correlations#spearman} on the resample.
   */
  public Interval srccInterval(double[] x, double[] y) {
    ResampledRanks rx = new ResampledRanks(x);
    ResampledRanks ry = new ResampledRanks(y);
    return summarise(replicate(x.length, idx -> rankCorrelation(rx, ry, idx)));
  }

  /** Paired bootstrap of SRCC(a, y) - SRCC(c, y), with the same fast ranks as {@link #srccInterval}. */
  public Difference srccDifference(double[] a, double[] c, double[] y) {
    ResampledRanks ra = new ResampledRanks(a);
    ResampledRanks rc = new ResampledRanks(c);
    ResampledRanks ry = new ResampledRanks(y);
    return differenceOf(replicate(y.length, idx -> {
      double[] yr = ry.ranks(idx);
      Double sa = pearsonOrNull(ra.ranks(idx), yr);
      Double sc = pearsonOrNull(rc.ranks(idx), yr);
      return sa == null || sc == null ? null : sa - sc;
    }));
  }

  private static Double rankCorrelation(ResampledRanks rx, ResampledRanks ry, int[] idx) {
    return pearsonOrNull(rx.ranks(idx), ry.ranks(idx));
  }

  private static Double pearsonOrNull(double[] a, double[] b) {
    return Correlations.constant(a) || Correlations.constant(b) ? null : Correlations.pearson(a, b);
  }

  /** Dense ranks of the full sample, from which any resample's average ranks follow by counting. */
  static final class ResampledRanks {
    private final int[] dense;
    private final int unique;

    ResampledRanks(double[] v) {
      dense = Correlations.denseRanks(v);
      int max = -1;
      for (int d : dense) {
        max = Math.max(max, d);
      }
      unique = max + 1;
    }

    double[] ranks(int[] idx) {
      int[] count = new int[unique];
      for (int i : idx) {
        count[dense[i]]++;
      }
      double[] avg = new double[unique];
      long below = 0;
      for (int u = 0; u < unique; u++) {
        avg[u] = below + (count[u] + 1) / 2.0;
        below += count[u];
      }
      double[] out = new double[idx.length];
      for (int i = 0; i < idx.length; i++) {
        out[i] = avg[dense[idx[i]]];
      }
      return out;
    }
  }

  /** Percentile CI of {@code stat(x[idx], y[idx])}. */
  public Interval interval(double[] x, double[] y, BiFunction<double[], double[], Double> stat) {
    double[] reps = replicate(x.length, idx -> stat.apply(take(x, idx), take(y, idx)));
    return summarise(reps);
  }

  /** Paired bootstrap of {@code stat(a, y) - stat(c, y)}: the same index resample for both models. */
  public Difference difference(double[] a, double[] c, double[] y, BiFunction<double[], double[], Double> stat) {
    return differenceOf(replicate(y.length, idx -> {
      double[] yy = take(y, idx);
      Double sa = stat.apply(take(a, idx), yy);
      Double sc = stat.apply(take(c, idx), yy);
      return sa == null || sc == null ? null : sa - sc;
    }));
  }

  private Difference differenceOf(double[] reps) {
    double[] valid = Arrays.stream(reps).filter(Double::isFinite).sorted().toArray();
    if (valid.length * 2 < b) {
      return new Difference(null, null, null, valid.length);
    }
    long le = Arrays.stream(valid).filter(d -> d <= 0).count();
    long ge = Arrays.stream(valid).filter(d -> d >= 0).count();
    double p = Math.min(1.0, 2.0 * Math.min(le, ge) / valid.length);
    return new Difference(Describe.quantile(valid, 0.025), Describe.quantile(valid, 0.975), p, valid.length);
  }

  private double[] replicate(int n, java.util.function.Function<int[], Double> stat) {
    return IntStream.range(0, b).parallel().mapToDouble(r -> {
      SplittableRandom rnd = new SplittableRandom(mix(seed, r));
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = rnd.nextInt(n);
      }
      Double v = stat.apply(idx);
      return v == null ? Double.NaN : v;
    }).toArray();
  }

  private Interval summarise(double[] reps) {
    double[] valid = Arrays.stream(reps).filter(Double::isFinite).sorted().toArray();
    if (valid.length * 2 < b) {
      return new Interval(null, null, valid.length);
    }
    return new Interval(Describe.quantile(valid, 0.025), Describe.quantile(valid, 0.975), valid.length);
  }

  static double[] take(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }

  /** SplitMix64 finaliser of (seed, replicate): independent, reproducible streams. */
  static long mix(long seed, long r) {
    long z = seed + 0x9E3779B97F4A7C15L * (r + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Statistic helpers that return null instead of NaN for degenerate resamples. */
  public static Double srcc(double[] x, double[] y) {
    return Correlations.constant(x) || Correlations.constant(y) ? null : Correlations.spearman(x, y);
  }

  public static Double plcc(double[] x, double[] y) {
    return Correlations.constant(x) || Correlations.constant(y) ? null : Correlations.pearson(x, y);
  }

  /** Fitted PLCC of a resample, refitting f from the full-sample optimum. */
  public static BiFunction<double[], double[], Double> fittedPlcc(MappingFunction f, double[] fullSampleParams) {
    return (x, y) -> {
      if (Correlations.constant(x) || Correlations.constant(y)) {
        return null;
      }
      LogisticFit.Result r = LogisticFit.fit(f, x, y, List.of(fullSampleParams), 1.5e-8, 200, 0);
      return r == null || !Double.isFinite(r.plcc()) ? null : r.plcc();
    };
  }
}
