package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/**
 * Colourfulness of Hasler and Suesstrunk ("Measuring colourfulness in natural images", SPIE 5007, 2003):
 * rg = R - G, yb = (R + G)/2 - B, M = sqrt(sd(rg)^2 + sd(yb)^2) + 0.3 sqrt(mean(rg)^2 + mean(yb)^2), with
 * population standard deviations over all pixels. A technical attribute for audits, not a quality score
 * (higher is more colourful).
 */
public final class Colorfulness implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("colorfulness");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) {
    byte[] p = image.rgb();
    int n = image.width() * image.height();
    double[] rg = new double[n];
    double[] yb = new double[n];
    for (int i = 0, j = 0; i < n; i++, j += 3) {
      int r = p[j] & 0xff;
      int g = p[j + 1] & 0xff;
      int b = p[j + 2] & 0xff;
      rg[i] = r - g;
      yb[i] = 0.5 * (r + g) - b;
    }
    double mrg = mean(rg);
    double myb = mean(yb);
    double srg = variance(rg, mrg);
    double syb = variance(yb, myb);
    return MetricResult.of(Math.sqrt(srg + syb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb));
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static double variance(double[] v, double m) {
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return s / v.length;
  }
}
