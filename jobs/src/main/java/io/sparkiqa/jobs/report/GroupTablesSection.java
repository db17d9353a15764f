package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One table per {@code --group-by} column and (dataset, split, level): a row per group value (e.g. each
 * {@code dis_type} of a full-reference set, the way those sets are reported), a column per model, each cell the
 * direction-corrected SRCC ({@link MetricRow#srccCorrected()}: model and human scale both corrected) with its n, or
 * the reason it is empty. The signed values are in the metrics table. Nothing without {@code --group-by}.
 */
final class GroupTablesSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    Map<String, List<MetricRow>> tables = tables(d);
    if (tables.isEmpty()) {
      return;
    }
    h.append("<h2>Per-group SRCC</h2>\n<p>Direction-corrected SRCC (lower-better models and lower-better MOS such as ")
        .append("a DMOS negated first: +1 = the model ranks quality as people do) per group, with n.</p>\n");
    tables.forEach((title, rows) -> {
      TreeSet<String> models = models(rows);
      h.append("<h3>").append(Fmt.html(title)).append("</h3>\n<table><tr><th class=\"l\">group</th>");
      models.forEach(m -> h.append("<th>").append(Fmt.html(m)).append("</th>"));
      h.append("</tr>\n");
      groups(rows).forEach((group, byModel) -> {
        h.append("<tr><td class=\"l\">").append(Fmt.html(group)).append("</td>");
        models.forEach(m -> {
          MetricRow r = byModel.get(m);
          Double v = r == null ? null : r.srccCorrected();
          h.append(v != null && v < 0 ? "<td class=\"neg\">" : "<td>").append(Fmt.html(cell(r))).append("</td>");
        });
        h.append("</tr>\n");
      });
      h.append("</table>\n");
    });
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    Map<String, List<MetricRow>> tables = tables(d);
    if (tables.isEmpty()) {
      return;
    }
    s.append("\n## Per-group SRCC (direction-corrected)\n");
    tables.forEach((title, rows) -> {
      TreeSet<String> models = models(rows);
      s.append("\n### ").append(Fmt.md(title)).append("\n\n| group |");
      models.forEach(m -> s.append(' ').append(Fmt.md(m)).append(" |"));
      s.append("\n|---|").append("---:|".repeat(models.size())).append('\n');
      groups(rows).forEach((group, byModel) -> {
        s.append("| ").append(Fmt.md(group)).append(" |");
        models.forEach(m -> s.append(' ').append(Fmt.md(cell(byModel.get(m)))).append(" |"));
        s.append('\n');
      });
    });
  }

  /** "0.912 (n = 150)", or the reason why there is no value, or "" where the model has no row. */
  static String cell(MetricRow r) {
    if (r == null) {
      return "";
    }
    Double v = r.srccCorrected();
    return v == null ? "— (n = " + r.n() + (r.reason() == null ? "" : "; " + r.reason()) + ")"
        : Fmt.num(v) + " (n = " + r.n() + ")";
  }

  /** The grouped metrics rows by table title (group_by — dataset / split / level), in a stable order. */
  private static Map<String, List<MetricRow>> tables(ReportData d) {
    Map<String, List<MetricRow>> out = new TreeMap<>();
    for (MetricRow m : d.metrics()) {
      if (!m.groupBy().equals("all")) {
        String title = m.groupBy() + " — " + Fmt.text(m.dataset()) + " / " + Fmt.text(m.split()) + " / " + m.level();
        out.computeIfAbsent(title, k -> new ArrayList<>()).add(m);
      }
    }
    return out;
  }

  private static TreeSet<String> models(List<MetricRow> rows) {
    TreeSet<String> models = new TreeSet<>();
    rows.forEach(r -> models.add(r.model()));
    return models;
  }

  private static Map<String, Map<String, MetricRow>> groups(List<MetricRow> rows) {
    Map<String, Map<String, MetricRow>> out = new TreeMap<>();
    rows.forEach(r -> out.computeIfAbsent(r.group(), g -> new LinkedHashMap<>()).put(r.model(), r));
    return out;
  }
}
