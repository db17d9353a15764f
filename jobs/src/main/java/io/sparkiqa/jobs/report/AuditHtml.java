package io.sparkiqa.jobs.report;

/**
 * The {@code report.html} of an audit ({@link AuditReport}): the report's page frame with the audit's
 * extra styles and introduction, then every section of {@link ReportSections#AUDIT} in order.
 */
final class AuditHtml {
  private AuditHtml() {
  }

  static String render(AuditReport.Data d) {
    StringBuilder h = HtmlReport.head(d.base().title());
    h.append("<style>.thumb{display:block;max-width:160px;max-height:160px}.grid{display:flex;flex-wrap:wrap;gap:10px}")
        .append(".grid figure{margin:0;width:170px;font-size:11px;word-break:break-all}.flex{display:flex;flex-wrap:wrap;gap:16px}")
        .append(".hi{background:#ffe0e0}</style>\n");
    h.append("<h1>").append(Fmt.html(d.base().title())).append("</h1>\n");
    h.append("<p>An audit of a corpus without human ratings: what came in, how each model's scores are distributed ")
        .append("(per group, with bootstrap 95% CIs of the mean), how the models agree, which images they disagree on, ")
        .append("the worst and best images per model, and drift against a baseline audit. Every manifest row is ")
        .append("accounted for below: scored, failed with a reason, or rejected with a reason.</p>\n");
    ReportSections.AUDIT.forEach(section -> section.html(h, d));
    return HtmlReport.tail(h);
  }
}
