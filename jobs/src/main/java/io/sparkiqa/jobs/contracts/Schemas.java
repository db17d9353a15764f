package io.sparkiqa.jobs.contracts;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import java.util.List;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The data contracts of DESIGN.md section 2 as Spark schemas. The column names are the public
 * interface: notebooks, reports and users' own queries read them.
 */
public final class Schemas {
  private Schemas() {
  }

  /** Columns of a manifest that are not free {@code attrs}. */
  public static final List<String> MANIFEST_NAMED = List.of("image_id", "uri", "ref_uri", "dataset", "split",
      "level", "crop_top", "crop_left", "crop_bottom", "crop_right", "mos", "mos_std", "mos_scale", "attrs");

  public static final StructType MANIFEST = struct(
      f("image_id", StringType, false), f("uri", StringType, true), f("ref_uri", StringType, true),
      f("dataset", StringType, true), f("split", StringType, true), f("level", StringType, false),
      f("crop_top", IntegerType, true), f("crop_left", IntegerType, true),
      f("crop_bottom", IntegerType, true), f("crop_right", IntegerType, true),
      f("mos", DoubleType, true), f("mos_std", DoubleType, true), f("mos_scale", StringType, true),
      f("attrs", createMapType(StringType, StringType, true), true));

  public static final StructType SCORES = struct(
      f("image_id", StringType, false), f("level", StringType, false), f("model", StringType, false),
      f("score", DoubleType, true), f("status", StringType, false), f("error", StringType, true),
      f("width", IntegerType, true), f("height", IntegerType, true), f("format", StringType, true),
      f("mode", StringType, true), f("bit_depth", IntegerType, true), f("exif_orientation", IntegerType, true),
      f("has_alpha", BooleanType, true), f("content_sha256", StringType, true),
      f("model_sha256", StringType, true), f("preprocess", StringType, true), f("run_id", StringType, false),
      f("millis", LongType, false), f("diagnostics", createMapType(StringType, DoubleType, true), true));

  /** Manifest rows refused before scoring: the row as read (all as strings), its file and line, and why. */
  public static final StructType REJECTS = struct(
      f("image_id", StringType, true), f("level", StringType, true), f("uri", StringType, true),
      f("dataset", StringType, true), f("source_line", LongType, true), f("reason", StringType, false),
      f("run_id", StringType, false), f("source_file", StringType, true));

  public static final StructType POINTS = struct(
      f("image_id", StringType, false), f("level", StringType, false), f("model", StringType, false),
      f("dataset", StringType, true), f("split", StringType, true), f("score", DoubleType, true),
      f("mos", DoubleType, true), f("fitted_logistic4", DoubleType, true), f("fitted_logistic5", DoubleType, true),
      f("attrs", createMapType(StringType, StringType, true), true));

  /**
   * Evaluation statistics, signed against the published MOS: {@code lower_better} is the model's direction and
   * {@code mos_lower_better} the human scale's (true for a DMOS; null in tables written before it existed), so the
   * direction-corrected SRCC is {@code srcc}, negated once for each that is true ({@code
   * MetricRow.srccCorrected()} in the evaluate stage).
   */
  public static final StructType METRICS = struct(
      f("model", StringType, false), f("dataset", StringType, true), f("split", StringType, true),
      f("level", StringType, false), f("group_by", StringType, false), f("group", StringType, false),
      f("n", LongType, false), f("n_failed", LongType, false), f("n_nonfinite", LongType, false),
      f("reason", StringType, true), f("lower_better", BooleanType, false), f("srcc", DoubleType, true), f("srcc_ci_low", DoubleType, true),
      f("srcc_ci_high", DoubleType, true), f("krcc", DoubleType, true), f("plcc", DoubleType, true),
      f("plcc_ci_low", DoubleType, true), f("plcc_ci_high", DoubleType, true), f("plcc_logistic4", DoubleType, true),
      f("plcc_logistic4_ci_low", DoubleType, true), f("plcc_logistic4_ci_high", DoubleType, true),
      f("plcc_logistic5", DoubleType, true), f("rmse_logistic4", DoubleType, true), f("rmse_logistic5", DoubleType, true),
      f("fit_params", StringType, true), f("fit_converged", BooleanType, true),
      f("srcc_fisher_low", DoubleType, true), f("srcc_fisher_high", DoubleType, true),
      f("plcc_fisher_low", DoubleType, true), f("plcc_fisher_high", DoubleType, true),
      f("bootstrap_b", IntegerType, true), f("seed", LongType, true), f("mos_scale", StringType, true),
      f("stats_path", StringType, false), f("mos_lower_better", BooleanType, true));

