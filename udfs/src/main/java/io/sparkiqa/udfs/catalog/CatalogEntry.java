package io.sparkiqa.udfs.catalog;

import io.sparkiqa.udfs.metrics.MetricSpec;
import io.sparkiqa.udfs.models.ShippedSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric the catalog knows: its table facts ({@link MetricSpec}: name, mode, direction, range, preprocessing id,
 * aspect) and where it comes from: a built-in native metric, or one named score of a deep model's spec (engine, model
 * file sha256, sha256 of the spec's text, where the spec was read).
 *
 * @param spec        the metric's facts
 * @param shipped     the deep model's spec as the job ships it; null for a native metric
 * @param engine      DJL engine of a deep model, else null
 * @param modelSha256 the model file's sha256, else null
 * @param specSha256  sha256 of the spec's text as read, else null
 */
public record CatalogEntry(MetricSpec spec, ShippedSpec shipped, String engine, String modelSha256, String specSha256) {

  public String name() {
    return spec.name();
  }

  public boolean deep() {
    return shipped != null;
  }

  /** {@code native} or {@code deep}. */
  public String kind() {
    return deep() ? "deep" : "native";
  }

  /** The run.json record of this entry. */
  public Map<String, Object> record() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("kind", kind());
    e.put("mode", spec.mode().name());
    e.put("lower_better", spec.lowerBetter());
    e.put("range", Arrays.asList(spec.rangeLow(), spec.rangeHigh()));
    e.put("preprocess", spec.preprocess());
    e.put("aspect", spec.aspect().id());
    e.put("engine", engine);
    e.put("sha256", modelSha256);
    if (deep()) {
      e.put("spec_sha256", specSha256);
      e.put("spec", shipped.source());
      e.put("spec_id", shipped.id());
    }
    return e;
  }
}
