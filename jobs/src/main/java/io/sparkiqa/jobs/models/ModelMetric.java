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
  private final String specUri;
  private final org.apache.hadoop.conf.Configuration conf;
  private volatile Path localFile;
  private final Preprocess preprocess;
  private final MetricSpec metricSpec;
  private final int threads;

  /**
   * @param specUri where the spec was read (relative model URIs resolve against its folder)
   * @param conf    Hadoop configuration for fetching the model file into the local cache on first use
   */
  public ModelMetric(ModelSpec spec, String specUri, org.apache.hadoop.conf.Configuration conf) {
    this.spec = spec;
    this.specUri = specUri;
    this.conf = conf;
    this.preprocess = new Preprocess(spec);
    this.threads = Devices.intraOpThreadsForThisExecutor();
    this.metricSpec = new MetricSpec(spec.id(), MetricSpec.Mode.valueOf(spec.mode()), spec.lowerBetter(),
        spec.range().get(0), spec.range().get(1), Preprocess.id(spec), spec.engine() + " model " + spec.id());
  }

  @Override
  public MetricSpec spec() {
    return metricSpec;
  }

  @Override
  public String modelSha256() {
    return spec.sha256();
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    Preprocess.Tensor t;
    try {
      t = preprocess.apply(image);
    } catch (IllegalArgumentException e) {
      throw new MetricException("too_small", spec.id() + ": " + e.getMessage());
    }
    try {
      if (localFile == null) {
        localFile = ModelCache.localCopy(spec, specUri, conf);
      }
      float[] out = LoadedModels.predictor(spec, localFile, Devices.ofCurrentTask(), threads).predict(t);
      return new MetricResult(Heads.apply(spec.head(), out), Map.of());
    } catch (ai.djl.translate.TranslateException e) {
      throw new MetricException("inference_error", spec.id() + ": " + e.getMessage());
    }
  }
}
