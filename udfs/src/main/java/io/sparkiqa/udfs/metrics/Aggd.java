package io.sparkiqa.udfs.metrics;

import org.apache.commons.math3.special.Gamma;

/**
 * Generalised Gaussian fits by moment matching, as the LIVE NIQE/BRISQUE releases do them:
 * {@code estimateaggdparam.m} (asymmetric) and {@code estimateggdparam.m} (symmetric), each on the
 * shape grid 0.2:0.001:10 ({@link MomentGrid}), from the sums of one sequence ({@link AggdLanes} runs
 * them in the order of the sequence, column-major for MATLAB's {@code x(:)}).
 */
final class Aggd {
  private static final MomentGrid AGGD = new MomentGrid(
      g -> Math.pow(Gamma.gamma(2 / g), 2) / (Gamma.gamma(1 / g) * Gamma.gamma(3 / g)));
  private static final MomentGrid GGD = new MomentGrid(
      g -> Gamma.gamma(1 / g) * Gamma.gamma(3 / g) / Math.pow(Gamma.gamma(2 / g), 2));

  private Aggd() {
  }

  /** {alpha, betaLeft, betaRight} as NIQE's estimateaggdparam.m returns them. */
  static double[] fit(double[] sums, int at, int n) {
    double[] s = stds(sums, at, n);
    double f = Math.sqrt(Gamma.gamma(1 / s[0]) / Gamma.gamma(3 / s[0]));
    return new double[] {s[0], s[1] * f, s[2] * f};
  }

  /**
   * {alpha, leftStd, rightStd} as BRISQUE's estimateaggdparam.m returns them, from the {@link AggdLanes}
   * sums of n values at {@code sums[at..at+5]}.
   */
  static double[] stds(double[] sums, int at, int n) {
    double leftStd = Math.sqrt(sums[at + AggdLanes.LEFT] / (int) sums[at + AggdLanes.N_LEFT]);
    double rightStd = Math.sqrt(sums[at + AggdLanes.RIGHT] / (int) sums[at + AggdLanes.N_RIGHT]);
    double gammaHat = leftStd / rightStd;
    double meanAbs = sums[at + AggdLanes.ABS] / n;
    double rHat = meanAbs * meanAbs / (sums[at + AggdLanes.SQ] / n);
    double rHatNorm = rHat * (Math.pow(gammaHat, 3) + 1) * (gammaHat + 1) / Math.pow(gammaHat * gammaHat + 1, 2);
    return new double[] {AGGD.nearest(rHatNorm), leftStd, rightStd};
  }

  /** {alpha, sigma} as BRISQUE's estimateggdparam.m returns them, from the sums of x^2 and |x| over n values. */
  static double[] ggd(double sq, double abs, int n) {
    double sigmaSq = sq / n;
    double e = abs / n;
    return new double[] {GGD.nearest(sigmaSq / (e * e)), Math.sqrt(sigmaSq)};
  }
}
