package io.sparkiqa.jobs.report;

import java.util.List;
import org.apache.spark.sql.Row;

/** A table of Parquet rows in HTML and Markdown, by column name: numbers to 4 decimals, text escaped. */
final class RowTable {
  private RowTable() {
  }

  static void html(StringBuilder h, List<Row> rows, String... columns) {
    h.append("<table><tr>");
    for (String c : columns) {
      h.append("<th>").append(Fmt.html(c)).append("</th>");
    }
    h.append("</tr>\n");
    rows.stream().limit(Fmt.HTML_ROWS).forEach(r -> {
      h.append("<tr>");
      for (String c : columns) {
        Object v = r.isNullAt(r.fieldIndex(c)) ? null : r.get(r.fieldIndex(c));
        h.append(v instanceof Number ? "<td>" : "<td class=\"l\">").append(Fmt.html(text(v))).append("</td>");
      }
      h.append("</tr>\n");
    });
    h.append("</table>\n");
  }

  static void markdown(StringBuilder s, List<Row> rows, String... columns) {
    s.append('|');
    for (String c : columns) {
      s.append(' ').append(Fmt.md(c)).append(" |");
    }
    s.append("\n|");
    for (String c : columns) {
      s.append("---|");
    }
    s.append('\n');
    rows.stream().limit(Fmt.MARKDOWN_ROWS).forEach(r -> {
      s.append('|');
      for (String c : columns) {
        s.append(' ').append(Fmt.md(text(r.isNullAt(r.fieldIndex(c)) ? null : r.get(r.fieldIndex(c))))).append(" |");
      }
      s.append('\n');
    });
  }

  static String text(Object v) {
    if (v == null) {
      return "—";
    }
    if (v instanceof Double d) {
      return Fmt.num(d);
    }
    return v.toString();
  }
}
