package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * PaQ-2-PiQ, patch level (the FLIVE test images): {@code labels640.csv} gives per image one {@code image}
 * row and {@code patch1..3} rows with their pixel boxes (top, left, bottom, right of the original image)
 * and MOS (0-100), all in split {@code test}. Levels are evaluated separately, never pooled; patches are
 * cropped at score time from the decoded original. The patch name is kept in {@code attrs.name_patch}.
 */
final class Paq2piq implements DatasetAdapter {
  @Override
  public String name() {
    return "paq2piq";
  }

  @Override
  public String description() {
    return "PaQ-2-PiQ: labels640.csv, per image one image row and three patch rows with their pixel boxes (MOS 0-100)";
  }

  @Override
  public ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root, DatasetAdapters.Options o,
                                         String runId) {
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, CanonicalManifest.oneLabelFile(name(), labels));
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

  private Dataset<Row> level(Dataset<Row> raw, String root, String level, String mosCol, String boxSuffix) {
    Column none = CanonicalManifest.none();
    Column[] box = boxSuffix == null ? new Column[] {none, none, none, none}
        : new Column[] {col("top" + boxSuffix), col("left" + boxSuffix), col("bottom" + boxSuffix), col("right" + boxSuffix)};
    Column attrs = boxSuffix == null ? CanonicalManifest.noAttrs()
        : org.apache.spark.sql.functions.map(lit("name_patch"), col("name_patch"));
    return CanonicalManifest.canonical(raw, name(), col("name_image"), root, lit("test"), level, box, col(mosCol),
        CanonicalManifest.none(), "0-100", attrs);
  }
}
