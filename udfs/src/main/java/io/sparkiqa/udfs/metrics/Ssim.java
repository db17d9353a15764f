package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.Matlab;

/**
 * SSIM (Wang, Bovik, Sheikh, Simoncelli 2004) with the conventions of the official calibration values:
 * Wang's {@code ssim.m} on MATLAB {@code rgb2gray} images, with its automatic down-sampling turned off
 * (f = 1), 11x11 Gaussian window sigma 1.5, K = [0.01, 0.03], L = 255, mean of the 'valid' SSIM map.
 */
public final class Ssim implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("ssim");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireSameSize(SPEC.name(), image, reference);
    References.requireAtLeast(SPEC.name(), image, SsimMaps.WINDOW.k());
    return MetricResult.of(SsimMaps.means(Matlab.rgb2gray(reference), Matlab.rgb2gray(image))[0]);
  }
}
