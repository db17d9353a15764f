package io.sparkiqa.jobs.report;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.udfs.metrics.MetricResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The report's flag for scores that hang on rounding noise: per model whose scores carry
 * {@code diagnostics.zero_residual_windows} (NIQE, BRISQUE), how many ok rows have windows whose exact
 * residual is 0 (the official MATLAB value of such an image is itself ill-defined), with examples.
 */
public final class RoundingFlags {
  static final int EXAMPLES = 10;

  /** One model's flag counts. */
  public record Flag(String model, long scored, long flagged, long maxWindows, List<String> examples) {
  }

  private RoundingFlags() {
  }

  static List<Flag> of(Dataset<Row> scores) {
    Column windows = col("diagnostics").getItem(MetricResult.ZERO_RESIDUAL_WINDOWS);
    Dataset<Row> ok = scores.filter(col("status").equalTo(OK).and(windows.isNotNull()))
        .withColumn("zr", windows);
    List<Flag> out = new ArrayList<>();
    for (Row r : ok.groupBy("model").agg(count("*").as("n"), sum(when(col("zr").gt(0), 1).otherwise(0)).as("f"),
        max("zr").as("m")).orderBy("model").collectAsList()) {
      String model = r.getString(0);
      List<String> examples = new ArrayList<>();
      ok.filter(col("model").equalTo(model).and(col("zr").gt(0))).orderBy(col("zr").desc(), col("image_id"))
          .select("image_id", "zr").limit(EXAMPLES).collectAsList()
          .forEach(e -> examples.add(e.getString(0) + " (" + (long) e.getDouble(1) + ")"));
      out.add(new Flag(model, r.getLong(1), r.getLong(2), (long) r.getDouble(3), examples));
    }
    return out;
  }

  static void html(StringBuilder h, List<Flag> flags) {
    if (flags.isEmpty()) {
      return;
    }
    h.append("<h2>Scores that hang on rounding noise</h2>\n<p class=\"note\">NIQE and BRISQUE flag images with ")
        .append("7×7 windows whose exact residual I − μ is 0 (flat regions such as clipped skies, heavy JPEG blocks, ")
        .append("mirror-symmetric patterns). There the sign of the computed residual is floating-point noise and moves ")
        .append("the pixel between the AGGD's left and right sums, so even the official MATLAB value is ill-defined; ")
        .append("scores of flagged images are reproducible here but need not match another implementation.</p>\n")
        .append("<table><tr><th class=\"l\">model</th><th>scored</th><th>flagged</th><th>share</th>")
        .append("<th>max windows</th><th class=\"l\">most affected (windows)</th></tr>\n");
    for (Flag f : flags) {
      h.append("<tr><td class=\"l\">").append(Fmt.html(f.model())).append("</td><td>").append(f.scored())
          .append("</td><td>").append(f.flagged()).append("</td><td>")
          .append(f.scored() == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * f.flagged() / f.scored()))
          .append("</td><td>").append(f.maxWindows()).append("</td><td class=\"l\">")
          .append(Fmt.html(String.join(", ", f.examples()))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  static void markdown(StringBuilder s, List<Flag> flags) {
    if (flags.isEmpty()) {
      return;
    }
    s.append("\n## Scores that hang on rounding noise\n\n");
    for (Flag f : flags) {
      s.append("- ").append(Fmt.md(f.model())).append(": ").append(f.flagged()).append(" of ").append(f.scored())
          .append(" scored images have windows with an exact zero residual (max ").append(f.maxWindows())
          .append(")").append(f.examples().isEmpty() ? "" : ", e.g. " + Fmt.md(String.join(", ", f.examples())))
          .append('\n');
    }
  }
}
