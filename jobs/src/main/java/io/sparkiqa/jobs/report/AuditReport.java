package io.sparkiqa.jobs.report;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.col;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.OutputFiles;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Renders an audit's {@code report.html} and {@code summary.md} from its Parquet tables and run.json alone
 * (thumbnails are stored in the tables): the page frame of {@link HtmlReport}, then the sections of
 * {@link ReportSections#AUDIT} (the audit's own, and the evaluation report's reconciliation, failures,
 * rejects and provenance), with JFreeChart plots.
 */
public final class AuditReport {
  private AuditReport() {
  }

  /** Everything the audit report shows. */
  record Data(ReportData base, List<Row> ingest, List<Row> duplicates, List<Row> distributions, List<Row> agreement,
              List<Row> disagreement, List<Row> extremes, List<Row> drift, Map<String, Map<String, double[]>> histograms,
              String groupBy) {
  }

  /** True when {@code uri} holds an audit's outputs. */
  public static boolean isAudit(Configuration hc, String uri) {
    return OutputFiles.exists(hc, uri + "/distributions");
  }

  public static void build(SparkSession spark, String inUri, String outUri) {
    build(spark, inUri, outUri, null);
  }

  /** As {@link #build(SparkSession, String, String)}, checking {@code directions} (or null) against distributions/. */
  public static void build(SparkSession spark, String inUri, String outUri, Directions directions) {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    Map<String, String> provenance = new LinkedHashMap<>();
    Map<String, Long> reconciliation = new LinkedHashMap<>();
    if (OutputFiles.exists(hc, inUri + "/run.json")) {
      ReportBuilder.readRunJson(OutputFiles.readText(hc, inUri + "/run.json"), provenance, reconciliation);
    }
    ReportBuilder.Listed<ReportData.Failure> failures = OutputFiles.exists(hc, inUri + "/scores")
        ? ReportBuilder.failures(io.sparkiqa.jobs.evaluate.ScoresInput.read(spark, inUri + "/scores"))
        : new ReportBuilder.Listed<>(List.of(), 0);
    ReportBuilder.Listed<ReportData.Reject> rejects = ReportBuilder.rejects(spark, inUri);
    String title = "spark-iqa audit" + (provenance.containsKey("run_id") ? " — run " + provenance.get("run_id") : "");
    List<Row> dist = read(spark, inUri + "/distributions", "model", "group_by", "group");
    Map<String, Boolean> computed = new LinkedHashMap<>();
    dist.forEach(r -> computed.putIfAbsent(r.getAs("model"), r.<Boolean>getAs("lower_better")));
    ReportData base = new ReportData(title, provenance, reconciliation, List.of(), List.of(), List.of(),
        failures.first(), rejects.first(), List.of(), null,
        DirectionCheck.notes(computed, directions, "distributions/", System.out), failures.total(), rejects.total());
    String groupBy = dist.stream().map(r -> r.<String>getAs("group_by")).filter(g -> !g.equals("all")).findFirst()
        .orElse(null);
    Data d = new Data(base, read(spark, inUri + "/ingest", "facet", "value"), read(spark, inUri + "/duplicates"),
        dist, read(spark, inUri + "/agreement", "model_a", "model_b"), read(spark, inUri + "/disagreement", "rank"),
        read(spark, inUri + "/extremes", "model", "kind", "rank"),
        OutputFiles.exists(hc, inUri + "/drift") ? read(spark, inUri + "/drift", "model", "group_by", "group") : List.of(),
        histograms(spark, inUri, groupBy), groupBy);
    OutputFiles.writeText(hc, outUri + "/report.html", AuditHtml.render(d));
    OutputFiles.writeText(hc, outUri + "/summary.md", AuditMarkdown.render(d));
  }

  private static List<Row> read(SparkSession spark, String uri, String... order) {
    var df = spark.read().parquet(uri);
    return (order.length == 0 ? df : df.orderBy(order[0], java.util.Arrays.copyOfRange(order, 1, order.length)))
        .collectAsList();
  }

  /** Per model, the ok scores per value of the first group-by key (or "all"). */
  private static Map<String, Map<String, double[]>> histograms(SparkSession spark, String inUri, String groupBy) {
    Map<String, Map<String, List<Double>>> acc = new TreeMap<>();
    for (Row r : spark.read().parquet(inUri + "/audit_scores").filter(col("status").equalTo(OK))
        .select("model", "score", "attrs").collectAsList()) {
      Map<String, String> attrs = r.isNullAt(2) ? Map.of() : r.getJavaMap(2);
      String g = groupBy == null ? "all" : attrs.getOrDefault(groupBy, "(none)");
      if (!r.isNullAt(1)) {
        acc.computeIfAbsent(r.getString(0), m -> new TreeMap<>()).computeIfAbsent(g, x -> new ArrayList<>()).add(r.getDouble(1));
      }
    }
    Map<String, Map<String, double[]>> out = new TreeMap<>();
    acc.forEach((m, groups) -> {
      Map<String, double[]> g = new TreeMap<>();
      groups.forEach((k, v) -> g.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
      out.put(m, g);
    });
    return out;
  }

  static String img(byte[] jpeg, String alt) {
    return jpeg == null ? "<span class=\"noimg\">(unreadable)</span>" : "<img class=\"thumb\" alt=\"" + Fmt.html(alt)
        + "\" src=\"data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg) + "\">";
  }
}
