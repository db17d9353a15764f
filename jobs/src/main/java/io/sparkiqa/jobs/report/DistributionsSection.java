package io.sparkiqa.jobs.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * An audit's score distributions: per model and group, the count of finite scores, failures, ok rows without
 * a finite score (NaN, +/-Infinity, empty: not failures), mean with its bootstrap 95% CI, percentiles, the
 * share of bad images where a threshold was given, and the row's reason for whatever is missing; in HTML also
 * a histogram per model (finite scores).
 */
final class DistributionsSection implements AuditSection {
  @Override
  public void html(StringBuilder h, AuditReport.Data d) {
    Set<String> models = new LinkedHashSet<>();
    d.distributions().forEach(r -> models.add(r.getAs("model")));
    h.append("<h2>Score distributions</h2>\n");
    d.base().notes().forEach(note -> h.append("<p class=\"note\">").append(Fmt.html(note)).append("</p>\n"));
    Set<String> sources = new LinkedHashSet<>();
    d.distributions().forEach(r -> {
      if (r.getAs("threshold_source") != null) {
        sources.add(r.getAs("threshold_source"));
      }
    });
    h.append(sources.isEmpty() ? "<p>No thresholds given (--threshold MODEL=VALUE, or --calibration with --mos-cut): "
        + "no share of bad images.</p>\n" : "<p class=\"note\">Share bad: " + Fmt.html(String.join("; ", sources)) + ".</p>\n");
    for (String m : models) {
      model(h, d, m);
    }
  }

  private static void model(StringBuilder h, AuditReport.Data d, String m) {
    h.append("<h3>").append(Fmt.html(m)).append("</h3>\n<table><tr><th class=\"l\">group</th><th>n</th><th>failed</th>")
        .append("<th>non-finite</th><th>mean [95% CI]</th><th>p05</th><th>p25</th><th>median</th><th>p75</th><th>p95</th>")
        .append("<th>share bad</th><th class=\"l\">reason</th></tr>\n");
    boolean lower = false;
    for (Row r : d.distributions()) {
      if (!r.getAs("model").equals(m)) {
        continue;
      }
      lower = r.getAs("lower_better");
      h.append("<tr><td class=\"l\">").append(Fmt.html(Fmt.group(r))).append("</td><td>")
          .append(r.<Long>getAs("n")).append("</td><td>").append(r.<Long>getAs("n_failed")).append("</td><td>")
          .append(nonFinite(r)).append("</td><td>").append(Fmt.num(r.getAs("mean"))).append(" [").append(Fmt.num(r.getAs("mean_ci_low"))).append(", ")
          .append(Fmt.num(r.getAs("mean_ci_high"))).append("]</td>");
      for (String q : List.of("p05", "p25", "p50", "p75", "p95")) {
        h.append("<td>").append(Fmt.num(r.getAs(q))).append("</td>");
      }
      h.append("<td>").append(shareBad(r)).append("</td><td class=\"l\">").append(Fmt.html(reason(r)))
          .append("</td></tr>\n");
    }
    h.append("</table>\n<p>").append(lower ? "Lower is better." : "Higher is better.").append("</p>\n");
    Map<String, double[]> hist = d.histograms().get(m);
    if (hist != null) {
      h.append("<figure><img class=\"hist\" alt=\"histogram of ").append(Fmt.html(m)).append("\" src=\"data:image/png;base64,")
          .append(HistogramChart.scores(m + (d.groupBy() == null ? "" : " by " + d.groupBy()), m, hist, 640, 300))
          .append("\"></figure>\n");
    }
  }

  @Override
  public void markdown(StringBuilder s, AuditReport.Data d) {
    s.append("\n## Distributions\n\n| model | group | n | failed | non-finite | mean | mean 95% CI | median | p05 | p95 "
            + "| share bad | reason |\n")
        .append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
    for (Row r : d.distributions()) {
      s.append("| ").append(Fmt.md(r.getAs("model"))).append(" | ").append(Fmt.md(Fmt.group(r)))
          .append(" | ").append(r.<Long>getAs("n")).append(" | ").append(r.<Long>getAs("n_failed")).append(" | ")
          .append(nonFinite(r)).append(" | ").append(Fmt.num(r.getAs("mean"))).append(" | [").append(Fmt.num(r.getAs("mean_ci_low"))).append(", ")
          .append(Fmt.num(r.getAs("mean_ci_high"))).append("] | ").append(Fmt.num(r.getAs("p50"))).append(" | ")
          .append(Fmt.num(r.getAs("p05"))).append(" | ").append(Fmt.num(r.getAs("p95"))).append(" | ")
          .append(shareBad(r)).append(" | ").append(Fmt.md(reason(r))).append(" |\n");
    }
  }

  /** n_nonfinite, 0 in a table written before the column existed. */
  private static long nonFinite(Row r) {
    return io.sparkiqa.jobs.contracts.Schemas.has(r, "n_nonfinite") ? r.<Long>getAs("n_nonfinite") : 0L;
  }

  /** The row's reason, empty when none (or in a table written before the column existed). */
  private static String reason(Row r) {
    return io.sparkiqa.jobs.contracts.Schemas.has(r, "reason") && r.getAs("reason") != null ? r.getAs("reason") : "";
  }

  /** The share of bad images as a percentage, or — without a threshold. */
  private static String shareBad(Row r) {
    Double share = r.getAs("share_bad");
    return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
