package io.sparkiqa.jobs.report;

/**
 * The {@code summary.md} of an audit ({@link AuditReport}): the title, then the Markdown of every section
 * of {@link ReportSections#AUDIT} in order (the numbers of the HTML report as Markdown tables).
 */
final class AuditMarkdown {
  private AuditMarkdown() {
  }

  static String render(AuditReport.Data d) {
    StringBuilder s = new StringBuilder("# ").append(d.base().title()).append('\n');
    ReportSections.AUDIT.forEach(section -> section.markdown(s, d));
    return s.toString();
  }
}
