package io.sparkiqa.jobs.report;

import java.util.List;
import java.util.function.Function;

/**
 * A counted listing of rows (failures, rejects): a heading with the count, then in HTML {@code None.} or a
 * table of the first {@link Fmt#HTML_ROWS} rows, in Markdown the first {@link Fmt#MARKDOWN_ROWS} as bullets.
 */
final class Listing {
  private Listing() {
  }

  /**
   * @param rows   the first rows
   * @param total  how many rows there are
   * @param header the table's header cells ({@code <th>...</th>...})
   * @param cells  one row's cells ({@code <td>...</td>...})
   */
  static <T> void html(StringBuilder h, String title, List<T> rows, long total, String header,
                       Function<T, String> cells) {
    h.append("<h2>").append(title).append(" (").append(total).append(")</h2>\n");
    if (rows.isEmpty()) {
      h.append("<p>None.</p>\n");
      return;
    }
    h.append("<table><tr>").append(header).append("</tr>\n");
    rows.stream().limit(Fmt.HTML_ROWS).forEach(r -> h.append("<tr>").append(cells.apply(r)).append("</tr>\n"));
    h.append("</table>\n");
  }

  /** @param line one row's bullet text, after {@code "- "} */
  static <T> void markdown(StringBuilder s, String title, List<T> rows, long total, Function<T, String> line) {
    s.append("\n## ").append(title).append(" (").append(total).append(")\n\n");
    rows.stream().limit(Fmt.MARKDOWN_ROWS).forEach(r -> s.append("- ").append(line.apply(r)).append('\n'));
  }
}
