package io.sparkiqa.jobs.apps;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.contracts.Schemas;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The table the application commands (filter, curate, compare) work on: one row per valid manifest row, its
 * manifest columns plus {@code scores} (model to finite ok score) and {@code errors} (model to {@code reason_class:
 * message} for a failed or non-finite score). A model with no row at all is in neither map (the reconciliation has
 * counted it as unaccounted).
 *
 * <pre>{@code
 * Dataset<Row> wide = Wide.of(split.valid(), LatestScores.of(scores), List.of("niqe", "sharpness"));
 * }</pre>
 */
public final class Wide {
  private Wide() {
  }

  /** {@code valid}'s manifest columns with the {@code scores} and {@code errors} maps of {@code models}. */
  public static Dataset<Row> of(Dataset<Row> valid, Dataset<Row> latest, List<String> models) {
    Column finite = col("status").equalTo(OK).and(col("score").isNotNull()).and(col("score").isNaN().unary_$bang())
        .and(col("score").notEqual(Double.POSITIVE_INFINITY)).and(col("score").notEqual(Double.NEGATIVE_INFINITY));
    Dataset<Row> s = latest.filter(col("model").isin(models.toArray()))
        .withColumn("_ok", finite)
        .groupBy("image_id", "level")
        .agg(map_from_entries(collect_list(when(col("_ok"), struct(col("model"), col("score"))))).as("scores"),
            map_from_entries(collect_list(when(col("_ok").unary_$bang(), struct(col("model"),
                when(col("status").equalTo(OK), concat_ws("", lit("non_finite: the score is "),
                    col("score").cast("string"))).otherwise(col("error"))))))
                .as("errors"));
    Column[] manifest = Arrays.stream(Schemas.MANIFEST.fieldNames()).map(c -> col("v." + c).as(c)).toArray(Column[]::new);
    Column[] all = Arrays.copyOf(manifest, manifest.length + 2);
    all[manifest.length] = col("s.scores").as("scores");
    all[manifest.length + 1] = col("s.errors").as("errors");
    return valid.as("v").join(s.as("s"), col("v.image_id").equalTo(col("s.image_id"))
        .and(col("v.level").equalTo(col("s.level"))), "left").select(all);
  }

  /** A manifest column or, for any other name, that key of {@code attrs}, as a string column. */
  public static Column key(String name) {
    return Schemas.MANIFEST_NAMED.contains(name) && !name.equals("attrs")
        ? col(name).cast("string") : col("attrs").getItem(name);
  }

  /** A row's manifest column or attrs key as text, or null. */
  public static String key(Row r, String name) {
    if (Schemas.MANIFEST_NAMED.contains(name) && !name.equals("attrs")) {
      Object v = r.isNullAt(r.fieldIndex(name)) ? null : r.get(r.fieldIndex(name));
      return v == null ? null : v.toString();
    }
    Map<String, String> attrs = r.isNullAt(r.fieldIndex("attrs")) ? Map.of() : r.getJavaMap(r.fieldIndex("attrs"));
    return attrs.get(name);
  }

  /** A row's ok scores (model to score); empty when it has none. */
  public static Map<String, Double> scores(Row r) {
    int i = r.fieldIndex("scores");
    return r.isNullAt(i) ? Map.of() : r.getJavaMap(i);
  }

  /** A row's failures (model to error); empty when it has none. */
  public static Map<String, String> errors(Row r) {
    int i = r.fieldIndex("errors");
    return r.isNullAt(i) ? Map.of() : r.getJavaMap(i);
  }
}
