package io.sparkiqa.udfs.metrics;

import org.apache.commons.math3.special.Gamma;

/**
 * Benchmark baseline: {@link Aggd} as it was before the speed work of issue #19.
 * Generalised Gaussian fits by moment matching, as the LIVE NIQE/BRISQUE releases do them:
 * {@code estimateaggdparam.m} (asymmetric) and {@code estimateggdparam.m} (symmetric), each on the
 * shape grid 0.2:0.001:10 ({@link MomentGrid}). Sums run in the order of the input (column-major for
 * MATLAB's {@code x(:)}).
 */
final class BaselineAggd {
  private static final MomentGrid AGGD = new MomentGrid(
      g -> Math.pow(Gamma.gamma(2 / g), 2) / (Gamma.gamma(1 / g) * Gamma.gamma(3 / g)));
  private static final MomentGrid GGD = new MomentGrid(
      g -> Gamma.gamma(1 / g) * Gamma.gamma(3 / g) / Math.pow(Gamma.gamma(2 / g), 2));

  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  private BaselineAggd() {
  }

  /** {alpha, betaLeft, betaRight} as NIQE's estimateaggdparam.m returns them. */
  static double[] fit(double[] v) {
    double[] s = stds(v);
    double f = Math.sqrt(Gamma.gamma(1 / s[0]) / Gamma.gamma(3 / s[0]));
    return new double[] {s[0], s[1] * f, s[2] * f};
  }

  /** {alpha, leftStd, rightStd} as BRISQUE's estimateaggdparam.m returns them. */
  static double[] stds(double[] v) {
    double left = 0;
    int nl = 0;
    double right = 0;
    int nr = 0;
    double abs = 0;
    double sq = 0;
    for (double x : v) {
      // sign-bit arithmetic instead of branches (signs of MSCN products are unpredictable): multiplying by
      // 0 or 1 and adding 0.0 are exact, so the sums equal the branchy ones; -0.0 counts on neither side
      long bits = Double.doubleToRawLongBits(x);
      long neg = bits >>> 63;
      double sq2 = x * x;
      left += sq2 * neg;
      right += sq2 * (1 - neg);
      nl += (int) neg - (bits == NEGATIVE_ZERO ? 1 : 0);
      nr += (int) (1 - neg) - (bits == 0L ? 1 : 0);
      abs += Math.abs(x);
      sq += sq2;
    }
    double leftStd = Math.sqrt(left / nl);
    double rightStd = Math.sqrt(right / nr);
    double gammaHat = leftStd / rightStd;
    double meanAbs = abs / v.length;
    double rHat = meanAbs * meanAbs / (sq / v.length);
    double rHatNorm = rHat * (Math.pow(gammaHat, 3) + 1) * (gammaHat + 1) / Math.pow(gammaHat * gammaHat + 1, 2);
    return new double[] {AGGD.nearest(rHatNorm), leftStd, rightStd};
  }

  /** {alpha, sigma} as BRISQUE's estimateggdparam.m returns them. */
  static double[] ggd(double[] v) {
    double sq = 0;
    double abs = 0;
    for (double x : v) {
      sq += x * x;
      abs += Math.abs(x);
    }
    double sigmaSq = sq / v.length;
    double e = abs / v.length;
    return new double[] {GGD.nearest(sigmaSq / (e * e)), Math.sqrt(sigmaSq)};
  }
}
