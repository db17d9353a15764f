package io.sparkiqa.jobs.report;

/** The failed scores rows (image, level, model, reason), the first {@link Fmt#HTML_ROWS} of them in HTML. */
final class FailuresSection implements ReportSection {
  private static final String TITLE = "Failures";

  @Override
  public void html(StringBuilder h, ReportData d) {
    Listing.html(h, TITLE, d.failures(), d.failuresTotal(),
        "<th class=\"l\">image_id</th><th class=\"l\">level</th><th class=\"l\">model</th>"
        + "<th class=\"l\">reason</th>", f -> "<td class=\"l\">" + Fmt.html(f.imageId()) + "</td><td class=\"l\">"
        + Fmt.html(f.level()) + "</td><td class=\"l\">" + Fmt.html(f.model()) + "</td><td class=\"l\">"
        + Fmt.html(f.error()) + "</td>");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    Listing.markdown(s, TITLE, d.failures(), d.failuresTotal(),
        f -> Fmt.mdCode(f.imageId()) + " " + Fmt.md(f.level()) + " " + Fmt.md(f.model()) + ": " + Fmt.md(f.error()));
  }
}
