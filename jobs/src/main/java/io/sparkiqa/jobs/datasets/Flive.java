package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * LIVE-FB (FLIVE) and its PaQ-2-PiQ patches.
 * <ul>
 *   <li>{@code flive}: {@code labels_image.csv} (name, mos 0-100), 39,810 images; split {@code test} for the
 *       1,827 images listed in {@code labels640.csv} (give it as a second {@code --labels}), else
 *       {@code trainval}.</li>
 *   <li>{@code paq2piq}: {@code labels640.csv}: per image one {@code image} row and {@code patch1..3} rows
 *       with their pixel boxes (top, left, bottom, right of the original image) and MOS. Levels are
 *       evaluated separately, never pooled; patches are cropped at score time from the decoded original.</li>
 * </ul>
 */
final class Flive {
  private Flive() {
  }

  static ManifestValidator.Split image(SparkSession spark, List<String> labels, String root, String runId) {
    if (labels.isEmpty() || labels.size() > 2) {
      throw new IllegalArgumentException("--dataset flive takes --labels labels_image.csv [--labels labels640.csv]");
    }
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, labels.get(0));
    Column split = lit(null).cast("string");
    if (labels.size() == 2) {
      Dataset<Row> test = spark.read().option("header", "true").csv(labels.get(1)).select(col("name_image").as("_test")).distinct();
      raw = raw.join(org.apache.spark.sql.functions.broadcast(test), raw.col("name").equalTo(test.col("_test")), "left");
      split = when(col("_test").isNotNull(), lit("test")).otherwise(lit("trainval"));
    }
    Dataset<Row> c = DatasetAdapters.canonical(raw, "flive", col("name"), root, split, col("mos"),
        lit(null).cast("string"), "0-100", expr("map()").cast("map<string,string>"));
    return ManifestValidator.validate(c, runId, 0, 100);
  }

  static ManifestValidator.Split patches(SparkSession spark, String labels640, String root, String runId) {
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, labels640);
    List<Dataset<Row>> levels = new ArrayList<>();
    levels.add(level(raw, root, "image", "mos_image", null));
    for (int k = 1; k <= 3; k++) {
      levels.add(level(raw, root, "patch" + k, "mos_patch_" + k, "_patch_" + k));
    }
    Dataset<Row> all = levels.get(0);
    for (int i = 1; i < levels.size(); i++) {
      all = all.unionByName(levels.get(i));
    }
    return ManifestValidator.validate(all, runId, 0, 100);
  }

  private static Dataset<Row> level(Dataset<Row> raw, String root, String level, String mosCol, String boxSuffix) {
    Column none = lit(null).cast("string");
    Column[] box = boxSuffix == null ? new Column[] {none, none, none, none}
        : new Column[] {col("top" + boxSuffix), col("left" + boxSuffix), col("bottom" + boxSuffix), col("right" + boxSuffix)};
    Column attrs = boxSuffix == null ? expr("map()").cast("map<string,string>")
        : org.apache.spark.sql.functions.map(lit("name_patch"), col("name_patch"));
    return DatasetAdapters.canonical(raw, "paq2piq", col("name_image"), root, lit("test"), level, box, col(mosCol),
        lit(null).cast("string"), "0-100", attrs);
  }
}
