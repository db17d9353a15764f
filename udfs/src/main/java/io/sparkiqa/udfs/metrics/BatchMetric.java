package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.List;

/**
 * A no-reference metric that scores several images in one call (a deep model's forward pass). The scorer
 * prepares each image ({@link #prepare}, which may fail for that image alone), groups prepared inputs of
 * equal {@link #shapeKey} up to {@link #maxBatch} tensors, and scores each group with {@link #scoreBatch}.
 * {@link #score} stays available for one image (a batch of 1).
 *
 * @param <P> the prepared input of one image
 */
public interface BatchMetric<P> extends Metric {

  /** The image's model input (for example its preprocessed crops). */
  P prepare(RgbImage image) throws MetricException;

  /** Prepared inputs with equal keys can share a batch. */
  String shapeKey(P prepared);

  /** How many tensors one prepared input adds to a batch (its crops). */
  int size(P prepared);

  /** The most tensors in one batch. */
  int maxBatch();

  /** One result per prepared input, in order; a failure fails the whole group. */
  List<MetricResult> scoreBatch(List<P> prepared) throws MetricException;
}