  /**
   * Audit: per model x group, the distribution of the finite ok scores, the mean's bootstrap CI and the share
   * past the threshold; failed and non-finite rows counted apart; {@code reason} says why anything is null.
   */
  public static final StructType AUDIT_DISTRIBUTIONS = struct(
      f("model", StringType, false), f("group_by", StringType, false), f("group", StringType, false),
      f("n", LongType, false), f("n_failed", LongType, false), f("n_nonfinite", LongType, false),
      f("lower_better", BooleanType, false), f("mean", DoubleType, true), f("mean_ci_low", DoubleType, true), f("mean_ci_high", DoubleType, true),
      f("min", DoubleType, true), f("p05", DoubleType, true), f("p25", DoubleType, true), f("p50", DoubleType, true),
      f("p75", DoubleType, true), f("p95", DoubleType, true), f("max", DoubleType, true),
      f("threshold", DoubleType, true), f("threshold_source", StringType, true), f("share_bad", DoubleType, true),
      f("reason", StringType, true), f("bootstrap_b", IntegerType, false), f("seed", LongType, false));

  /** Audit: SRCC between two models over the images both scored; agreement = SRCC with directions aligned. */
  public static final StructType AUDIT_AGREEMENT = struct(
      f("model_a", StringType, false), f("model_b", StringType, false), f("n", LongType, false),
      f("srcc", DoubleType, true), f("agreement", DoubleType, true));

  /** Audit: the images the models disagree on most (direction-aligned percentile ranks, 1 = best). */
  public static final StructType AUDIT_DISAGREEMENT = struct(
      f("rank", IntegerType, false), f("image_id", StringType, false), f("uri", StringType, true),
      f("disagreement", DoubleType, false), f("best_by", StringType, false), f("worst_by", StringType, false),
      f("percentiles", createMapType(StringType, DoubleType, true), false),
      f("scores", createMapType(StringType, DoubleType, true), false), f("thumbnail_jpeg", BinaryType, true));

  /** Audit: worst-k and best-k images per model, with a small JPEG thumbnail for the report. */
  public static final StructType AUDIT_EXTREMES = struct(
      f("model", StringType, false), f("kind", StringType, false), f("rank", IntegerType, false),
      f("image_id", StringType, false), f("uri", StringType, true), f("score", DoubleType, false),
      f("thumbnail_jpeg", BinaryType, true));

  /** Audit: drift against a baseline audit per model x group: quantile shifts and a two-sample KS test. */
  public static final StructType AUDIT_DRIFT = struct(
      f("model", StringType, false), f("group_by", StringType, false), f("group", StringType, false),
      f("n", LongType, false), f("n_baseline", LongType, false), f("delta_p05", DoubleType, true),
      f("delta_p25", DoubleType, true), f("delta_p50", DoubleType, true), f("delta_p75", DoubleType, true),
      f("delta_p95", DoubleType, true), f("ks_statistic", DoubleType, true), f("ks_p", DoubleType, true),
      f("baseline", StringType, false));

  /** Audit ingest: counts per facet (status, failure reason, format, mode, bit depth, megapixels, aspect). */
  public static final StructType AUDIT_INGEST = struct(
      f("facet", StringType, false), f("value", StringType, false), f("n", LongType, false));

  /** Audit: byte-identical images (same content sha256). */
  public static final StructType AUDIT_DUPLICATES = struct(
      f("content_sha256", StringType, false), f("n", LongType, false),
      f("image_ids", createArrayType(StringType, false), false));

  /** Paired comparisons of two models on the same images (direction-corrected SRCC; see PairwiseRow). */
  public static final StructType PAIRWISE = struct(
      f("model_a", StringType, false), f("model_b", StringType, false), f("dataset", StringType, true),
      f("split", StringType, true), f("level", StringType, false), f("group_by", StringType, false),
      f("group", StringType, false), f("n", LongType, false), f("srcc_a", DoubleType, true),
      f("srcc_b", DoubleType, true), f("delta_srcc", DoubleType, true), f("delta_srcc_ci_low", DoubleType, true),
      f("delta_srcc_ci_high", DoubleType, true), f("p_bootstrap", DoubleType, true), f("williams_t", DoubleType, true),
      f("p_williams", DoubleType, true), f("steiger_z", DoubleType, true), f("p_steiger", DoubleType, true),
      f("p_holm", DoubleType, true), f("reason", StringType, true), f("bootstrap_b", IntegerType, true),
      f("seed", LongType, true));

  /** Whether {@code row} has a column {@code name} (tables written before a column was added lack it). */
  public static boolean has(org.apache.spark.sql.Row row, String name) {
    return java.util.Arrays.asList(row.schema().fieldNames()).contains(name);
  }

  private static StructType struct(StructField... fields) {
    return new StructType(fields);
  }

  private static StructField f(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }
}
