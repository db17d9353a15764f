package io.sparkiqa.jobs.score;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.RuntimeConfig;

/**
 * How the score job's work is cut into chunks, each written to {@code scores/} by its own Spark job, so a run that
 * dies midway keeps every chunk it committed and {@code --resume} scores only the rest. About
 * {@code spark.sparkiqa.chunkRows} (image, level) rows per chunk (default {@value #DEFAULT_ROWS}); the rows of one
 * reference image stay in one chunk, so it is still decoded once per task.
 *
 * @param count how many chunks
 */
record Chunks(int count) {
  static final long DEFAULT_ROWS = 20_000;

  static Chunks of(long rows, RuntimeConfig conf) {
    return of(rows, Long.parseLong(conf.get("spark.sparkiqa.chunkRows", Long.toString(DEFAULT_ROWS))));
  }

  /** Chunks of at most about {@code perChunk} rows for {@code rows} work rows. */
  static Chunks of(long rows, long perChunk) {
    if (perChunk < 1) {
      throw new IllegalArgumentException("spark.sparkiqa.chunkRows must be >= 1, got " + perChunk);
    }
    return new Chunks((int) Math.max(1, Math.min(Integer.MAX_VALUE, (rows + perChunk - 1) / perChunk)));
  }

  /** The chunk of a work row, 0 .. count-1. */
  Column column() {
    return count == 1 ? lit(0)
        : pmod(xxhash64(coalesce(col("ref_uri"), col("image_id")), col("level")), lit((long) count)).cast("int");
  }
}
