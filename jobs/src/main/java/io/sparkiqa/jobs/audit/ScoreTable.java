package io.sparkiqa.jobs.audit;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;

import io.sparkiqa.jobs.contracts.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * The scores of an audit collected on the driver: per model, the images with a finite ok score, their URIs
 * and group values, from which distributions, agreement and extremes are computed (a corpus of tens of
 * millions of scores fits a driver; the per-image table stays in Parquet). Per model and (group_by, group)
 * it counts the rows left out: failed rows (status not ok), and ok rows whose score is not a finite number
 * (NaN, +/-Infinity, or empty), which are not failures and are counted apart.
 */
final class ScoreTable {
  /** One scored image for one model. */
  record Entry(String imageId, String uri, double score, Map<String, String> groups) {
  }

  final Map<String, List<Entry>> byModel = new LinkedHashMap<>();
  private final Map<String, Map<List<String>, Long>> failed = new LinkedHashMap<>();
  private final Map<String, Map<List<String>, Long>> nonFinite = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> byId = new java.util.HashMap<>();

  /** Reads rows of {@code audit_scores} (any order). */
  static ScoreTable of(List<Row> rows, List<String> groupBy) {
    ScoreTable t = new ScoreTable();
    for (Row r : rows) {
      String model = r.getAs("model");
      Map<String, String> groups = groups(r, groupBy);
      Double score = r.getAs("score");
      if (!OK.equals(r.getAs("status"))) {
        count(t.failed, model, groups);
      } else if (score == null || !Double.isFinite(score)) {
        count(t.nonFinite, model, groups);
      } else {
        t.byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(new Entry(r.getAs("image_id"), r.getAs("uri"), score,
            groups));
      }
    }
    t.byModel.values().forEach(l -> l.sort(java.util.Comparator.comparing(Entry::imageId)));
    return t;
  }

  private static void count(Map<String, Map<List<String>, Long>> into, String model, Map<String, String> groups) {
    Map<List<String>, Long> m = into.computeIfAbsent(model, x -> new LinkedHashMap<>());
    groups.forEach((k, v) -> m.merge(List.of(k, v), 1L, Long::sum));
  }

  /** "all" plus one value per group-by key ("(none)" when missing). */
  static Map<String, String> groups(Row r, List<String> groupBy) {
    Map<String, String> g = new LinkedHashMap<>();
    g.put("all", "all");
    Map<String, String> attrs = r.isNullAt(r.fieldIndex("attrs")) ? Map.of() : r.getJavaMap(r.fieldIndex("attrs"));
    for (String key : groupBy) {
      Object v = Schemas.MANIFEST_NAMED.contains(key) && Schemas.has(r, key) ? r.getAs(key) : attrs.get(key);
      g.put(key, v == null ? "(none)" : v.toString());
    }
    return g;
  }

  /** Every model with a row, in the order first seen: those with finite scores, then those without. */
  List<String> models() {
    Set<String> out = new LinkedHashSet<>(byModel.keySet());
    out.addAll(nonFinite.keySet());
    out.addAll(failed.keySet());
    return new ArrayList<>(out);
  }

  /** The (group_by, group) keys of a model's failed and non-finite rows (its scored groups are in byModel). */
  Set<List<String>> unscoredGroups(String model) {
    Set<List<String>> out = new LinkedHashSet<>(failed.getOrDefault(model, Map.of()).keySet());
    out.addAll(nonFinite.getOrDefault(model, Map.of()).keySet());
    return out;
  }

  long failed(String model, String groupBy, String group) {
    return failed.getOrDefault(model, Map.of()).getOrDefault(List.of(groupBy, group), 0L);
  }

  long nonFinite(String model, String groupBy, String group) {
    return nonFinite.getOrDefault(model, Map.of()).getOrDefault(List.of(groupBy, group), 0L);
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
