package io.sparkiqa.jobs.report;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The compare section: per metric and variant, the paired difference against the baseline (mean with bootstrap CI,
 * median), the Wilcoxon signed-rank p-value and its Holm adjustment, wins/ties/losses; then the pairs where the
 * variants differ most, baseline and variant side by side.
 */
public final class CompareSection implements ReportSection {
  private static final String[] COLUMNS = {"model", "variant", "baseline", "lower_better", "n_pairs", "n_unpaired",
      "mean_diff", "ci_low", "ci_high", "median_diff", "wilcoxon_stat", "p_wilcoxon", "wilcoxon_method", "p_holm",
      "wins", "ties", "losses"};
  private final List<Row> comparisons;
  private final List<Row> differMost;

  private CompareSection(List<Row> comparisons, List<Row> differMost) {
    this.comparisons = comparisons;
    this.differMost = differMost;
  }

  /** Reads {@code comparisons/} and {@code differ_most/} of a compare output. */
  public static CompareSection read(SparkSession spark, String uri) {
    return new CompareSection(spark.read().parquet(uri + "/comparisons").orderBy("model", "variant").collectAsList(),
        spark.read().parquet(uri + "/differ_most").orderBy("model", "variant", "rank").collectAsList());
  }

  @Override
  public void html(StringBuilder h, ReportData d) {
    h.append("<h2>Variants against the baseline</h2>\n<p>diff = variant − baseline per pair; a win is a pair where "
        + "the variant scores better by the metric's direction. Wilcoxon signed-rank (zeros dropped, no continuity "
        + "correction), Holm-adjusted across every metric and variant.</p>\n");
    RowTable.html(h, comparisons, COLUMNS);
    h.append("<h2>Pairs where the variants differ most</h2>\n");
    String key = null;
    for (Row r : differMost) {
      String k = r.getAs("model") + " — " + r.getAs("variant");
      if (!k.equals(key)) {
        h.append(key == null ? "" : "</div>\n").append("<h3>").append(Fmt.html(k)).append("</h3>\n<div class=\"grid\">");
        key = k;
      }
      h.append("<figure>").append(AppReport.img(r.getAs("baseline_thumbnail"), r.getAs("baseline_id")))
          .append(AppReport.img(r.getAs("variant_thumbnail"), r.getAs("variant_id"))).append("<figcaption>#")
          .append(r.<Integer>getAs("rank")).append(' ').append(Fmt.html(r.getAs("pair"))).append("<br>baseline ")
          .append(Fmt.num(r.getAs("baseline_score"))).append(" → ").append(Fmt.num(r.getAs("variant_score")))
          .append("</figcaption></figure>");
    }
    h.append(key == null ? "<p>No pair has both scores.</p>\n" : "</div>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    s.append("\n## Variants against the baseline\n\n");
    RowTable.markdown(s, comparisons, COLUMNS);
  }
}
