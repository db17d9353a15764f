package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;

/**
 * MS-SSIM (Wang, Simoncelli, Bovik 2003) as Wang's {@code msssim.m} with default settings on MATLAB
 * {@code rgb2gray} images: 5 scales, weights [0.0448 0.2856 0.3001 0.2363 0.1333], 2x2 mean filter with
 * symmetric padding and factor-2 subsampling between scales, product of mean CS^w at scales 1-4 and
 * mean SSIM^w at scale 5. The official calibration values for I03 and I19 come from another script
 * (3.3e-3 and 4.4e-3 away); this port follows msssim.m and says so. Needs at least 176 pixels per side.
 */
public final class MsSsim implements Metric {
  static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
  static final MetricSpec SPEC = MetricTable.spec("ms_ssim");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireSameSize(SPEC.name(), image, reference);
    References.requireAtLeast(SPEC.name(), image, SsimMaps.WINDOW.k() * 16);
    GreyImage a = Matlab.rgb2gray(reference);
    GreyImage b = Matlab.rgb2gray(image);
    double product = 1;
    for (int level = 0; level < WEIGHTS.length; level++) {
      double[] m = SsimMaps.means(a, b);
      if (level < WEIGHTS.length - 1) {
        product *= Math.pow(m[1], WEIGHTS[level]);
        a = Matlab.halve(a);
        b = Matlab.halve(b);
      } else {
        product *= Math.pow(m[0], WEIGHTS[level]);
      }
    }
    return MetricResult.of(product);
  }
}
