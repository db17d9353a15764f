package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.contracts.OutputFiles;
/**
 * Renders {@code report.html}: one self-contained file (inline CSS and base64 PNG plots, no script, no
 * network) made of the sections of {@link ReportSections#ALL} (notes, reconciliation counts, metrics,
 * per-model scatter plots and metrics, significance, rounding flags, failures, rejects, provenance).
 *
 * <pre>{@code
 * OutputFiles.writeText(hadoopConf, out + "/report.html", HtmlReport.render(data));
 * }</pre>
 */
public final class HtmlReport {
  private HtmlReport() {
  }

  /** The page: its frame and title, then every section of {@link ReportSections#ALL} in order. */
  public static String render(ReportData d) {
    StringBuilder h = head(d.title());
    h.append("<h1>").append(Fmt.html(d.title())).append("</h1>\n");
    ReportSections.ALL.forEach(section -> section.html(h, d));
    return tail(h);
  }

  /** The page start shared by every report: doctype, title, inline CSS, open body. */
  static StringBuilder head(String title) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(Fmt.html(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
        .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}\n")
        .append(".neg{color:#b00020}.plots{display:flex;flex-wrap:wrap;gap:12px}.plots figure{margin:0}code{background:#f5f5f5;padding:1px 4px}\n")
        .append("</style></head><body>\n");
    return h;
  }

  /** Closes the page begun by {@link #head(String)}. */
  static String tail(StringBuilder h) {
    return h.append("</body></html>\n").toString();
  }
}
