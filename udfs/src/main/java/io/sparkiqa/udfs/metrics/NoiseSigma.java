package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/**
 * Noise level by Immerkaer's fast estimator (J. Immerkaer, "Fast noise variance estimation", CVIU 64(2),
 * 1996): sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum |I * N| over the interior, with the Laplacian-difference
 * mask N = [[1,-2,1],[-2,4,-2],[1,-2,1]] on BT.601 luma (double). In 8-bit grey levels; lower is
 * cleaner. Texture raises it, so compare like with like. Needs at least 3x3 pixels.
 */
public final class NoiseSigma implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("noise_sigma");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireAtLeast(SPEC.name(), image, 3);
    int w = image.width();
    int h = image.height();
    double[] y = Luma.bt601(image);
    double sum = 0;
    for (int r = 1; r < h - 1; r++) {
      for (int c = 1; c < w - 1; c++) {
        int i = r * w + c;
        double v = y[i - w - 1] - 2 * y[i - w] + y[i - w + 1]
            - 2 * y[i - 1] + 4 * y[i] - 2 * y[i + 1]
            + y[i + w - 1] - 2 * y[i + w] + y[i + w + 1];
        sum += Math.abs(v);
      }
    }
    return MetricResult.of(Math.sqrt(Math.PI / 2) * sum / (6.0 * (w - 2) * (h - 2)));
  }
}
