package io.sparkiqa.jobs.faults;

import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.udfs.score.ScoreRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of a {@code scores/} folder, read with its explicit schema by a Spark session in the test JVM, and the
 * views the fault tests assert on: triples per run, duplicates, the latest row of each triple.
 */
public record ScoreRows(List<ScoreRow> rows) {
  /** One score row, reduced to what the fault tests check. */
  public record ScoreRow(String imageId, String level, String model, String status, String error, String runId) {
    public String triple() {
      return imageId + "|" + level + "|" + model;
    }
  }

  public static ScoreRows read(SparkSession spark, String scoresUri) {
    List<Row> rows = spark.read().schema(Schemas.SCORES).parquet(scoresUri)
        .select("image_id", "level", "model", "status", "error", "run_id").collectAsList();
    return new ScoreRows(rows.stream().map(r -> new ScoreRow(r.getString(0), r.getString(1), r.getString(2),
        r.getString(3), r.getString(4), r.getString(5))).toList());
  }

  /** The triples each (image, model) of the manifest should have: {@code image|level|model}. */
  public static Set<String> expected(Collection<String> imageIds, String level, Collection<String> models) {
    Set<String> out = new TreeSet<>();
    for (String id : imageIds) {
      for (String m : models) {
        out.add(id + "|" + level + "|" + m);
      }
    }
    return out;
  }

  /** The run ids in time order (they sort by time). */
  public List<String> runIds() {
    return rows.stream().map(ScoreRow::runId).distinct().sorted().toList();
  }

  /** The triples one run wrote. */
  public Set<String> triples(String runId) {
    return rows.stream().filter(r -> r.runId().equals(runId)).map(ScoreRow::triple)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every (triple, run) written more than once, with how often: empty when no run duplicated a row. */
  public Map<String, Long> duplicates() {
    Map<String, Long> n = rows.stream().collect(Collectors.groupingBy(r -> r.triple() + "@" + r.runId(),
        TreeMap::new, Collectors.counting()));
    n.values().removeIf(c -> c == 1);
    return n;
  }

  /** The row of each triple from its latest run (what readers of a resumed {@code scores/} take). */
  public Map<String, ScoreRow> latest() {
    Map<String, ScoreRow> out = new HashMap<>();
    for (ScoreRow r : rows) {
      out.merge(r.triple(), r, (a, b) -> a.runId().compareTo(b.runId()) >= 0 ? a : b);
    }
    return new TreeMap<>(out);
  }

  /** The rows whose status is not ok, as {@code triple: error}. */
  public List<String> notOk(Collection<ScoreRow> of) {
    return of.stream().filter(r -> !ScoreRecord.OK.equals(r.status())).map(r -> r.triple() + ": " + r.error()).toList();
  }
}
