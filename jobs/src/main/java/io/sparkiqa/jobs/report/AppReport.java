package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.evaluate.ScoresInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code report.html} and {@code summary.md} of an application command (filter, curate, sweep, compare): the
 * report's page frame ({@link HtmlReport#head}), the command's own {@link ReportSection} (which reads its tables when
 * made), then the evaluation report's reconciliation, failures, rejects and provenance sections on the run's
 * {@link ReportData}.
 *
 * <pre>{@code
 * AppReport.build(spark, out, "spark-iqa filter", FilterSection.read(spark, out));
 * }</pre>
 */
public final class AppReport {
  private AppReport() {
  }

  /** Reads run.json, the failed scores and the rejects of {@code uri} and writes both report files there. */
  public static void build(SparkSession spark, String uri, String command, ReportSection own) {
    build(spark, uri, command, own, null);
  }

  /**
   * As {@link #build(SparkSession, String, String, ReportSection)}, listing the failed rows of {@code scoresTable} (a
   * table with the scores columns, e.g. the sweep's rungs/); null: run.json's {@code config.scores}, else scores/.
   */
  public static void build(SparkSession spark, String uri, String command, ReportSection own, String scoresTable) {
    Configuration hc = spark.sparkContext().hadoopConfiguration();
    Map<String, String> provenance = new LinkedHashMap<>();
    Map<String, Long> reconciliation = new LinkedHashMap<>();
    if (OutputFiles.exists(hc, uri + "/run.json")) {
      ReportBuilder.readRunJson(OutputFiles.readText(hc, uri + "/run.json"), provenance, reconciliation);
    }
    String scoresUri = scoresTable != null ? scoresTable : provenance.getOrDefault("config.scores", uri + "/scores");
    if ("null".equals(scoresUri)) {
      scoresUri = uri + "/scores";
    }
    ReportBuilder.Listed<ReportData.Failure> failures = OutputFiles.exists(hc, scoresUri)
        ? ReportBuilder.failures(ScoresInput.read(spark, scoresUri)) : new ReportBuilder.Listed<>(List.of(), 0);
    ReportBuilder.Listed<ReportData.Reject> rejects = ReportBuilder.rejects(spark, uri);
    String title = "spark-iqa " + command + (provenance.containsKey("run_id") ? " — run " + provenance.get("run_id") : "");
    ReportData d = new ReportData(title, provenance, reconciliation, List.of(), List.of(), List.of(), failures.first(),
        rejects.first(), List.of(), null, List.of(), failures.total(), rejects.total());
    List<ReportSection> sections = List.of(new ReconciliationSection(), own, new FailuresSection(), new RejectsSection(),
        new ProvenanceSection());
    StringBuilder h = HtmlReport.head(title);
    h.append("<style>.thumb{display:block;max-width:160px;max-height:160px}.grid{display:flex;flex-wrap:wrap;gap:10px}")
        .append(".grid figure{margin:0;width:170px;font-size:11px;word-break:break-all}</style>\n");
    h.append("<h1>").append(Fmt.html(title)).append("</h1>\n");
    sections.forEach(s -> s.html(h, d));
    StringBuilder md = new StringBuilder("# ").append(title).append('\n');
    sections.forEach(s -> s.markdown(md, d));
    OutputFiles.writeText(hc, uri + "/report.html", HtmlReport.tail(h));
    OutputFiles.writeText(hc, uri + "/summary.md", md.toString());
  }

  /** A thumbnail (JPEG bytes, or null) as an inline image. */
  static String img(byte[] jpeg, String alt) {
    return AuditReport.img(jpeg, alt);
  }
}
