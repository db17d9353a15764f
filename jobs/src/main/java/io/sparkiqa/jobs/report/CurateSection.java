package io.sparkiqa.jobs.report;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The curate section: counts by status, each group's picks as thumbnails, and the near-duplicate clusters. */
public final class CurateSection implements ReportSection {
  private final List<Row> status;
  private final List<Row> picks;
  private final List<Row> clusters;

  private CurateSection(List<Row> status, List<Row> picks, List<Row> clusters) {
    this.status = status;
    this.picks = picks;
    this.clusters = clusters;
  }

  /** Reads {@code selection/} (counts), {@code picks/} and {@code clusters/} of a curate output. */
  public static CurateSection read(SparkSession spark, String uri) {
    return new CurateSection(spark.read().parquet(uri + "/selection").groupBy("status").count().orderBy("status")
        .collectAsList(), spark.read().parquet(uri + "/picks").orderBy("group", "pick").collectAsList(),
        spark.read().parquet(uri + "/clusters").selectExpr("group", "cluster", "size",
            "array_join(members, ', ') as members", "array_join(picked, ', ') as picked").orderBy("group", "cluster")
            .collectAsList());
  }

  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Selection</h2>\n<p>picked: among the group's best k; duplicate: within the Hamming threshold of a "
        + "better pick's perceptual hash; not_picked: below the k picks; failed: a score the ranking needs failed.</p>\n");
    RowTable.html(h, status, "status", "count");
    h.append("<h2>Picks per group</h2>\n");
    String group = null;
    for (Row r : picks) {
      String g = r.getAs("group");
      if (!g.equals(group)) {
        h.append(group == null ? "" : "</div>\n").append("<h3>").append(Fmt.html(g)).append("</h3>\n<div class=\"grid\">");
        group = g;
      }
      h.append("<figure>").append(AppReport.img(r.getAs("thumbnail_jpeg"), r.getAs("image_id"))).append("<figcaption>#")
          .append(r.<Integer>getAs("pick")).append(' ').append(Fmt.html(r.getAs("image_id"))).append("<br>combined ")
          .append(Fmt.num(r.getAs("combined"))).append("</figcaption></figure>");
    }
    h.append(group == null ? "<p>Nothing picked.</p>\n" : "</div>\n");
    h.append("<h2>Near-duplicate clusters</h2>\n");
    RowTable.html(h, clusters, "group", "cluster", "size", "members", "picked");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    s.append("\n## Selection\n\n");
    RowTable.markdown(s, status, "status", "count");
    s.append("\n## Near-duplicate clusters\n\n");
    RowTable.markdown(s, clusters, "group", "cluster", "size", "members", "picked");
  }
}
