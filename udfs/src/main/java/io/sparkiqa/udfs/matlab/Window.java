package io.sparkiqa.udfs.matlab;

/**
 * A normalised k x k Gaussian window in the two forms the filters use: MATLAB's
 * {@code fspecial('gaussian', k, sigma)} taps (row-major) and the normalised 1-D factor whose outer
 * product it equals up to rounding.
 */
public record Window(int k, double[] taps2d, double[] taps1d) {

  public static Window gaussian(int k, double sigma) {
    double[] g = new double[k];
    double half = (k - 1) / 2.0;
    double sum = 0;
    for (int i = 0; i < k; i++) {
      g[i] = Math.exp(-(i - half) * (i - half) / (2 * sigma * sigma));
      sum += g[i];
    }
    for (int i = 0; i < k; i++) {
      g[i] /= sum;
    }
    return new Window(k, Matlab.gaussian(k, sigma), g);
  }

  public int radius() {
    return k / 2;
  }
}
