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

  static String md(String s) {
    return text(s).replace("|", "\\|").replace("\n", " ");
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
