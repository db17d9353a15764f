package io.sparkiqa.jobs.audit;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;

import io.sparkiqa.jobs.contracts.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The ok scores of an audit collected on the driver: per model, the images with their scores, URIs and
 * group values. Distributions, agreement and extremes are computed from it (a corpus of tens of millions
 * of scores fits a driver; the per-image table stays in Parquet).
 */
final class ScoreTable {
  /** One scored image for one model. */
  record Entry(String imageId, String uri, double score, Map<String, String> groups) {
  }

  final Map<String, List<Entry>> byModel = new LinkedHashMap<>();
  final Map<String, Map<String, Long>> failedByModelGroup = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> byId = new java.util.HashMap<>();

  /** Reads rows of {@code audit_scores} (any order). */
  static ScoreTable of(List<Row> rows, List<String> groupBy) {
    ScoreTable t = new ScoreTable();
    for (Row r : rows) {
      String model = r.getAs("model");
      Map<String, String> groups = groups(r, groupBy);
      if (OK.equals(r.getAs("status")) && r.getAs("score") != null && Double.isFinite(r.<Double>getAs("score"))) {
        t.byModel.computeIfAbsent(model, m -> new ArrayList<>())
            .add(new Entry(r.getAs("image_id"), r.getAs("uri"), r.<Double>getAs("score"), groups));
      } else {
        Map<String, Long> f = t.failedByModelGroup.computeIfAbsent(model, m -> new LinkedHashMap<>());
        groups.forEach((k, v) -> f.merge(k + "=" + v, 1L, Long::sum));
      }
    }
    t.byModel.values().forEach(l -> l.sort(java.util.Comparator.comparing(Entry::imageId)));
    return t;
  }

  /** "all" plus one value per group-by key ("(none)" when missing). */
  static Map<String, String> groups(Row r, List<String> groupBy) {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("all", "all");
    Map<String, String> attrs = r.isNullAt(r.fieldIndex("attrs")) ? Map.of() : r.getJavaMap(r.fieldIndex("attrs"));
    for (String key : groupBy) {
      Object v = Schemas.MANIFEST_NAMED.contains(key) && hasField(r, key) ? r.getAs(key) : attrs.get(key);
      g.put(key, v == null ? "(none)" : v.toString());
    }
    return g;
  }

  private static boolean hasField(Row r, String name) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(name);
  }

  long failed(String model, String groupBy, String group) {
    return failedByModelGroup.getOrDefault(model, Map.of()).getOrDefault(groupBy + "=" + group, 0L);
  }

  /** image_id to score for one model (memoised). */
  Map<String, Double> scoresOf(String model) {
    return byId.computeIfAbsent(model, m -> {
      Map<String, Double> out = new java.util.HashMap<>();
      byModel.getOrDefault(m, List.of()).forEach(e -> out.put(e.imageId(), e.score()));
      return out;
    });
  }
}
