package io.sparkiqa.jobs.report;

import java.util.Locale;
import org.apache.spark.sql.Row;

/** The summary.md of an audit ({@link AuditReport}): the numbers of the HTML report as Markdown tables. */
final class AuditMarkdown {
  private AuditMarkdown() {
  }

  static String render(AuditReport.Data d) {
    StringBuilder s = new StringBuilder("# ").append(d.base().title()).append("\n\n## Reconciliation\n\n");
    d.base().reconciliation().forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
    s.append("\n## Ingest\n\n| facet | value | images |\n|---|---|---:|\n");
    d.ingest().stream().filter(r -> !r.getAs("facet").equals("resolution")).forEach(r -> s.append("| ")
        .append(Fmt.md(r.getAs("facet"))).append(" | ").append(Fmt.md(r.getAs("value"))).append(" | ")
        .append(r.<Long>getAs("n")).append(" |\n"));
    s.append("\nExact duplicates: ").append(d.duplicates().size()).append(" group(s)");
    d.duplicates().forEach(r -> s.append("; ").append(Fmt.md(String.join(", ", r.<String>getList(r.fieldIndex("image_ids"))))));
    s.append("\n\n## Distributions\n\n| model | group | n | failed | mean | mean 95% CI | median | p05 | p95 | share bad |\n")
        .append("|---|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (Row r : d.distributions()) {
      String g = r.getAs("group_by").equals("all") ? "all" : r.getAs("group_by") + " = " + r.getAs("group");
      Double share = r.getAs("share_bad");
      s.append("| ").append(Fmt.md(r.getAs("model"))).append(" | ").append(Fmt.md(g)).append(" | ").append(r.<Long>getAs("n"))
          .append(" | ").append(r.<Long>getAs("n_failed")).append(" | ").append(Fmt.num(r.getAs("mean"))).append(" | [")
          .append(Fmt.num(r.getAs("mean_ci_low"))).append(", ").append(Fmt.num(r.getAs("mean_ci_high"))).append("] | ")
          .append(Fmt.num(r.getAs("p50"))).append(" | ").append(Fmt.num(r.getAs("p05"))).append(" | ")
          .append(Fmt.num(r.getAs("p95"))).append(" | ")
          .append(share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * share)).append(" |\n");
    }
    s.append("\n## Agreement (direction-aligned SRCC)\n\n");
    d.agreement().stream().filter(r -> ((String) r.getAs("model_a")).compareTo(r.getAs("model_b")) < 0)
        .forEach(r -> s.append("- ").append(Fmt.md(r.getAs("model_a"))).append(" vs ").append(Fmt.md(r.getAs("model_b")))
            .append(": ").append(Fmt.num(r.getAs("agreement"))).append(" (n = ").append(r.<Long>getAs("n")).append(")\n"));
    if (!d.drift().isEmpty()) {
      s.append("\n## Drift (KS test against ").append(Fmt.md(d.drift().get(0).getAs("baseline"))).append(")\n\n")
          .append("| model | group | n | n baseline | Δ median | KS D | KS p |\n|---|---|---:|---:|---:|---:|---:|\n");
      for (Row r : d.drift()) {
        String g = r.getAs("group_by").equals("all") ? "all" : r.getAs("group_by") + " = " + r.getAs("group");
        Double p = r.getAs("ks_p");
        s.append("| ").append(Fmt.md(r.getAs("model"))).append(" | ").append(Fmt.md(g)).append(" | ")
            .append(r.<Long>getAs("n")).append(" | ").append(r.<Long>getAs("n_baseline")).append(" | ")
            .append(Fmt.num(r.getAs("delta_p50"))).append(" | ").append(Fmt.num(r.getAs("ks_statistic"))).append(" | ")
            .append(p == null ? "—" : String.format(Locale.ROOT, "%.3g", p)).append(" |\n");
      }
    }
    s.append("\n## Failures (").append(d.base().failures().size()).append(")\n\n");
    d.base().failures().stream().limit(200).forEach(f -> s.append("- `").append(f.imageId()).append("` ")
        .append(f.model()).append(": ").append(Fmt.md(f.error())).append('\n'));
    s.append("\n## Rejected manifest rows (").append(d.base().rejects().size()).append(")\n\n");
    d.base().rejects().stream().limit(200).forEach(r -> s.append("- line ").append(r.sourceLine()).append(" `")
        .append(Fmt.text(r.imageId())).append("`: ").append(Fmt.md(r.reason())).append('\n'));
    return s.toString();
  }
}
