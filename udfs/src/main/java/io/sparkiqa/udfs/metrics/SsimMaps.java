package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Window;
import io.sparkiqa.udfs.matlab.WindowFilter;

/**
 * The mean SSIM and mean contrast-structure term of two grey images, as Wang's {@code ssim_index_new.m}:
 * 11x11 Gaussian window (sigma 1.5), K = [0.01, 0.03], L = 255, {@code filter2(..., 'valid')} computed by
 * separable passes (22 instead of 121 taps; equal to the 2-D sum to ~1e-16 relative).
 */
final class SsimMaps {
  static final Window WINDOW = Window.gaussian(11, 1.5);
  static final double C1 = Math.pow(0.01 * 255, 2);
  static final double C2 = Math.pow(0.03 * 255, 2);

  private SsimMaps() {
  }

  /** {mean(ssim_map), mean(cs_map)}. */
  static double[] means(GreyImage a, GreyImage b) {
    GreyImage mu1 = WindowFilter.SEPARABLE.valid(WINDOW, a);
    GreyImage mu2 = WindowFilter.SEPARABLE.valid(WINDOW, b);
    GreyImage s11 = WindowFilter.SEPARABLE.valid(WINDOW, Matlab.times(a, a));
    GreyImage s22 = WindowFilter.SEPARABLE.valid(WINDOW, Matlab.times(b, b));
    GreyImage s12 = WindowFilter.SEPARABLE.valid(WINDOW, Matlab.times(a, b));
    int n = mu1.v().length;
    double ssim = 0;
    double cs = 0;
    for (int i = 0; i < n; i++) {
      double m1 = mu1.v()[i];
      double m2 = mu2.v()[i];
      double v1 = s11.v()[i] - m1 * m1;
      double v2 = s22.v()[i] - m2 * m2;
      double v12 = s12.v()[i] - m1 * m2;
      double csTerm = (2 * v12 + C2) / (v1 + v2 + C2);
      ssim += (2 * m1 * m2 + C1) / (m1 * m1 + m2 * m2 + C1) * csTerm;
      cs += csTerm;
    }
    return new double[] {ssim / n, cs / n};
  }
}
