package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.Map;

/**
 * Exposure: the mean BT.601 luma (0..255, double) as the score, and in {@code diagnostics} the share of
 * pixels with some channel clipped at 0 ({@code clipped_low}) or at 255 ({@code clipped_high}). A
 * technical attribute for audits, not a quality score.
 */
public final class Exposure implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("exposure");

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) {
    byte[] p = image.rgb();
    int n = image.width() * image.height();
    double sum = 0;
    long low = 0;
    long high = 0;
    for (int i = 0, j = 0; i < n; i++, j += 3) {
      int r = p[j] & 0xff;
      int g = p[j + 1] & 0xff;
      int b = p[j + 2] & 0xff;
      sum += 0.299 * r + 0.587 * g + 0.114 * b;
      if (r == 0 || g == 0 || b == 0) {
        low++;
      }
      if (r == 255 || g == 255 || b == 255) {
        high++;
      }
    }
    return new MetricResult(sum / n, Map.of("clipped_low", (double) low / n, "clipped_high", (double) high / n));
  }
}
