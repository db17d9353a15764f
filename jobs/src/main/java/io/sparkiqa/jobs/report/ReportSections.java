package io.sparkiqa.jobs.report;

import java.util.List;

/**
 * The one ordered list of report sections: {@link #ALL} makes {@code report.html} ({@link HtmlReport})
 * and {@code summary.md} ({@link SummaryMarkdown}) of an evaluation, {@link #AUDIT} those of an audit
 * ({@link AuditReport}), which shows some of the evaluation's sections on its own data. A new section is
 * one {@link ReportSection} (or {@link AuditSection}) class plus one line here, where it should appear.
 */
public final class ReportSections {
  /** The evaluation report's sections, top to bottom. */
  public static final List<ReportSection> ALL = List.of(
      new NotesSection(),
      new ReconciliationSection(),
      new MetricsSection(),
      new GroupTablesSection(),
      new ModelSections(),
      new SignificanceSection(),
      new QualityVsAestheticsSection(),
      new RoundingNoiseSection(),
      new FailuresSection(),
      new RejectsSection(),
      new ProvenanceSection());

  /** The audit report's sections, top to bottom. */
  static final List<AuditSection> AUDIT = List.of(
      AuditSection.of(new ReconciliationSection()),
      new IngestSection(),
      new DistributionsSection(),
      new AgreementSection(),
      new DisagreementSection(),
      new ExtremesSection(),
      new DriftSection(),
      AuditSection.of(new FailuresSection()),
      AuditSection.of(new RejectsSection()),
      AuditSection.of(new ProvenanceSection()));

  private ReportSections() {
  }
}
