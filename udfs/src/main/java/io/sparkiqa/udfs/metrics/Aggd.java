package io.sparkiqa.udfs.metrics;

import org.apache.commons.math3.special.Gamma;

/**
 * Asymmetric generalised Gaussian fit by moment matching, as {@code estimateaggdparam.m} of the LIVE
 * NIQE/BRISQUE releases: the shape is the point of the grid 0.2:0.001:10 (built like MATLAB's colon
 * operator) whose r(gamma) is nearest the normalised moment ratio; first minimum wins.
 */
final class Aggd {
  static final double[] GRID;
  static final double[] R_GRID;

  static {
    int n = 9801;
    GRID = new double[n];
    R_GRID = new double[n];
    for (int i = 0; i < n; i++) {
      // MATLAB's colon builds a:d:b symmetrically from both ends to limit drift
      GRID[i] = i < n / 2 ? 0.2 + i * 0.001 : 10 - (n - 1 - i) * 0.001;
      double g = GRID[i];
      R_GRID[i] = Math.pow(Gamma.gamma(2 / g), 2) / (Gamma.gamma(1 / g) * Gamma.gamma(3 / g));
    }
  }

  private Aggd() {
  }

  /** {alpha, betaLeft, betaRight}. */
  static double[] fit(double[] v) {
    double left = 0;
    int nl = 0;
    double right = 0;
    int nr = 0;
    double abs = 0;
    double sq = 0;
    for (double x : v) {
      if (x < 0) {
        left += x * x;
        nl++;
      } else if (x > 0) {
        right += x * x;
        nr++;
      }
      abs += Math.abs(x);
      sq += x * x;
    }
    double leftStd = Math.sqrt(left / nl);
    double rightStd = Math.sqrt(right / nr);
    double gammaHat = leftStd / rightStd;
    double meanAbs = abs / v.length;
    double rHat = meanAbs * meanAbs / (sq / v.length);
    double rHatNorm = rHat * (Math.pow(gammaHat, 3) + 1) * (gammaHat + 1) / Math.pow(gammaHat * gammaHat + 1, 2);
    int best = 0;
    double bestDiff = Double.POSITIVE_INFINITY;
    for (int i = 0; i < GRID.length; i++) {
      double d = (R_GRID[i] - rHatNorm) * (R_GRID[i] - rHatNorm);
      if (d < bestDiff) {
        bestDiff = d;
        best = i;
      }
    }
    double alpha = GRID[best];
    double f = Math.sqrt(Gamma.gamma(1 / alpha) / Gamma.gamma(3 / alpha));
    return new double[] {alpha, leftStd * f, rightStd * f};
  }
}
