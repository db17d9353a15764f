package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import java.util.Set;
import java.util.TreeSet;

/** Renders {@code summary.md}: reconciliation, the metrics table and failure reasons, as Markdown. */
public final class SummaryMarkdown {
  private SummaryMarkdown() {
  }

  public static String render(ReportData d) {
    StringBuilder s = new StringBuilder();
    s.append("# ").append(d.title()).append("\n\n");
    Set<String> scales = new TreeSet<>();
    d.metrics().forEach(m -> {
      if (m.mosScale() != null) {
        scales.add(m.mosScale());
      }
    });
    scales.forEach(sc -> {
      String note = Fmt.targetNote(sc);
      if (note != null) {
        s.append("> ").append(note).append("\n\n");
      }
    });
    s.append("Correlations are signed (lower-better metrics show negative values when they work); PLCC is raw.\n\n");
    s.append("## Reconciliation\n\n");
    d.reconciliation().forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
    s.append("\n## Metrics\n\n| model | dataset | split | level | group | n | n_failed | lower_better | SRCC | KRCC | PLCC | reason |\n")
        .append("|---|---|---|---|---|---:|---:|---|---:|---:|---:|---|\n");
    for (MetricRow m : d.metrics()) {
      String group = m.groupBy().equals("all") ? "all" : m.groupBy() + " = " + m.group();
      s.append("| ").append(Fmt.md(m.model())).append(" | ").append(Fmt.md(m.dataset())).append(" | ")
          .append(Fmt.md(m.split())).append(" | ").append(Fmt.md(m.level())).append(" | ").append(Fmt.md(group))
          .append(" | ").append(m.n()).append(" | ").append(m.nFailed()).append(" | ").append(m.lowerBetter())
          .append(" | ").append(Fmt.num(m.srcc())).append(" | ").append(Fmt.num(m.krcc())).append(" | ")
          .append(Fmt.num(m.plcc())).append(" | ").append(m.reason() == null ? "" : Fmt.md(m.reason())).append(" |\n");
    }
    RoundingFlags.markdown(s, d.roundingFlags());
    s.append("\n## Failures (").append(d.failures().size()).append(")\n\n");
    d.failures().stream().limit(200).forEach(f -> s.append("- `").append(f.imageId()).append("` ").append(f.level())
        .append(" ").append(f.model()).append(": ").append(Fmt.md(f.error())).append('\n'));
    s.append("\n## Rejected manifest rows (").append(d.rejects().size()).append(")\n\n");
    d.rejects().stream().limit(200).forEach(r -> s.append("- line ").append(r.sourceLine()).append(" `")
        .append(Fmt.text(r.imageId())).append("`: ").append(Fmt.md(r.reason())).append('\n'));
    return s.toString();
  }
}
