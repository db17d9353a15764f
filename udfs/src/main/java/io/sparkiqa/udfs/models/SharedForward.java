package io.sparkiqa.udfs.models;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricException;
import java.util.List;

/**
 * Lets the named scores of one multi-output spec share their work inside a task: the scorer prepares an image for
 * each score in turn and runs their (identical) batches one after another, so the last prepared image and the last
 * forward passes are remembered by identity and the second score reuses them. One instance per task and spec (made
 * by the catalog); not thread-safe. It holds one prepared image and {@link #PASSES} batches' outputs at most.
 */
public final class SharedForward {
  static final int PASSES = 2;

  private RgbImage lastImage;
  private List<Preprocess.Tensor> lastPrepared;
  private final Object[][] keys = new Object[PASSES][];
  private final float[][][] outputs = new float[PASSES][][];
  private int next;

  /** A step that may fail for the image or batch. */
  interface Step<T> {
    T run() throws MetricException;
  }

  List<Preprocess.Tensor> prepare(RgbImage image, Step<List<Preprocess.Tensor>> prepare) throws MetricException {
    if (image != lastImage || lastPrepared == null) {
      lastImage = null;
      lastPrepared = prepare.run();
      lastImage = image;
    }
    return lastPrepared;
  }

  /** The forward pass over {@code inputs} (prepared inputs, compared by identity), run once for all the scores. */
  float[][] forward(List<?> inputs, Step<float[][]> forward) throws MetricException {
    Object[] key = inputs.toArray();
    for (int i = 0; i < PASSES; i++) {
      if (same(keys[i], key)) {
        return outputs[i];
      }
    }
    float[][] out = forward.run();
    keys[next] = key;
    outputs[next] = out;
    next = (next + 1) % PASSES;
    return out;
  }

  private static boolean same(Object[] a, Object[] b) {
    if (a == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }
}
