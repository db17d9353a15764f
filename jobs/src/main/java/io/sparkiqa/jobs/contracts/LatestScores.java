package io.sparkiqa.jobs.contracts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The current state of a {@code scores/} folder. Runs append to it, and a resumed run rescores transient failures,
 * so one (image_id, level, model) may have rows from several runs: every reader takes the latest ({@code run_id}s
 * begin with their UTC start time, so they sort by time), and a healed row never counts twice.
 *
 * <pre>{@code
 * Dataset<Row> current = LatestScores.read(spark, "s3a://bucket/out/scores");   // one row per triple
 * }</pre>
 */
public final class LatestScores {
  private LatestScores() {
  }

  /** One row per (image_id, level, model): the latest run's (within a run, an ok row before a failed one). */
  public static Dataset<Row> of(Dataset<Row> scores) {
    return scores.withColumn("_latest", row_number().over(Window.partitionBy("image_id", "level", "model")
            .orderBy(col("run_id").desc_nulls_last(), col("status").desc_nulls_last(), col("score").desc_nulls_last())))
        .filter(col("_latest").equalTo(1)).drop("_latest");
  }

  /**
   * How many (image_id, level, model) have several rows from one run: a table made elsewhere that lists an image
   * twice. {@link #of} keeps one of them (ok before failed, then the highest score); the commands warn.
   */
  public static long sameRunDuplicates(Dataset<Row> scores) {
    return scores.groupBy("image_id", "level", "model", "run_id").count().filter(col("count").gt(1))
        .select("image_id", "level", "model").distinct().count();
  }

  /**
   * Every row of the {@code scores/} folder at {@code uri}, read with the contract's schema: nothing is inferred, so a
   * folder holding only a killed job's committer leftovers ({@code _temporary}, {@code __magic_job-…}) reads as empty.
   */
  public static Dataset<Row> all(SparkSession spark, String uri) {
    return spark.read().schema(Schemas.SCORES).parquet(uri);
  }

  /** {@link #of} the folder at {@code uri}. */
  public static Dataset<Row> read(SparkSession spark, String uri) {
    return of(all(spark, uri));
  }
}
