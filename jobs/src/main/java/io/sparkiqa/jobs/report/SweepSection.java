package io.sparkiqa.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The sweep section: per group, codec and target the distribution of chosen qualities and the bytes saved, then the
 * rate–quality curves (mean bytes against mean score per rung, one colour per codec) per group and model.
 */
public final class SweepSection implements ReportSection {
  private static final String[] SUMMARY = {"group", "codec", "target", "images", "with_q", "q_min", "q_p25",
      "q_median", "q_p75", "q_max", "original_bytes_with_q", "chosen_bytes", "saved_fraction_median",
      "saved_fraction_mean"};
  private final List<Row> summary;
  private final List<Row> curves;

  private SweepSection(List<Row> summary, List<Row> curves) {
    this.summary = summary;
    this.curves = curves;
  }

  /** Reads {@code summary/} and {@code curves/} of a sweep output. */
  public static SweepSection read(SparkSession spark, String uri) {
    return new SweepSection(spark.read().parquet(uri + "/summary").orderBy("group", "codec", "target").collectAsList(),
        spark.read().parquet(uri + "/curves").orderBy("group", "model", "codec", "quality").collectAsList());
  }

  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Chosen quality per group</h2>\n<p>Per image, the lowest quality Q such that Q and every higher rung "
        + "meet the target; with_q counts the images where one does. Savings are against the original file.</p>\n");
    RowTable.html(h, summary, SUMMARY);
    h.append("<h2>Rate–quality curves</h2>\n<div class=\"plots\">");
    Map<String, List<ReportData.Point>> plots = new LinkedHashMap<>();
    for (Row r : curves) {
      if (!Double.isFinite(r.<Double>getAs("mean_score")) || !Double.isFinite(r.<Double>getAs("mean_bytes"))) {
        continue; // e.g. PSNR +inf of a rung that decodes to the original's pixels: in the tables, not the plot
      }
      String key = r.getAs("group") + " — " + r.getAs("model");
      plots.computeIfAbsent(key, k -> new ArrayList<>()).add(new ReportData.Point(r.getAs("model"), null, null,
          r.getAs("level"), r.<Double>getAs("mean_bytes"), r.<Double>getAs("mean_score"), r.getAs("codec")));
    }
    plots.forEach((k, pts) -> h.append("<figure><img alt=\"").append(Fmt.html(k)).append("\" src=\"data:image/png;base64,")
        .append(ScatterChart.pngBase64(k, "mean bytes per image", "mean score", pts, 420, 300))
        .append("\"></figure>"));
    h.append("</div>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    s.append("\n## Chosen quality per group\n\n");
    RowTable.markdown(s, summary, SUMMARY);
  }
}
