package io.sparkiqa.jobs.report;

/**
 * One section of an evaluation report: its part of {@code report.html} and of {@code summary.md}, both
 * drawn from {@link ReportData} alone. The sections are registered once, in order, in
 * {@link ReportSections#ALL}; {@link HtmlReport} and {@link SummaryMarkdown} write the page frame and
 * let every section append itself. A section that has nothing to say in one of the two formats leaves
 * that method out (the default appends nothing), and one whose data is empty may append nothing.
 *
 * <p>HTML sections start at an {@code <h2>} heading (the notes before the first table excepted). Markdown
 * sections start with a blank line and end with a newline ({@code "\n## Heading\n\n...\n"}), so that they join
 * with one blank line between them.
 *
 * <pre>{@code
 * final class ProvenanceSection implements ReportSection {
 *   public void html(StringBuilder h, ReportData d) {
 *     h.append("<h2>Provenance</h2>\n<table>\n");
 *     d.provenance().forEach((k, v) -> h.append("<tr><th>").append(Fmt.html(k)).append("</th><td>")
 *         .append(Fmt.html(v)).append("</td></tr>\n"));
 *     h.append("</table>\n");
 *   }
 * }
 * // then one line in ReportSections.ALL: new ProvenanceSection()
 * }</pre>
 */
public interface ReportSection {
  /** Appends this section's HTML to {@code h}; nothing by default. */
  default void html(StringBuilder h, ReportData d) {
  }

  /** Appends this section's Markdown to {@code s}; nothing by default. */
  default void markdown(StringBuilder s, ReportData d) {
  }
}
