package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/**
 * No-reference sharpness: the variance of the Laplacian of luma (Pech-Pacheco et al., ICPR 2000).
 *
 * <p>Exact definition, so other implementations can reproduce it: luma {@code Y = 0.299 R + 0.587 G +
 * 0.114 B} in double (BT.601, no rounding); Laplacian with the 4-neighbour kernel
 * {@code [[0,1,0],[1,-4,1],[0,1,0]]} on interior pixels only (no border rule: 'valid' region of
 * (W-2)x(H-2)); population variance (divide by N). Higher is sharper. Needs at least 3x3 pixels.
 */
public final class Sharpness implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("sharpness");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    int w = image.width();
    int h = image.height();
    if (w < 3 || h < 3) {
      throw new MetricException("too_small", "sharpness needs at least 3x3 pixels, image is " + w + "x" + h);
    }
    double[] y = Luma.bt601(image);
    int n = (w - 2) * (h - 2);
    double[] lap = new double[n];
    int k = 0;
    double sum = 0;
    for (int r = 1; r < h - 1; r++) {
      for (int c = 1; c < w - 1; c++) {
        int i = r * w + c;
        double v = y[i - 1] + y[i + 1] + y[i - w] + y[i + w] - 4 * y[i];
        lap[k++] = v;
        sum += v;
      }
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : lap) {
      ss += (v - mean) * (v - mean);
    }
    return MetricResult.of(ss / n);
  }
}
