package io.sparkiqa.jobs.report;

/** The manifest rows refused before scoring (source line, image, level, reason), the first {@link Fmt#HTML_ROWS} in HTML. */
final class RejectsSection implements ReportSection {
  private static final String TITLE = "Rejected manifest rows";

  @Override
  public void html(StringBuilder h, ReportData d) {
    Listing.html(h, TITLE, d.rejects(), d.rejectsTotal(),
        "<th>line</th><th class=\"l\">image_id</th><th class=\"l\">level</th>"
        + "<th class=\"l\">reason</th>", r -> "<td>" + r.sourceLine() + "</td><td class=\"l\">" + Fmt.html(r.imageId())
        + "</td><td class=\"l\">" + Fmt.html(r.level()) + "</td><td class=\"l\">" + Fmt.html(r.reason()) + "</td>");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    Listing.markdown(s, TITLE, d.rejects(), d.rejectsTotal(),
        r -> "line " + r.sourceLine() + " " + Fmt.mdCode(r.imageId()) + ": " + Fmt.md(r.reason()));
  }
}
