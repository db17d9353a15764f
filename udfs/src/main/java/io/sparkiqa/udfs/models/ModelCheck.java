package io.sparkiqa.udfs.models;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricException;
import java.util.Arrays;
import java.util.List;

/**
 * A dry run of a spec on the driver, before any Spark job: a synthetic image goes through the spec's
 * preprocessing and a batch of two (or of {@code batch.max} when that is 1) through the model on the CPU,
 * loaded for the check only (the per-JVM cache is left to the executors).
 * A model that refuses the tensor (wrong rank, layout or size) or whose outputs do not fit the head fails
 * here, with the spec field to fix. A spec served by an inference server has its preprocessing checked only (-1 is
 * returned): its server answers on the executors' nodes, and a 4xx answer there fails the rows with the server's
 * message.
 */
public final class ModelCheck {
  private ModelCheck() {
  }

  /** Throws IllegalArgumentException naming the field; returns the number of outputs per tensor (-1: served). */
  public static int dryRun(ModelMetric metric, String where) {
    ModelSpec s = metric.modelSpec();
    int[] min = metric.preprocess().minimumSize();
    int w = Math.max(320, min[0]);
    int h = Math.max(240, min[1]);
    List<Preprocess.Tensor> crops;
    try {
      RgbImage g = gradient(w, h);
      crops = metric.prepare(g, g);
    } catch (MetricException e) {
      throw new IllegalArgumentException(where + ": field 'crops': " + e.getMessage(), e);
    }
    if (ServerFields.served(s)) {
      return -1; // the server, one per executor node, may not be reachable from the driver: checked when it answers
    }
    int n = Math.min(2, metric.maxBatch());
    List<Preprocess.Tensor> batch = n == 1 ? List.of(crops.get(0)) : List.of(crops.get(0), crops.get(0));
    float[][] out;
    try {
      out = metric.forward(batch, true);
    } catch (LoadedModels.LoadException e) {
      throw new IllegalArgumentException(where + ": field 'uri' / 'engine': the file does not load as a " + s.engine()
          + " model: " + e.getMessage(), e);
    } catch (MetricException | RuntimeException e) {
      String shape = ModelMetric.stack(batch).shapeKey();
      String hint = n > 1 ? " (if the model takes batch 1 only, set batch.max to 1)" : "";
      String fields = s.reference() == null ? "'input.layout' (or 'resize' / 'crops')"
          : "'reference.inputs' (the model's input names, image first) or 'input.layout' (or 'resize' / 'crops')";
      throw new IllegalArgumentException(where + ": field " + fields + ": the model does not take a "
          + s.input().layout() + " tensor of shape " + shape + hint + ": " + e.getMessage(), e);
    }
    int d = out[0].length;
    List<ModelOutput> outputs = ModelSpecs.outputs(where, s);
    for (int i = 0; i < outputs.size(); i++) {
      ModelOutput o = outputs.get(i);
      int width = o.width(d);
      if (width < 0) {
        throw Fields.wrong(where, "outputs[" + i + "].slice", "the model gives " + d + " outputs per image, the slice is ["
            + o.from() + ", " + o.to() + ")");
      }
      o.head().checkOutputs(s.outputs() == null ? where : where + " (outputs[" + i + "].head)", width);
    }
    return d;
  }

  private static RgbImage gradient(int w, int h) {
    byte[] p = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = 3 * (y * w + x);
        p[i] = (byte) (x * 255 / w);
        p[i + 1] = (byte) (y * 255 / h);
        p[i + 2] = (byte) ((x + y) & 0xff);
      }
    }
    return new RgbImage(w, h, p);
  }
}
