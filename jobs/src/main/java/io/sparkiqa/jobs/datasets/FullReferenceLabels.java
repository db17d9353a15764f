package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An adapter for a full-reference MOS dataset whose label file has the unified layout
 * {@code dis_img_path,dis_type,ref_img_path,score} (the CSV files of the icbcbicc/IQA-Dataset collection, MIT; each
 * dataset's own research terms apply to its scores). Both paths are relative to {@code --images} ({@code CSIQ/...}),
 * so {@code uri} and {@code ref_uri} are the image root plus each; {@code mos} is the published score unchanged;
 * {@code attrs} holds {@code dis_type} (so {@code --group-by dis_type} gives the per-distortion results these sets are
 * reported with), {@code ref_image} (the reference's relative name, for per-content grouping) and
 * {@code mos_lower_better} ({@code true} for a DMOS, {@code false} otherwise), which {@code evaluate} carries into
 * {@code metrics/}. No official split. A row without a reference image name is rejected.
 *
 * <p>A subclass names the dataset and its {@link Scale}; one that reads a second label file overrides
 * {@link #checkLabelCount} and {@link #withStd}.
 */
abstract class FullReferenceLabels extends NamedAdapter {
  /** The columns of the unified layout. */
  static final List<String> COLUMNS = List.of("dis_img_path", "dis_type", "ref_img_path", "score");

  /**
   * A dataset's published score.
   *
   * @param id          the {@code mos_scale} written on every row
   * @param lo          lowest valid score (rows below are rejected); {@code -Infinity} where the scale has no bound
   * @param hi          highest valid score
   * @param lowerBetter true for a DMOS (lower = better quality)
   */
  record Scale(String id, double lo, double hi, boolean lowerBetter) {
  }

  private final Scale scale;

  FullReferenceLabels(String name, String description, Scale scale) {
    super(name, description);
    this.scale = scale;
  }

  @Override
  public final ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root,
                                               DatasetAdapters.Options o, String runId) {
    checkLabelCount(labels);
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, labels.get(0));
    if (!List.of(raw.columns()).containsAll(COLUMNS)) {
      throw new IllegalArgumentException(labels.get(0) + ": --dataset " + name() + " expects the columns " + COLUMNS
          + ", the file has " + List.of(raw.columns()).subList(0, raw.columns().length - 4));
    }
    Column noRef = col("ref_img_path").isNull().or(trim(col("ref_img_path")).equalTo(""));
    raw = withStd(spark, raw, labels)
        .withColumn("_malformed_reason", when(col("_malformed"), col("_malformed_reason"))
            .when(noRef, lit("missing ref_img_path (a full-reference row needs its reference image)")))
        .withColumn("_malformed", col("_malformed").or(noRef));
    Column attrs = org.apache.spark.sql.functions.map(lit("dis_type"), col("dis_type"), lit("ref_image"),
        col("ref_img_path"), lit("mos_lower_better"), lit(String.valueOf(scale.lowerBetter())));
    Dataset<Row> c = CanonicalManifest.canonicalWithReference(raw, name(), col("dis_img_path"), col("ref_img_path"), root,
        col("score"), col("_std"), scale.id(), attrs);
    return ManifestValidator.validate(c, runId, scale.lo(), scale.hi());
  }

  /** Refuses a number of {@code --labels} files the dataset cannot take; by default exactly one. */
  void checkLabelCount(List<String> labels) {
    CanonicalManifest.oneLabelFile(name(), labels);
  }

  /**
   * The label rows with a {@code _std} column (the MOS standard deviation as a string, or null). By default the
   * dataset has none.
   */
  Dataset<Row> withStd(SparkSession spark, Dataset<Row> raw, List<String> labels) {
    return raw.withColumn("_std", CanonicalManifest.none());
  }
}
