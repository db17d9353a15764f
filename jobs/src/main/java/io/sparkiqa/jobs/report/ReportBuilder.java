package io.sparkiqa.jobs.report;

import static io.sparkiqa.udfs.score.ScoreRecord.FAILED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.evaluate.PairwiseRow;
import io.sparkiqa.jobs.evaluate.ScoresInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Builds {@code report.html} and {@code summary.md} from an output folder's Parquet tables and
 * {@code run.json} alone: {@code metrics/}, {@code points/}, {@code scores/} (failed rows),
 * {@code rejects/}. Used at the end of {@code run}/{@code evaluate} and by {@code sparkiqa report}.
 */
public final class ReportBuilder {
  /** The most points one scatter plot draws. */
  static final int PLOTTED = 20_000;
  /** The most failed or rejected rows the report reads: the listings show fewer ({@link Fmt#HTML_ROWS}). */
  static final int LISTED = 1_000;

  private ReportBuilder() {
  }

  /** Reads {@code inUri} and writes the two report files into {@code outUri}. */
  public static ReportData build(SparkSession spark, String inUri, String outUri, String colourBy) {
    return build(spark, inUri, outUri, colourBy, null);
  }

  /**
   * As {@link #build(SparkSession, String, String, String)}; {@code directions} (or null) are checked against the
   * ones {@code metrics/} was computed with, and a difference becomes a note ({@link DirectionCheck}).
   */
  public static ReportData build(SparkSession spark, String inUri, String outUri, String colourBy, Directions directions) {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    Map<String, String> provenance = new LinkedHashMap<>();
    Map<String, Long> reconciliation = new LinkedHashMap<>();
    if (OutputFiles.exists(hc, inUri + "/run.json")) {
      readRunJson(OutputFiles.readText(hc, inUri + "/run.json"), provenance, reconciliation);
    }
    List<MetricRow> metrics = new ArrayList<>();
    spark.read().parquet(inUri + "/metrics").collectAsList().forEach(r -> metrics.add(MetricRow.fromRow(r)));
    List<PairwiseRow> pairwise = new ArrayList<>();
    if (OutputFiles.exists(hc, inUri + "/pairwise")) {
      spark.read().parquet(inUri + "/pairwise").collectAsList().forEach(r -> pairwise.add(PairwiseRow.fromRow(r)));
    }
    List<ReportData.Point> points = new ArrayList<>();
    for (Row r : plotted(spark.read().parquet(inUri + "/points").filter(col("mos").isNotNull()), PLOTTED).collectAsList()) {
      Map<String, String> attrs = r.getJavaMap(r.fieldIndex("attrs"));
      String colour = colourBy == null || attrs == null ? null : attrs.get(colourBy);
      points.add(new ReportData.Point(r.getAs("model"), r.getAs("dataset"), r.getAs("split"), r.getAs("level"),
          r.<Double>getAs("score"), r.<Double>getAs("mos"), colour));
    }
    Listed<ReportData.Failure> failures = new Listed<>(List.of(), 0);
    List<RoundingFlags.Flag> flags = new ArrayList<>();
    String scoresUri = provenance.getOrDefault("config.scores", inUri + "/scores");
    if (OutputFiles.exists(hc, scoresUri)) {
      Dataset<Row> scores = ScoresInput.read(spark, scoresUri);
      flags.addAll(RoundingFlags.of(scores));
      failures = failures(scores);
    }
    Listed<ReportData.Reject> rejects = rejects(spark, inUri);
    String title = "spark-iqa report" + (provenance.containsKey("run_id") ? " — run " + provenance.get("run_id") : "");
    Map<String, Boolean> computed = new LinkedHashMap<>();
    metrics.forEach(m -> computed.putIfAbsent(m.model(), m.lowerBetter()));
    List<String> notes = DirectionCheck.notes(computed, directions, "metrics/", System.out);
    ReportData data = new ReportData(title, provenance, reconciliation, metrics, pairwise, points, failures.first(),
        rejects.first(), flags, colourBy, notes, failures.total(), rejects.total(),
        AspectScores.read(spark, inUri, provenance, PLOTTED));
    OutputFiles.writeText(hc, outUri + "/report.html", HtmlReport.render(data));
    OutputFiles.writeText(hc, outUri + "/summary.md", SummaryMarkdown.render(data));
    return data;
  }

  /**
   * The points the scatter plots draw: all of a (model, dataset, split, level) up to {@code cap} ({@link #PLOTTED}),
   * else a fixed sample of {@code cap} (the lowest hashes of image_id and level), so a plot of a million rows stays
   * small.
   */
  static Dataset<Row> plotted(Dataset<Row> points, int cap) {
    return points.withColumn("_k", row_number().over(Window.partitionBy("model", "dataset", "split", "level")
            .orderBy(xxhash64(col("image_id"), col("level")), col("image_id"))))
        .filter(col("_k").leq(cap)).drop("_k");
  }

  /** The first {@link #LISTED} rows of a table (in the report's order) and how many it has. */
  record Listed<T>(List<T> first, long total) {
  }

  /** The failed rows of a scores table: the first {@link #LISTED}, sorted, and their count. */
  static Listed<ReportData.Failure> failures(Dataset<Row> scores) {
    Dataset<Row> failed = scores.filter(col("status").equalTo(FAILED));
    List<ReportData.Failure> first = new ArrayList<>();
    failed.orderBy("image_id", "level", "model").limit(LISTED).collectAsList()
        .forEach(r -> first.add(new ReportData.Failure(r.getAs("image_id"), r.getAs("level"), r.getAs("model"),
            r.getAs("error"))));
    return new Listed<>(first, first.size() < LISTED ? first.size() : failed.count());
  }

  /** The rejects table of an output folder: the first {@link #LISTED} by line, and their count (none when absent). */
  static Listed<ReportData.Reject> rejects(SparkSession spark, String inUri) {
    List<ReportData.Reject> first = new ArrayList<>();
    if (!OutputFiles.exists(spark.sparkContext().hadoopConfiguration(), inUri + "/rejects")) {
      return new Listed<>(first, 0);
    }
    Dataset<Row> rejects = spark.read().parquet(inUri + "/rejects");
    rejects.orderBy("source_line").limit(LISTED).collectAsList()
        .forEach(r -> first.add(new ReportData.Reject(r.getAs("source_line"), r.getAs("image_id"),
            r.getAs("level"), r.getAs("reason"))));
    return new Listed<>(first, first.size() < LISTED ? first.size() : rejects.count());
  }

  static void readRunJson(String json, Map<String, String> provenance, Map<String, Long> reconciliation) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      flatten("", root, provenance);
      JsonNode rec = root.path("reconciliation");
      for (Iterator<Map.Entry<String, JsonNode>> it = rec.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNumber()) {
          reconciliation.put(e.getKey(), e.getValue().asLong());
        }
        // the per-score counts ({"scores": {"expected": .., "ok": ..}}) as "scores expected", "scores ok", ...
        for (Iterator<Map.Entry<String, JsonNode>> sub = e.getValue().fields(); sub.hasNext(); ) {
          Map.Entry<String, JsonNode> f = sub.next();
          if (f.getValue().isNumber()) {
            reconciliation.put(e.getKey() + " " + f.getKey(), f.getValue().asLong());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("run.json is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("reconciliation")) {
          flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
        }
      }
    } else {
      out.put(prefix, node.isTextual() ? node.asText() : node.toString());
    }
  }
}
