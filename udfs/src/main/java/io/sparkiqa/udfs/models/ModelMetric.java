package io.sparkiqa.udfs.models;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.BatchMetric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricResult;
import io.sparkiqa.udfs.metrics.MetricSpec;
import io.sparkiqa.udfs.models.server.InferenceClient;
import io.sparkiqa.udfs.models.server.ServedModel;
import io.sparkiqa.udfs.models.server.ServerUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One named score of a deep model ({@link ModelOutput}) as a {@link BatchMetric}: Java preprocessing (one tensor per
 * crop), the thread's predictor of the JVM's loaded model on the task's device ({@link TaskResources}), one forward
 * pass per batch of equally shaped tensors, the output's head per crop, and the mean over an image's crops. A spec of
 * engine {@code InferenceServer} sends each batch to the node's inference server instead ({@link InferenceClient}). A
 * full-reference spec ({@link ModelSpec.Reference}) prepares the image and its reference alike and feeds each crop
 * pair as the model's two inputs ({@link ReferenceFields}).
 */
public final class ModelMetric implements BatchMetric<List<Preprocess.Tensor>> {
  private static final java.util.concurrent.atomic.AtomicLong FORWARD_PASSES = new java.util.concurrent.atomic.AtomicLong();
  private final ModelSpec spec;
  private final ModelOutput output;
  private final TaskResources resources;
  private final SharedForward shared;
  private final String specUri;
  private final org.apache.hadoop.conf.Configuration conf;
  private volatile Path localFile;
  private final Preprocess preprocess;
  private final MetricSpec metricSpec;
  private final ServedModel served;

  /** The spec's first (or only) score, on this machine's CPU. */
  public ModelMetric(ModelSpec spec, String specUri, org.apache.hadoop.conf.Configuration conf) {
    this(spec, ModelSpecs.outputs(specUri, spec).get(0), specUri, conf, TaskResources.CPU, null);
  }

  /**
   * @param output    which of the spec's scores ({@link ModelSpecs#outputs})
   * @param specUri   where the spec was read (relative model URIs resolve against its folder)
   * @param conf      Hadoop configuration for fetching the model file into the local cache on first use
   * @param resources the running task's device and thread budget, asked when the model runs
   * @param shared    shared with the metrics of the spec's other outputs in this task, or null
   */
  public ModelMetric(ModelSpec spec, ModelOutput output, String specUri, org.apache.hadoop.conf.Configuration conf,
                     TaskResources resources, SharedForward shared) {
    this.spec = spec;
    this.output = output;
    this.resources = resources;
    this.shared = shared;
    this.specUri = specUri;
    this.conf = conf;
    this.preprocess = new Preprocess(spec);
    this.metricSpec = metricSpec(spec, output);
    this.served = ServerFields.served(spec) ? ServerFields.servedModel(spec.server()) : null;
  }

  /** The metric-table facts of one of a spec's scores. */
  public static MetricSpec metricSpec(ModelSpec spec, ModelOutput output) {
    return new MetricSpec(output.id(), MetricSpec.Mode.valueOf(spec.mode()), output.lowerBetter(), output.rangeLow(),
        output.rangeHigh(), Preprocess.id(spec) + ReferenceFields.id(spec), output.aspect(), spec.engine() + " model " + spec.id()
        + (output.id().equals(spec.id()) ? "" : ", output " + output.id()));
  }

  @Override
  public MetricSpec spec() {
    return metricSpec;
  }

  @Override
  public String modelSha256() {
    return spec.sha256();
  }

  ModelSpec modelSpec() {
    return spec;
  }

  Preprocess preprocess() {
    return preprocess;
  }

  /** 1, or with {@code "decode": {"reduce": "draft"}} draft()'s reduction for the resize target on this size. */
  @Override
  public int decodeScale(int width, int height) {
    if (spec.decode() == null || !spec.decode().draft()) {
      return 1;
    }
    int[] target = preprocess.targetSize(width, height);
    return io.sparkiqa.udfs.image.JpegDraft.scale(width, height, target[0], target[1]);
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    return scoreBatch(List.of(prepare(image, reference))).get(0);
  }

  @Override
  public List<Preprocess.Tensor> prepare(RgbImage image) throws MetricException {
    if (spec.reference() != null) {
      throw new MetricException("no_reference", spec.id() + " is full-reference and was given no reference");
    }
    return shared == null ? preprocessed(image) : shared.prepare(image, () -> preprocessed(image));
  }

  /** A full-reference spec's crop pairs (the image's crops with the reference's as second inputs); else the crops. */
  @Override
  public List<Preprocess.Tensor> prepare(RgbImage image, RgbImage reference) throws MetricException {
    if (spec.reference() == null) {
      return prepare(image);
    }
    RgbImage ref = ReferenceFields.matched(spec, image, reference);
    if (shared == null) {
      return ReferenceFields.pairs(preprocessed(image), preprocessed(ref));
    }
    return shared.prepare(image, () -> ReferenceFields.pairs(preprocessed(image), preprocessed(ref)));
  }

