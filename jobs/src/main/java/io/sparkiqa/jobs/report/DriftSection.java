package io.sparkiqa.jobs.report;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * An audit against a baseline audit: per model and group, the change of the percentiles and the
 * two-sample Kolmogorov–Smirnov test. Nothing without {@code --baseline}.
 */
final class DriftSection implements AuditSection {
  @Override
  public void html(StringBuilder h, AuditReport.Data d) {
    if (d.drift().isEmpty()) {
      return;
    }
    h.append("<h2>Drift against the baseline</h2>\n<p>Current minus baseline percentiles and the two-sample ")
        .append("Kolmogorov–Smirnov test per model and group; rows with p &lt; 0.05 are highlighted. Baseline: <code>")
        .append(Fmt.html(d.drift().get(0).getAs("baseline"))).append("</code></p>\n<table><tr><th class=\"l\">model</th>")
        .append("<th class=\"l\">group</th><th>n</th><th>n baseline</th><th>Δp05</th><th>Δp25</th><th>Δmedian</th>")
        .append("<th>Δp75</th><th>Δp95</th><th>KS D</th><th>KS p</th></tr>\n");
    for (Row r : d.drift()) {
      Double p = r.getAs("ks_p");
      h.append(p != null && p < 0.05 ? "<tr class=\"hi\">" : "<tr>").append("<td class=\"l\">").append(Fmt.html(r.getAs("model")))
          .append("</td><td class=\"l\">").append(Fmt.html(Fmt.group(r)))
          .append("</td><td>").append(r.<Long>getAs("n")).append("</td><td>").append(r.<Long>getAs("n_baseline")).append("</td>");
      for (String c : List.of("delta_p05", "delta_p25", "delta_p50", "delta_p75", "delta_p95", "ks_statistic")) {
        h.append("<td>").append(Fmt.num(r.getAs(c))).append("</td>");
      }
      h.append("<td>").append(ksP(r)).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  @Override
  public void markdown(StringBuilder s, AuditReport.Data d) {
    if (d.drift().isEmpty()) {
      return;
    }
    s.append("\n## Drift (KS test against ").append(Fmt.md(d.drift().get(0).getAs("baseline"))).append(")\n\n")
        .append("| model | group | n | n baseline | Δ median | KS D | KS p |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (Row r : d.drift()) {
      s.append("| ").append(Fmt.md(r.getAs("model"))).append(" | ").append(Fmt.md(Fmt.group(r)))
          .append(" | ").append(r.<Long>getAs("n")).append(" | ").append(r.<Long>getAs("n_baseline")).append(" | ")
          .append(Fmt.num(r.getAs("delta_p50"))).append(" | ").append(Fmt.num(r.getAs("ks_statistic"))).append(" | ")
          .append(ksP(r)).append(" |\n");
    }
  }

  /** The KS p-value to three significant digits, or — where there is none. */
  private static String ksP(Row r) {
    Double p = r.getAs("ks_p");
    return p == null ? "—" : String.format(Locale.ROOT, "%.3g", p);
  }
}
