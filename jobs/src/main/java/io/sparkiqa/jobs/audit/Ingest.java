package io.sparkiqa.jobs.audit;

import static io.sparkiqa.udfs.score.ScoreRecord.FAILED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What came in, per image (not per model): status, failure reasons, format, colour mode, bit depth,
 * alpha, megapixel and aspect-ratio bins, resolutions; and byte-identical duplicates by content sha256.
 */
final class Ingest {
  private Ingest() {
  }

  /** One row per (image_id, level) with its decode facts and whether any model failed. */
  static Dataset<Row> perImage(Dataset<Row> auditScores) {
    return auditScores.groupBy("image_id", "level").agg(first("width", true).as("width"),
        first("height", true).as("height"), first("format", true).as("format"), first("mode", true).as("mode"),
        first("bit_depth", true).as("bit_depth"), first("has_alpha", true).as("has_alpha"),
        first("content_sha256", true).as("content_sha256"),
        max(expr("case when status = '" + FAILED + "' then 1 else 0 end")).as("failed"),
        first(expr("case when status = '" + FAILED + "' then substring_index(error, ':', 1) end"), true).as("reason"));
  }

  /** (facet, value, n) for every facet, in a stable order. */
  static Dataset<Row> facets(Dataset<Row> images) {
    Dataset<Row> all = facet(images, "status", expr("case when failed = 1 then 'failed' else 'ok' end"))
        .unionByName(facet(images.filter("failed = 1"), "failure_reason", col("reason")))
        .unionByName(facet(images, "format", col("format")))
        .unionByName(facet(images, "mode", col("mode")))
        .unionByName(facet(images, "bit_depth", col("bit_depth").cast("string")))
        .unionByName(facet(images, "alpha", col("has_alpha").cast("string")))
        .unionByName(facet(images, "megapixels", expr("case when width is null then null "
            + "when width * height < 250000 then 'a: < 0.25' when width * height < 1000000 then 'b: 0.25-1' "
            + "when width * height < 4000000 then 'c: 1-4' when width * height < 16000000 then 'd: 4-16' else 'e: >= 16' end")))
        .unionByName(facet(images, "aspect", expr("case when width is null then null "
            + "when width / height < 0.75 then 'a: < 0.75 (tall)' when width / height < 0.95 then 'b: 0.75-0.95' "
            + "when width / height <= 1.05 then 'c: 0.95-1.05 (square)' when width / height < 1.4 then 'd: 1.05-1.4' "
            + "when width / height < 1.9 then 'e: 1.4-1.9' else 'f: >= 1.9 (wide)' end")))
        .unionByName(facet(images, "resolution", expr("case when width is null then null else concat(width, 'x', height) end")));
    return all.orderBy("facet", "value");
  }

  private static Dataset<Row> facet(Dataset<Row> images, String name, Column value) {
    return images.withColumn("v", value.cast("string")).groupBy(expr("coalesce(v, '(unknown)')").as("value"))
        .agg(count("*").as("n")).select(lit(name).as("facet"), col("value"), col("n"));
  }

  static Dataset<Row> duplicates(Dataset<Row> images) {
    return images.filter(col("content_sha256").isNotNull()).groupBy("content_sha256")
        .agg(count("*").as("n"), sort_array(collect_list("image_id")).as("image_ids"))
        .filter(col("n").gt(1)).orderBy(col("n").desc(), col("content_sha256"));
  }
}
