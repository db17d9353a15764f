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
 * {@link RoundingNoiseSection} shows them.
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
}
