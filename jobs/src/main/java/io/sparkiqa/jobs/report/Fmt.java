package io.sparkiqa.jobs.report;

import java.util.Locale;

/** Number and text formatting shared by the HTML and Markdown writers. */
final class Fmt {
  private Fmt() {
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
