package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders {@code report.html}: one self-contained file (inline CSS and base64 PNG plots, no script, no
 * network) with reconciliation counts, per-model metrics and scatter plots, failures, rejects and
 * provenance.
 */
public final class HtmlReport {
  private static final int MAX_ROWS = 500;

  private HtmlReport() {
  }

  public static String render(ReportData d) {
    StringBuilder h = head(d.title());
    h.append("<h1>").append(Fmt.html(d.title())).append("</h1>\n");
    notes(h, d);
    reconciliation(h, d);
    Set<String> models = new LinkedHashSet<>();
    d.metrics().forEach(m -> models.add(m.model()));
    summaryTable(h, d.metrics());
    for (String model : models) {
      modelSection(h, d, model);
    }
    SignificanceMatrix.render(h, d.pairwise());
    RoundingFlags.html(h, d.roundingFlags());
    failures(h, d);
    rejects(h, d);
    provenance(h, d);
    h.append("</body></html>\n");
    return h.toString();
  }

  /** The page start shared by every report: doctype, title, inline CSS, open body. */
  static StringBuilder head(String title) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(Fmt.html(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
        .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}\n")
        .append(".neg{color:#b00020}.plots{display:flex;flex-wrap:wrap;gap:12px}.plots figure{margin:0}code{background:#f5f5f5;padding:1px 4px}\n")
        .append("</style></head><body>\n");
    return h;
  }

  private static void notes(StringBuilder h, ReportData d) {
    Set<String> scales = new TreeSet<>();
    d.metrics().forEach(m -> {
      if (m.mosScale() != null) {
        scales.add(m.mosScale());
      }
    });
    for (String s : scales) {
      String note = Fmt.targetNote(s);
      if (note != null) {
        h.append("<p class=\"note\">").append(Fmt.html(note)).append("</p>\n");
      }
    }
    h.append("<p>Correlations are signed: a lower-better metric shows a <em>negative</em> SRCC, KRCC and PLCC ")
        .append("against a higher-better target when it works. Nothing is passed through <code>abs()</code>. ")
        .append("PLCC is raw; “PLCC logistic-4” is after the VQEG 4-parameter logistic fitted by ")
        .append("Levenberg–Marquardt (RMSE divides by N−4). Intervals are 95% bootstrap percentile intervals.</p>\n");
  }

  static void reconciliation(StringBuilder h, ReportData d) {
    h.append("<h2>Reconciliation</h2>\n<table><tr>");
    d.reconciliation().keySet().forEach(k -> h.append("<th>").append(Fmt.html(k)).append("</th>"));
    h.append("</tr><tr>");
    d.reconciliation().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
    h.append("</tr></table>\n");
  }

  private static void summaryTable(StringBuilder h, List<MetricRow> metrics) {
    h.append("<h2>Metrics</h2>\n");
    metricTable(h, metrics.stream().filter(m -> m.groupBy().equals("all")).toList());
  }

