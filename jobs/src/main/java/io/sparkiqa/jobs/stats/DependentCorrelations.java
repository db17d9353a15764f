package io.sparkiqa.jobs.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Tests for two dependent, overlapping correlations r12 = corr(A, MOS) and r13 = corr(B, MOS) on the
 * same n images, with r23 = corr(A, B): Williams' t (Williams 1959, in the form of Steiger 1980,
 * df = n - 3) and Steiger's Z (1980, pooled r). Two-sided p-values. Reference vector: r12 = .80,
 * r13 = .72, r23 = .89, n = 26 gives t = 1.3607 (p = 0.1868) and Z = 1.3196 (p = 0.1870).
 */
public final class DependentCorrelations {
  private DependentCorrelations() {
  }

  /** A statistic and its two-sided p-value. */
  public record Test(double statistic, double p) {
  }

  public static Test williams(double r12, double r13, double r23, int n) {
    double det = 1 - r12 * r12 - r13 * r13 - r23 * r23 + 2 * r12 * r13 * r23;
    double rbar = (r12 + r13) / 2;
    double t = (r12 - r13) * Math.sqrt((n - 1) * (1 + r23)
        / (2 * ((n - 1.0) / (n - 3.0)) * det + rbar * rbar * Math.pow(1 - r23, 3)));
    double p = 2 * new TDistribution(null, n - 3).cumulativeProbability(-Math.abs(t));
    return new Test(t, p);
  }

  public static Test steiger(double r12, double r13, double r23, int n) {
    double rbar = (r12 + r13) / 2;
    double r2 = rbar * rbar;
    double psi = r23 * (1 - 2 * r2) - 0.5 * r2 * (1 - 2 * r2 - r23 * r23);
    double s = psi / ((1 - r2) * (1 - r2));
    double z = (Intervals.atanh(r12) - Intervals.atanh(r13)) * Math.sqrt((n - 3) / (2 - 2 * s));
    double p = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));
    return new Test(z, p);
  }

  /** Holm's step-down adjustment of p-values (NaN entries are left out and stay NaN). */
  public static double[] holm(double[] p) {
    int m = 0;
    for (double v : p) {
      if (!Double.isNaN(v)) {
        m++;
      }
    }
    Integer[] idx = new Integer[p.length];
    for (int i = 0; i < p.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(Double.isNaN(p[a]) ? 2 : p[a], Double.isNaN(p[b]) ? 2 : p[b]));
    double[] out = new double[p.length];
    java.util.Arrays.fill(out, Double.NaN);
    double running = 0;
    for (int k = 0; k < m; k++) {
      int i = idx[k];
      running = Math.max(running, Math.min(1, (m - k) * p[i]));
      out[i] = running;
    }
    return out;
  }
}
