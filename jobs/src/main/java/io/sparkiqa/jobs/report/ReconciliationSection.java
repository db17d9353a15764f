package io.sparkiqa.jobs.report;

/** Where every manifest row went: the ordered counts of run.json's {@code reconciliation} (in, ok, failed, rejected). */
final class ReconciliationSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Reconciliation</h2>\n<table><tr>");
    d.reconciliation().keySet().forEach(k -> h.append("<th>").append(Fmt.html(k)).append("</th>"));
    h.append("</tr><tr>");
    d.reconciliation().values().forEach(v -> h.append("<td>").append(v).append("</td>"));
    h.append("</tr></table>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    s.append("\n## Reconciliation\n\n");
    d.reconciliation().forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
  }
}
