package io.sparkiqa.jobs.models;

import io.sparkiqa.jobs.score.Devices;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricResult;
import io.sparkiqa.udfs.metrics.MetricSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * A deep model from its spec as a {@link Metric}: Java preprocessing, the thread's predictor of the
 * JVM's loaded model on the task's device, the spec's head. Batch 1 for now.
 */
public final class ModelMetric implements Metric {
  private final ModelSpec spec;
  private final Path localFile;
  private final Preprocess preprocess;
  private final MetricSpec metricSpec;
  private final int threads;

  /** @param localFile the model file already in the local cache (checked against the spec's sha256) */
  public ModelMetric(ModelSpec spec, Path localFile, int threads) {
    this.spec = spec;
    this.localFile = localFile;
    this.preprocess = new Preprocess(spec);
    this.threads = threads;
    this.metricSpec = new MetricSpec(spec.id(), MetricSpec.Mode.valueOf(spec.mode()), spec.lowerBetter(),
        spec.range().get(0), spec.range().get(1), Preprocess.id(spec), spec.engine() + " model " + spec.id());
  }

  @Override
  public MetricSpec spec() {
    return metricSpec;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    Preprocess.Tensor t = preprocess.apply(image);
    try {
      float[] out = LoadedModels.predictor(spec, localFile, Devices.ofCurrentTask(), threads).predict(t);
      return new MetricResult(Heads.apply(spec.head(), out), Map.of());
    } catch (ai.djl.translate.TranslateException e) {
      throw new MetricException("inference_error", spec.id() + ": " + e.getMessage());
    }
  }
}