  private static void metricTable(StringBuilder h, List<MetricRow> rows) {
    h.append("<table><tr><th class=\"l\">model</th><th class=\"l\">dataset</th><th class=\"l\">split</th>")
        .append("<th class=\"l\">level</th><th class=\"l\">group</th><th>n</th><th>n_failed</th>")
        .append("<th>direction</th><th>SRCC</th><th>SRCC 95% CI (bootstrap)</th><th>KRCC</th><th>PLCC</th>")
        .append("<th>PLCC 95% CI</th><th>PLCC logistic-4</th><th>RMSE logistic-4</th><th class=\"l\">reason</th></tr>\n");
    for (MetricRow m : rows) {
      String group = m.groupBy().equals("all") ? "all" : m.groupBy() + " = " + m.group();
      h.append("<tr><td class=\"l\">").append(Fmt.html(m.model())).append("</td><td class=\"l\">")
          .append(Fmt.html(m.dataset())).append("</td><td class=\"l\">").append(Fmt.html(m.split()))
          .append("</td><td class=\"l\">").append(Fmt.html(m.level())).append("</td><td class=\"l\">")
          .append(Fmt.html(group)).append("</td><td>").append(m.n()).append("</td><td>").append(m.nFailed())
          .append("</td><td>").append(m.lowerBetter() ? "lower better" : "higher better").append("</td>")
          .append(cell(m.srcc())).append(ci(m.srccCiLow(), m.srccCiHigh())).append(cell(m.krcc()))
          .append(cell(m.plcc())).append(ci(m.plccCiLow(), m.plccCiHigh())).append(cell(m.plccLogistic4()))
          .append(cell(m.rmseLogistic4()))
          .append("<td class=\"l\">").append(m.reason() == null ? "" : Fmt.html(m.reason())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static String ci(Double lo, Double hi) {
    return lo == null ? "<td>—</td>" : "<td>[" + Fmt.num(lo) + ", " + Fmt.num(hi) + "]</td>";
  }

  private static String cell(Double v) {
    String cls = v != null && v < 0 ? " class=\"neg\"" : "";
    return "<td" + cls + ">" + Fmt.num(v) + "</td>";
  }

  private static void modelSection(StringBuilder h, ReportData d, String model) {
    h.append("<h2>").append(Fmt.html(model)).append("</h2>\n<div class=\"plots\">\n");
    Map<List<String>, List<ReportData.Point>> byKey = new java.util.TreeMap<>((a, b) -> String.join("\u0000", a)
        .compareTo(String.join("\u0000", b)));
    for (ReportData.Point p : d.points()) {
      if (p.model().equals(model)) {
        byKey.computeIfAbsent(key(p), k -> new ArrayList<>()).add(p);
      }
    }
    byKey.forEach((k, pts) -> {
      String title = model + " — " + String.join(" / ", k);
      java.util.function.DoubleUnaryOperator curve = fittedCurve(d, model, pts.get(0));
      String png = ScatterChart.pngBase64(title, model + " score", "target (mos)", pts,
          curve == null ? null : "logistic-4 fit", curve, 560, 380);
      long nonFinite = pts.stream().filter(p -> !Double.isFinite(p.score())).count();
      h.append("<figure><img class=\"scatter\" alt=\"scatter of ").append(Fmt.html(title))
          .append("\" width=\"560\" height=\"380\" src=\"data:image/png;base64,").append(png).append("\">");
      if (nonFinite > 0) {
        h.append("<figcaption>").append(nonFinite).append(" non-finite score(s) not drawn</figcaption>");
      }
      h.append("</figure>\n");
    });
    h.append("</div>\n");
    List<MetricRow> grouped = d.metrics().stream().filter(m -> m.model().equals(model)).toList();
    metricTable(h, grouped);
  }

  /** The logistic-4 curve fitted on the whole (model, dataset, split, level), if there is one. */
  private static java.util.function.DoubleUnaryOperator fittedCurve(ReportData d, String model, ReportData.Point p) {
    for (MetricRow m : d.metrics()) {
      if (m.model().equals(model) && m.groupBy().equals("all") && java.util.Objects.equals(m.dataset(), p.dataset())
          && java.util.Objects.equals(m.split(), p.split()) && m.level().equals(p.level()) && m.fitParams() != null) {
        double[] b = io.sparkiqa.jobs.evaluate.FitParams.parse(m.fitParams()).logistic4();
        return b == null ? null : x -> io.sparkiqa.jobs.stats.MappingFunction.LOGISTIC4.value(b, x);
      }
    }
    return null;
  }

  private static List<String> key(ReportData.Point p) {
    return List.of(Fmt.text(p.dataset()), Fmt.text(p.split()), p.level());
  }

  static void failures(StringBuilder h, ReportData d) {
    h.append("<h2>Failures (").append(d.failures().size()).append(")</h2>\n");
    if (d.failures().isEmpty()) {
      h.append("<p>None.</p>\n");
      return;
    }
    h.append("<table><tr><th class=\"l\">image_id</th><th class=\"l\">level</th><th class=\"l\">model</th>")
        .append("<th class=\"l\">reason</th></tr>\n");
    d.failures().stream().limit(MAX_ROWS).forEach(f -> h.append("<tr><td class=\"l\">").append(Fmt.html(f.imageId()))
        .append("</td><td class=\"l\">").append(Fmt.html(f.level())).append("</td><td class=\"l\">")
        .append(Fmt.html(f.model())).append("</td><td class=\"l\">").append(Fmt.html(f.error())).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  static void rejects(StringBuilder h, ReportData d) {
    h.append("<h2>Rejected manifest rows (").append(d.rejects().size()).append(")</h2>\n");
    if (d.rejects().isEmpty()) {
      h.append("<p>None.</p>\n");
      return;
    }
    h.append("<table><tr><th>line</th><th class=\"l\">image_id</th><th class=\"l\">level</th>")
        .append("<th class=\"l\">reason</th></tr>\n");
    d.rejects().stream().limit(MAX_ROWS).forEach(r -> h.append("<tr><td>").append(r.sourceLine())
        .append("</td><td class=\"l\">").append(Fmt.html(r.imageId())).append("</td><td class=\"l\">")
        .append(Fmt.html(r.level())).append("</td><td class=\"l\">").append(Fmt.html(r.reason())).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  static void provenance(StringBuilder h, ReportData d) {
    h.append("<h2>Provenance</h2>\n<table>\n");
    d.provenance().forEach((k, v) -> h.append("<tr><th class=\"l\">").append(Fmt.html(k)).append("</th><td class=\"l\">")
        .append(Fmt.html(v)).append("</td></tr>\n"));
    h.append("</table>\n");
  }
}
