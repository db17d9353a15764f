package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.evaluate.PairwiseRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The report section lists are complete and consistent: on a tiny {@link ReportData} in which every
 * section has something to show, report.html and summary.md are exactly the page frame plus each
 * registered section once, in list order, and every heading appears once; the audit list likewise.
 */
class ReportSectionsTest {
  private static MetricRow metric(String model, String groupBy, String group, double srcc) {
    return new MetricRow(model, "tiny", "test", "image", groupBy, group, 4, 1, 0, null, model.equals("niqe"), srcc,
        srcc - 0.1, srcc + 0.1, srcc, srcc, srcc - 0.2, srcc + 0.2, srcc, null, null, null, 1.0, null,
        "{\"logistic4\":{\"params\":[5.0,1.0,2.0,1.0]}}", true, null, null, null, null, 100, 7L, "severity-rank", null);
  }

  /** Two models, one group, every table non-empty. */
  static ReportData tiny() {
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("run_id", "r-tiny");
    provenance.put("config.seed", "7");
    Map<String, Long> reconciliation = new LinkedHashMap<>();
    reconciliation.put("manifest_rows", 6L);
    reconciliation.put("scored_ok", 4L);
    reconciliation.put("failed", 1L);
    reconciliation.put("rejected", 1L);
    List<MetricRow> metrics = List.of(metric("niqe", "all", "all", -0.8), metric("sharpness", "all", "all", 0.6),
        metric("sharpness", "distortion", "blur", 0.5));
    List<PairwiseRow> pairwise = List.of(new PairwiseRow("niqe", "sharpness", "tiny", "test", "image", "all", "all", 4,
        -0.8, 0.6, 0.2, 0.1, 0.3, 0.01, 2.0, 0.04, 2.1, 0.03, 0.01, null, 100, 7L));
    List<ReportData.Point> points = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      points.add(new ReportData.Point("niqe", "tiny", "test", "image", 8 - i, 1 + i, null));
      points.add(new ReportData.Point("sharpness", "tiny", "test", "image", i * 0.1, 1 + i, null));
    }
    List<AspectScores.Image> images = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      images.add(new AspectScores.Image("tiny/" + i, "image", Map.of("distortion", "blur"),
          Map.of("niqe", 8.0 - i, "sharpness", i * 0.1)));
    }
    return new ReportData("spark-iqa report — run r-tiny", provenance, reconciliation, metrics, pairwise, points,
        List.of(new ReportData.Failure("tiny/5", "image", "niqe", "decode_failed: truncated")),
        List.of(new ReportData.Reject(7L, "tiny/6", "image", "mos is NaN")),
        List.of(new RoundingFlags.Flag("niqe", 4, 1, 3, List.of("tiny/1 (3)"))), null, List.of(), 1, 1,
        new AspectScores(Map.of("niqe", "quality", "sharpness", "aesthetics"), images));
  }

  @Test
  void everySectionClassIsRegisteredOnce() {
    assertEquals(ReportSections.ALL.size(), ReportSections.ALL.stream().map(Object::getClass).distinct().count());
    List<Class<?>> audit = ReportSections.AUDIT.stream()
        .map(s -> s instanceof AuditSection.Base b ? b.section().getClass() : s.getClass()).toList();
    assertEquals(audit.size(), audit.stream().distinct().count(), audit.toString());
  }

  @Test
  void reportHtmlIsTheFrameAndEverySectionOnceInOrder() {
    ReportData d = tiny();
    String html = HtmlReport.render(d);
    StringBuilder expected = HtmlReport.head(d.title()).append("<h1>").append(Fmt.html(d.title())).append("</h1>\n");
    for (ReportSection s : ReportSections.ALL) {
      String part = alone(h -> s.html(h, d));
      assertFalse(part.isEmpty(), s.getClass().getSimpleName() + " shows nothing on the tiny report");
      assertTrue(part.startsWith("<h2>") || s instanceof NotesSection, s.getClass().getSimpleName() + ": " + part);
      assertEquals(1, count(html, part), s.getClass().getSimpleName() + " appears once");
      expected.append(part);
    }
    assertEquals(HtmlReport.tail(expected), html);
    List<String> headings = all(html, "<h2>([^<]*)</h2>");
    assertEquals(List.of("Reconciliation", "Metrics", "Per-group SRCC", "niqe", "sharpness", "Model × model significance",
        "Quality vs aesthetics", "Scores that hang on rounding noise", "Failures (1)", "Rejected manifest rows (1)", "Provenance"), headings);
  }

  @Test
  void summaryMarkdownIsTheTitleAndEverySectionOnceInOrder() {
    ReportData d = tiny();
    String md = SummaryMarkdown.render(d);
    StringBuilder expected = new StringBuilder("# ").append(d.title()).append('\n');
    for (ReportSection s : ReportSections.ALL) {
      String part = alone(m -> s.markdown(m, d));
      if (!part.isEmpty()) {
        assertTrue(part.startsWith("\n") && part.endsWith("\n") && !part.startsWith("\n\n"),
            s.getClass().getSimpleName() + " starts with one blank line and ends with a newline");
        assertEquals(1, count(md, part), s.getClass().getSimpleName() + " appears once");
      }
      expected.append(part);
    }
    assertEquals(expected.toString(), md);
    assertEquals(List.of("Reconciliation", "Metrics", "Per-group SRCC (direction-corrected)",
        "Quality vs aesthetics (direction-aligned SRCC)", "Scores that hang on rounding noise", "Failures (1)",
        "Rejected manifest rows (1)"), all(md, "(?m)^## (.*)$"));
    assertTrue(md.contains("| sharpness | tiny | test | image | distortion = blur | 4 | 1 | false |"), md);
  }

  @Test
  void auditPagesShowEachAuditSectionOnce() {
    ReportData base = new ReportData("spark-iqa audit", Map.of("run_id", "a"), Map.of("manifest_rows", 1L), List.of(),
        List.of(), List.of(), tiny().failures(), tiny().rejects(), List.of(), null);
    AuditReport.Data d = new AuditReport.Data(base, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), Map.of(), null);
    String html = AuditHtml.render(d);
    String md = AuditMarkdown.render(d);
    for (AuditSection s : ReportSections.AUDIT) {
      for (String part : List.of(alone(h -> s.html(h, d)), alone(m -> s.markdown(m, d)))) {
        if (!part.isEmpty()) {
          assertEquals(1, count(part.startsWith("<") ? html : md, part), s + " appears once");
        }
      }
    }
    assertEquals(List.of("Reconciliation", "Ingest", "Score distributions", "Agreement between models",
        "Disagreement sample (0)", "Worst and best images per model", "Failures (1)", "Rejected manifest rows (1)",
        "Provenance"), all(html, "<h2>([^<]*)</h2>"));
    assertEquals(List.of("Reconciliation", "Ingest", "Distributions", "Agreement (direction-aligned SRCC)", "Failures (1)",
        "Rejected manifest rows (1)"), all(md, "(?m)^## (.*)$"));
  }

  private static String alone(java.util.function.Consumer<StringBuilder> render) {
    StringBuilder b = new StringBuilder();
    render.accept(b);
    return b.toString();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> all(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
