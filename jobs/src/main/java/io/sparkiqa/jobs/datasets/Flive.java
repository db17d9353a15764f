package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * LIVE-FB (FLIVE), image level: {@code labels_image.csv} (name, mos 0-100), 39,810 images; split
 * {@code test} for the 1,827 images listed in {@code labels640.csv} (give it as a second {@code --labels}),
 * else {@code trainval}. With only the first file the split is null. Its patch levels are {@link Paq2piq}.
 */
final class Flive implements DatasetAdapter {
  @Override
  public String name() {
    return "flive";
  }

  @Override
  public String description() {
    return "LIVE-FB (FLIVE), image level: labels_image.csv (MOS 0-100), then labels640.csv to mark the 1,827 test images";
  }

  @Override
  public ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root, DatasetAdapters.Options o,
                                         String runId) {
    if (labels.isEmpty() || labels.size() > 2) {
      throw new IllegalArgumentException("--dataset flive takes --labels labels_image.csv [--labels labels640.csv]");
    }
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, labels.get(0));
    Column split = CanonicalManifest.none();
    if (labels.size() == 2) {
      Dataset<Row> test = spark.read().option("header", "true").csv(labels.get(1)).select(col("name_image").as("_test")).distinct();
      raw = raw.join(org.apache.spark.sql.functions.broadcast(test), raw.col("name").equalTo(test.col("_test")), "left");
      split = when(col("_test").isNotNull(), lit("test")).otherwise(lit("trainval"));
    }
    Dataset<Row> c = CanonicalManifest.canonical(raw, name(), col("name"), root, split, col("mos"),
        CanonicalManifest.none(), "0-100", CanonicalManifest.noAttrs());
    return ManifestValidator.validate(c, runId, 0, 100);
  }
}
