package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;

/**
 * The metrics summary: in HTML one row per (model, dataset, split, level) over the whole split; in
 * Markdown every metrics row, groups included. SRCC is signed against the published MOS (a lower-better model or
 * MOS gives a negative value); "corrected" negates it for each of the two that is lower = better.
 */
final class MetricsSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Metrics</h2>\n");
    MetricsTableHtml.html(h, d.metrics().stream().filter(m -> m.groupBy().equals("all")).toList());
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    s.append("\n## Metrics\n\n| model | dataset | split | level | group | n | n_failed | lower_better | mos_lower_better "
            + "| SRCC | SRCC corrected | KRCC | PLCC | reason |\n")
        .append("|---|---|---|---|---|---:|---:|---|---|---:|---:|---:|---:|---|\n");
    for (MetricRow m : d.metrics()) {
      s.append("| ").append(Fmt.md(m.model())).append(" | ").append(Fmt.md(m.dataset())).append(" | ")
          .append(Fmt.md(m.split())).append(" | ").append(Fmt.md(m.level())).append(" | ")
          .append(Fmt.md(Fmt.group(m.groupBy(), m.group()))).append(" | ").append(m.n()).append(" | ").append(m.nFailed())
          .append(" | ").append(m.lowerBetter()).append(" | ").append(Boolean.TRUE.equals(m.mosLowerBetter()))
          .append(" | ").append(Fmt.num(m.srcc())).append(" | ").append(Fmt.num(m.srccCorrected())).append(" | ")
          .append(Fmt.num(m.krcc())).append(" | ").append(Fmt.num(m.plcc())).append(" | ")
          .append(m.reason() == null ? "" : Fmt.md(m.reason())).append(" |\n");
    }
  }
}
