package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/**
 * Peak signal-to-noise ratio in dB over all three RGB channels with data range 255, the convention of
 * the official calibration values and of {@code skimage.metrics.peak_signal_noise_ratio(ref, img,
 * data_range=255)}: {@code 10 log10(255^2 / MSE)}, MSE in double over every sample.
 *
 * <p>Identical images have MSE 0 and give {@code +Infinity} (as skimage does); correlations rank it
 * above every finite value and the evaluate stage reports PLCC as undefined for such groups.
 */
public final class Psnr implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("psnr");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireSameSize(SPEC.name(), image, reference);
    byte[] a = image.rgb();
    byte[] b = reference.rgb();
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      sum += (long) d * d;
    }
    double mse = (double) sum / a.length;
    return MetricResult.of(mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse));
  }
}
