package io.sparkiqa.jobs.report;

import java.util.Locale;
import org.apache.spark.sql.Row;

/** Number and text formatting shared by the HTML and Markdown writers. */
final class Fmt {
  /** The most rows an HTML listing (failures, rejects) shows. */
  static final int HTML_ROWS = 500;
  /** The most rows a Markdown listing shows. */
  static final int MARKDOWN_ROWS = 200;

  private Fmt() {
  }

  /** The label of a metrics or distributions row's group: {@code all}, or {@code KEY = VALUE}. */
  static String group(String groupBy, String group) {
    return groupBy.equals("all") ? "all" : groupBy + " = " + group;
  }

  /** The group label of a row with {@code group_by} and {@code group} columns (audit distributions, drift). */
  static String group(Row r) {
    return group(r.<String>getAs("group_by"), r.getAs("group"));
  }

  static String num(Double v) {
    if (v == null) {
      return "—";
    }
    if (v.isInfinite()) {
      return v > 0 ? "+inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String text(String s) {
    return s == null ? "—" : s;
  }

  static String html(String s) {
    if (s == null) {
      return "—";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /**
   * User-supplied text (ids, names, messages) as Markdown that shows it literally: on one line, with every character
   * Markdown or GitHub tables act on ({@code \ ` * _ [ ] < > | ~ &}) escaped by a backslash.
   */
  static String md(String s) {
    String t = oneLine(text(s));
    StringBuilder b = new StringBuilder(t.length() + 8);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Text as a Markdown code span that shows it literally whatever it holds: on one line, fenced by one backtick more
   * than its longest run of backticks, padded by a space on each side (which Markdown strips again).
   */
  static String mdCode(String s) {
    String t = oneLine(text(s));
    int longest = 0;
    int run = 0;
    for (int i = 0; i < t.length(); i++) {
      run = t.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    return longest == 0 && !t.startsWith(" ") && !t.endsWith(" ") ? fence + t + fence : fence + " " + t + " " + fence;
  }

  private static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }

  /** The note shown for a target that is not human opinion. */
  static String targetNote(String mosScale) {
    if ("severity-rank".equals(mosScale)) {
      return "The target is a synthetic severity rank (5 = mildest distortion level, 1 = worst), "
          + "not human opinion scores.";
    }
    return null;
  }
}
