package io.sparkiqa.jobs.report;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The filter's section: kept and dropped counts per group, drops per rule, and per rule the borderline accepts and
 * rejects (nearest the threshold) as thumbnails.
 */
public final class FilterSection implements ReportSection {
  private final List<Row> counts;
  private final List<Row> rules;
  private final List<Row> borderline;

  private FilterSection(List<Row> counts, List<Row> rules, List<Row> borderline) {
    this.counts = counts;
    this.rules = rules;
    this.borderline = borderline;
  }

  /** Reads {@code counts/}, {@code rule_counts/} and {@code borderline/} of a filter output. */
  public static FilterSection read(SparkSession spark, String uri) {
    return new FilterSection(spark.read().parquet(uri + "/counts").orderBy("group").collectAsList(),
        spark.read().parquet(uri + "/rule_counts").orderBy("group", "rule").collectAsList(),
        spark.read().parquet(uri + "/borderline").orderBy("rule", "side", "rank").collectAsList());
  }

  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Kept and dropped per group</h2>\n");
    RowTable.html(h, counts, "group_by", "group", "rows", "kept", "dropped", "dropped_failed", "kept_failed");
    h.append("<h2>Drops per rule</h2>\n<p>A dropped row counts under the first rule it fails; <code>failed</code>: a "
        + "score the rules need failed (its reason is in dropped/).</p>\n");
    RowTable.html(h, rules, "group", "rule", "count");
    h.append("<h2>Borderline accepts and rejects</h2>\n");
    String key = null;
    for (Row r : borderline) {
      String k = r.getAs("rule") + " — " + r.getAs("side") + "s nearest the threshold";
      if (!k.equals(key)) {
        h.append(key == null ? "" : "</div>\n").append("<h3>").append(Fmt.html(k)).append("</h3>\n<div class=\"grid\">");
        key = k;
      }
      h.append("<figure>").append(AppReport.img(r.getAs("thumbnail_jpeg"), r.getAs("image_id"))).append("<figcaption>")
          .append(Fmt.html(r.getAs("image_id"))).append("<br>margin ").append(Fmt.num(r.getAs("margin")))
          .append("</figcaption></figure>");
    }
    h.append(key == null ? "<p>No rule has a threshold to be near.</p>\n" : "</div>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    s.append("\n## Kept and dropped per group\n\n");
    RowTable.markdown(s, counts, "group_by", "group", "rows", "kept", "dropped", "dropped_failed", "kept_failed");
    s.append("\n## Drops per rule\n\n");
    RowTable.markdown(s, rules, "group", "rule", "count");
  }
}
