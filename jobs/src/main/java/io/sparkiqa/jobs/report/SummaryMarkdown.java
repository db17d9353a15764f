package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.contracts.OutputFiles;
/**
 * Renders {@code summary.md}: the title, then the Markdown of every section of {@link ReportSections#ALL}
 * in order (notes, reconciliation, the metrics table, rounding flags, failures, rejects).
 *
 * <pre>{@code
 * OutputFiles.writeText(hadoopConf, out + "/summary.md", SummaryMarkdown.render(data));
 * }</pre>
 */
public final class SummaryMarkdown {
  private SummaryMarkdown() {
  }

  public static String render(ReportData d) {
    StringBuilder s = new StringBuilder("# ").append(Fmt.md(d.title())).append('\n');
    ReportSections.ALL.forEach(section -> section.markdown(s, d));
    return s.toString();
  }
}
