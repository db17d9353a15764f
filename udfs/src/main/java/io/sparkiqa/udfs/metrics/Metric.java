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

  /** The sha256 of the model file behind this metric, or null for native metrics. */
  default String modelSha256() {
    return null;
  }

  /**
   * The JPEG reduction (1, 2, 4 or 8, {@link io.sparkiqa.udfs.image.JpegDraft}) this metric accepts for a
   * {@code width x height} image: 1 (full size) unless it resizes the image down anyway and its spec asks for a
   * reduced decode.
   */
  default int decodeScale(int width, int height) {
    return 1;
  }

  /**
   * Scores {@code image}; {@code reference} is the pristine image for full-reference metrics and
   * {@code null} for no-reference ones.
   */
  MetricResult score(RgbImage image, RgbImage reference) throws MetricException;
}
