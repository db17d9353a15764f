package io.sparkiqa.jobs.stats;

/**
 * Fisher-z confidence intervals for a correlation: {@code tanh(atanh(r) +- z_(1-alpha/2) * SE)} with
 * SE = 1/sqrt(n-3) for Pearson and SE = sqrt(1.06/(n-3)) for Spearman (Fieller, Hartley and Pearson
 * 1957). 95% uses z = 1.959963984540054.
 */
public final class Intervals {
  public static final double Z95 = 1.959963984540054;

  private Intervals() {
  }

  /** A closed interval. */
  public record Interval(double low, double high) {
  }

  public static Interval pearson(double r, int n) {
    return fisher(r, 1 / Math.sqrt(n - 3.0));
  }

  public static Interval spearmanFhp(double r, int n) {
    return fisher(r, Math.sqrt(1.06 / (n - 3.0)));
  }

  private static Interval fisher(double r, double se) {
    double z = atanh(r);
    return new Interval(Math.tanh(z - Z95 * se), Math.tanh(z + Z95 * se));
  }

  static double atanh(double r) {
    return 0.5 * Math.log((1 + r) / (1 - r));
  }
}
