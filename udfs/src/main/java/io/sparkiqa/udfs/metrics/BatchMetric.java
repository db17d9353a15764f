package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.List;

/**
 * A metric that scores several images in one call (a deep model's forward pass). The scorer
 * prepares each image ({@link #prepare}, which may fail for that image alone), groups prepared inputs of
 * equal {@link #shapeKey} up to {@link #maxBatch} tensors, and scores each group with {@link #scoreBatch}.
 * {@link #score} stays available for one image (a batch of 1). A full-reference one (mode FR) is prepared with the
 * row's decoded reference ({@link #prepare(RgbImage, RgbImage)}), so its batches carry both images.
 *
 * @param <P> the prepared input of one image
 */
public interface BatchMetric<P> extends Metric {

  /** The image's model input (for example its preprocessed crops). */
  P prepare(RgbImage image) throws MetricException;

  /**
   * The model input of an image and its reference (null when the row has none); a no-reference metric ignores the
   * reference, a full-reference one overrides this.
   */
  default P prepare(RgbImage image, RgbImage reference) throws MetricException {
    return prepare(image);
  }

  /** Prepared inputs with equal keys can share a batch. */
  String shapeKey(P prepared);

  /** How many tensors one prepared input adds to a batch (its crops). */
  int size(P prepared);

  /** The most tensors in one batch. */
  int maxBatch();

  /** One result per prepared input, in order; a failure fails the whole group. */
  List<MetricResult> scoreBatch(List<P> prepared) throws MetricException;
}
