package io.sparkiqa.jobs.manifest;

import io.sparkiqa.jobs.contracts.Schemas;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The manifest stage's entry and exit, shared by every command that takes manifest rows ({@code run}, {@code score},
 * {@code evaluate}, {@code audit}) and by {@code datasets prepare}: read and validate, then write the rejects with
 * their reasons to {@code OUT/rejects} ({@link Schemas#REJECTS}), in this one place.
 */
public final class ManifestStage {
  private ManifestStage() {
  }

  /** Reads and validates the manifest at {@code manifestUri}, writes {@code rejects/} under {@code outUri}; both halves cached. */
  public static ManifestValidator.Split read(SparkSession spark, String manifestUri, String outUri, String runId) {
    ManifestValidator.Split split = ManifestValidator.validate(ManifestReader.read(spark, manifestUri), runId);
    ManifestValidator.Split cached = new ManifestValidator.Split(split.valid().cache(), split.rejects().cache());
    writeRejects(spark, cached, outUri);
    return cached;
  }

  /**
   * Writes the split's rejects to {@code outUri/rejects} (replacing earlier ones: a resumed run validates the whole
   * manifest again) and returns how many were written.
   */
  public static long writeRejects(SparkSession spark, ManifestValidator.Split split, String outUri) {
    spark.createDataFrame(split.rejects().javaRDD(), Schemas.REJECTS).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(outUri + "/rejects");
    return spark.read().parquet(outUri + "/rejects").count();
  }
}
