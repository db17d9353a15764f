package io.sparkiqa.jobs.report;

/**
 * One section of an audit's {@code report.html} and {@code summary.md}: the contract of
 * {@link ReportSection} on the audit's data. The sections are registered in order in
 * {@link ReportSections#AUDIT}; the evaluation report's own sections (reconciliation, failures, rejects,
 * provenance) join that list through {@link #of(ReportSection)}, shown on the audit's base data.
 */
interface AuditSection {
  /** Appends this section's HTML to {@code h}; nothing by default. */
  default void html(StringBuilder h, AuditReport.Data d) {
  }

  /** Appends this section's Markdown to {@code s}; nothing by default. */
  default void markdown(StringBuilder s, AuditReport.Data d) {
  }

  /** The evaluation report's {@code section}, shown on the audit's {@link AuditReport.Data#base()}. */
  static AuditSection of(ReportSection section) {
    return new Base(section);
  }

  /** An evaluation report section in an audit. */
  record Base(ReportSection section) implements AuditSection {
    @Override
    public void html(StringBuilder h, AuditReport.Data d) {
      section.html(h, d.base());
    }

    @Override
    public void markdown(StringBuilder s, AuditReport.Data d) {
      section.markdown(s, d.base());
    }
  }
}
