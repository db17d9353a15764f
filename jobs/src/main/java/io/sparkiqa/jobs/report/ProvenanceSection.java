package io.sparkiqa.jobs.report;

/** run.json's facts (run id, versions, commit, command, config), flattened to keys; HTML only. */
final class ProvenanceSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Provenance</h2>\n<table>\n");
    d.provenance().forEach((k, v) -> h.append("<tr><th class=\"l\">").append(Fmt.html(k)).append("</th><td class=\"l\">")
        .append(Fmt.html(v)).append("</td></tr>\n"));
    h.append("</table>\n");
  }
}
