package io.sparkiqa.jobs.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.contracts.Schemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Splits a raw manifest ({@link ManifestReader}) into rows to score, typed as {@link Schemas#MANIFEST},
 * and rejects with a reason: malformed line (and what is wrong with it), missing image_id or uri, a uri with
 * whitespace, a blank, NaN, infinite or non-numeric mos, an incomplete, non-integer or empty crop box, and duplicate
 * (image_id, level) (the first by file and line is kept). Every input row ends in exactly one of the two.
 */
public final class ManifestValidator {
  private ManifestValidator() {
  }

  /** The two halves; {@code rejects} follows {@link Schemas#REJECTS}. */
  public record Split(Dataset<Row> valid, Dataset<Row> rejects) {
  }

  public static Split validate(Dataset<Row> raw, String runId) {
    return validate(raw, runId, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** As {@link #validate(Dataset, String)}, also rejecting a mos outside [mosMin, mosMax] (a dataset's scale). */
  public static Split validate(Dataset<Row> raw, String runId, double mosMin, double mosMax) {
    Dataset<Row> typed = raw
        .withColumn("level", functions.coalesce(functions.nullif(functions.trim(col("level")), lit("")), lit("image")))
        .withColumn("_mos", expr("try_cast(mos as double)"))
        .withColumn("_mos_std", expr("try_cast(mos_std as double)"))
        .withColumn("_ct", expr("try_cast(crop_top as int)"))
        .withColumn("_cl", expr("try_cast(crop_left as int)"))
        .withColumn("_cb", expr("try_cast(crop_bottom as int)"))
        .withColumn("_cr", expr("try_cast(crop_right as int)"));
    Column cropCount = countNonNull("crop_top", "crop_left", "crop_bottom", "crop_right");
    Column malformed = functions.coalesce(col("_malformed_reason"), lit("malformed line"));
    Column reason = when(col("_malformed"), malformed)
        .when(blank("image_id"), lit("missing image_id"))
        .when(blank("uri"), lit("missing uri"))
        .when(col("uri").rlike("\\s"), concat(lit("uri contains whitespace: '"), col("uri"), lit("'")))
        .when(col("mos").isNotNull().and(functions.trim(col("mos")).equalTo("")), lit("missing mos"))
        .when(col("mos").isNotNull().and(col("_mos").isNull()),
            concat(lit("mos '"), col("mos"), lit("' is not a number")))
        .when(col("_mos").isNaN(), lit("mos is NaN"))
        .when(functions.abs(col("_mos")).equalTo(Double.POSITIVE_INFINITY), lit("mos is infinite"))
        .when(col("_mos").lt(mosMin).or(col("_mos").gt(mosMax)),
            concat(lit("mos "), col("mos"), lit(" outside the dataset's scale [" + mosMin + ", " + mosMax + "]")))
        .when(cropCount.gt(0).and(cropCount.lt(4)), lit("incomplete crop box (need crop_top, crop_left, crop_bottom, crop_right)"))
        .when(cropCount.equalTo(4).and(col("_ct").isNull().or(col("_cl").isNull()).or(col("_cb").isNull()).or(col("_cr").isNull())),
            lit("crop box values must be integers"))
        .when(cropCount.equalTo(4).and(col("_ct").lt(0).or(col("_cl").lt(0))
            .or(col("_cb").leq(col("_ct"))).or(col("_cr").leq(col("_cl")))),
            concat(lit("crop box is empty or negative: top="), col("_ct"), lit(" left="), col("_cl"),
                lit(" bottom="), col("_cb"), lit(" right="), col("_cr")));
    Dataset<Row> withReason = typed.withColumn("_reason", reason);
    Dataset<Row> firstPass = withReason.filter(col("_reason").isNull());
    WindowSpec byKey = Window.partitionBy("image_id", "level").orderBy("source_file", "source_line");
    Dataset<Row> dedup = firstPass
        .withColumn("_first_line", functions.first("source_line").over(byKey))
        .withColumn("_first_file", functions.first("source_file").over(byKey))
        .withColumn("_reason", when(functions.row_number().over(byKey).gt(1),
            concat(lit("duplicate (image_id, level) of line "), col("_first_line").cast("string"),
                when(col("_first_file").eqNullSafe(col("source_file")), lit(""))
                    .otherwise(concat(lit(" of "), functions.coalesce(col("_first_file"), lit("?")))))))
        .drop("_first_line", "_first_file");
    Dataset<Row> all = withReason.filter(col("_reason").isNotNull()).unionByName(dedup);

    Dataset<Row> rejects = all.filter(col("_reason").isNotNull()).select(
        col("image_id"), col("level"), col("uri"), col("dataset"), col("source_line"),
        col("_reason").as("reason"), lit(runId).as("run_id"), col("source_file"));
    Dataset<Row> valid = all.filter(col("_reason").isNull()).select(
        col("image_id"), col("uri"), nullIfBlank("ref_uri"), col("dataset"), nullIfBlank("split"), col("level"),
        col("_ct").as("crop_top"), col("_cl").as("crop_left"), col("_cb").as("crop_bottom"), col("_cr").as("crop_right"),
        col("_mos").as("mos"), col("_mos_std").as("mos_std"), col("mos_scale"), col("attrs"));
    return new Split(valid, rejects);
  }

  private static Column blank(String c) {
    return col(c).isNull().or(functions.trim(col(c)).equalTo(""));
  }

  private static Column nullIfBlank(String c) {
    return functions.nullif(functions.trim(col(c)), lit("")).as(c);
  }

  private static Column countNonNull(String... cols) {
    Column sum = lit(0);
    for (String c : cols) {
      sum = sum.plus(when(blank(c), lit(0)).otherwise(lit(1)));
    }
    return sum;
  }
}
