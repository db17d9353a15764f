package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/**
 * A native (pure Java) quality metric. Implementations are stateless and thread-safe.
 *
 * <pre>{@code
 * Metric psnr = MetricTable.get("psnr");
 * double db = psnr.score(distorted, reference).score();
 * }</pre>
 */
public interface Metric {

  MetricSpec spec();

  /**
   * Scores {@code image}; {@code reference} is the pristine image for full-reference metrics and
   * {@code null} for no-reference ones.
   */
  MetricResult score(RgbImage image, RgbImage reference) throws MetricException;
}