  private List<Preprocess.Tensor> preprocessed(RgbImage image) throws MetricException {
    try {
      return preprocess.apply(image);
    } catch (IllegalArgumentException e) {
      throw new MetricException("too_small", spec.id() + ": " + e.getMessage());
    }
  }

  @Override
  public String shapeKey(List<Preprocess.Tensor> crops) {
    return preprocess.tokens() ? "tokens" : crops.size() + "x" + crops.get(0).shapeKey();
  }

  @Override
  public int size(List<Preprocess.Tensor> crops) {
    return crops.size();
  }

  @Override
  public int maxBatch() {
    return spec.batch() == null ? 1 : spec.batch().max();
  }

  @Override
  public List<MetricResult> scoreBatch(List<List<Preprocess.Tensor>> images) throws MetricException {
    List<Preprocess.Tensor> all = new ArrayList<>();
    images.forEach(all::addAll);
    float[][] outputs = shared == null ? forward(all) : shared.forward(images, () -> forward(all));
    List<MetricResult> results = new ArrayList<>(images.size());
    int k = 0;
    for (List<Preprocess.Tensor> crops : images) {
      double score;
      if (CropPolicy.meanLogits(spec.crops())) {
        score = output.score(mean(outputs, k, crops.size()));
        k += crops.size();
      } else {
        double sum = 0;
        for (int c = 0; c < crops.size(); c++) {
          sum += output.score(outputs[k++]);
        }
        score = sum / crops.size();
      }
      results.add(new MetricResult(score, Map.of()));
    }
    return results;
  }

  /** The mean of rows from .. from + n - 1 (in double, then float32 as the model's outputs are). */
  static float[] mean(float[][] rows, int from, int n) {
    float[] out = new float[rows[from].length];
    for (int j = 0; j < out.length; j++) {
      double s = 0;
      for (int i = from; i < from + n; i++) {
        s += rows[i][j];
      }
      out[j] = (float) (s / n);
    }
    return out;
  }

  /** One output row per input tensor, from one forward pass over the stacked tensors. */
  float[][] forward(List<Preprocess.Tensor> tensors) throws MetricException {
    return forward(tensors, false);
  }

  /** As {@link #forward(List)}; {@code once}: through a model loaded for this call only (the dry run). */
  float[][] forward(List<Preprocess.Tensor> tensors, boolean once) throws MetricException {
    Preprocess.Tensor batch = preprocess.tokens() ? Tokens.stack(tensors) : stack(tensors);
    FORWARD_PASSES.incrementAndGet();
    float[] flat;
    try {
      if (served != null) {
        if (!batch.more().isEmpty()) {
          throw new MetricException("inference_error", spec.id() + ": a served model takes one input tensor, this spec "
              + "prepares " + (1 + batch.more().size()));
        }
        flat = InferenceClient.infer(served, ServerUrl.parse(resources.inferenceServer()), batch.data(), batch.shape(),
            spec.id());
      } else {
        if (localFile == null) {
          localFile = ModelCache.localCopy(spec, specUri, conf);
        }
        flat = once ? LoadedModels.predictOnce(spec, localFile, batch)
            : LoadedModels.predictor(spec, localFile, resources).predict(batch);
      }
    } catch (ai.djl.translate.TranslateException | ai.djl.engine.EngineException e) {
      throw new MetricException("inference_error", spec.id() + ": " + e.getMessage());
    }
    int n = tensors.size();
    if (flat.length % n != 0 || flat.length == 0) {
      throw new MetricException("inference_error", spec.id() + ": " + flat.length + " outputs for a batch of " + n);
    }
    int d = flat.length / n;
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return rows;
  }

  /** Forward passes run in this JVM (all models). */
  public static long forwardPasses() {
    return FORWARD_PASSES.get();
  }

  /** The tensors stacked along the batch axis, input by input (every tensor must have the same inputs and shapes). */
  static Preprocess.Tensor stack(List<Preprocess.Tensor> tensors) {
    if (tensors.size() == 1) {
      return tensors.get(0);
    }
    Preprocess.Tensor first = tensors.get(0);
    for (Preprocess.Tensor t : tensors) {
      if (!t.shapeKey().equals(first.shapeKey())) {
        throw new IllegalArgumentException("a batch needs equal shapes: " + t.shapeKey() + " vs " + first.shapeKey());
      }
    }
    List<Preprocess.Tensor> more = new ArrayList<>(first.more().size());
    for (int i = 0; i < first.more().size(); i++) {
      int input = i;
      more.add(stackOne(tensors.stream().map(t -> t.more().get(input)).toList()));
    }
    return stackOne(tensors).with(more);
  }

  private static Preprocess.Tensor stackOne(List<Preprocess.Tensor> tensors) {
    long[] shape = tensors.get(0).shape().clone();
    int len = tensors.get(0).data().length;
    float[] data = new float[len * tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      System.arraycopy(tensors.get(i).data(), 0, data, i * len, len);
    }
    shape[0] = tensors.size();
    return new Preprocess.Tensor(data, shape);
  }
}
