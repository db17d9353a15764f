package io.sparkiqa.jobs.apps.filter;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.audit.Thumbnails;
import io.sparkiqa.jobs.contracts.Schemas;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code sparkiqa filter}: applies {@link FilterRule}s to every valid manifest row and writes {@code kept/} and
 * {@code dropped/} (the manifest's columns; dropped rows also {@code rule}, {@code score}, {@code threshold},
 * {@code reason}), {@code counts/} (per group: rows, kept, dropped, failed scores among each) and
 * {@code borderline/} (per rule, the accepts and rejects nearest the threshold, with thumbnails). Kept + dropped =
 * valid rows, checked before returning.
 */
public final class FilterJob {
  /** The schema of {@code borderline/}. */
  static final StructType BORDERLINE = new StructType().add("rule", DataTypes.StringType)
      .add("side", DataTypes.StringType).add("rank", DataTypes.IntegerType).add("image_id", DataTypes.StringType)
      .add("uri", DataTypes.StringType).add("group", DataTypes.StringType).add("margin", DataTypes.DoubleType)
      .add("thumbnail_jpeg", DataTypes.BinaryType);

  private FilterJob() {
  }

  /** Rows in, kept and dropped, and dropped for a failed score. */
  public record Result(long in, long kept, long dropped, long droppedFailed) {
  }

  public static Result run(SparkSession spark, Dataset<Row> wide, FilterOptions o, String out) {
    Map<String, Boolean> lower = new HashMap<>();
    o.rules().forEach(r -> lower.put(r.model(), o.directions().lowerBetter(r.model())));
    Map<String, Double> top = topThresholds(wide, o, lower);
    StructType schema = Schemas.MANIFEST;
    for (StructField f : FilterDecision.ADDED.fields()) {
      schema = schema.add(f);
    }
    String[] manifest = Schemas.MANIFEST.fieldNames();
    Dataset<Row> decided = wide.map(new FilterDecision(o.rules(), o.any(), o.keepFailed(), o.groupBy(), top, lower,
        manifest.length), Encoders.row(schema)).cache();
    Dataset<Row> kept = decided.filter(col("kept")).select(cols(manifest));
    Dataset<Row> dropped = decided.filter(col("kept").unary_$bang())
        .select(cols(manifest, "rule", "score", "threshold", "reason"));
    kept.write().mode(SaveMode.Overwrite).parquet(out + "/kept");
    dropped.write().mode(SaveMode.Overwrite).parquet(out + "/dropped");
    if (!o.inputFormat().equals("parquet")) {
      writeLikeInput(kept, o.inputFormat(), out + "/kept." + (o.inputFormat().equals("csv") ? "csv" : "jsonl"));
      writeLikeInput(dropped, o.inputFormat(), out + "/dropped." + (o.inputFormat().equals("csv") ? "csv" : "jsonl"));
    }
    Column failed = col("rule").equalTo("failed");
    Dataset<Row> counts = decided.groupBy(col("group")).agg(count(lit(1)).as("rows"),
            sum(when(col("kept"), 1).otherwise(0)).cast("long").as("kept"),
            sum(when(col("kept").unary_$bang(), 1).otherwise(0)).cast("long").as("dropped"),
            sum(when(col("kept").unary_$bang().and(failed), 1).otherwise(0)).cast("long").as("dropped_failed"),
            sum(when(col("kept").and(failed), 1).otherwise(0)).cast("long").as("kept_failed"))
        .withColumn("group_by", lit(o.groupBy() == null ? "all" : o.groupBy()))
        .select("group_by", "group", "rows", "kept", "dropped", "dropped_failed", "kept_failed").orderBy("group");
    counts.write().mode(SaveMode.Overwrite).parquet(out + "/counts");
    decided.filter(col("kept").unary_$bang()).groupBy("group", "rule").count().orderBy("group", "rule")
        .write().mode(SaveMode.Overwrite).parquet(out + "/rule_counts");
    writeBorderline(spark, decided, o, out);
    Row t = spark.read().parquet(out + "/counts").agg(sum("rows"), sum("kept"), sum("dropped"), sum("dropped_failed"))
        .first();
    decided.unpersist();
    long in = t.isNullAt(0) ? 0 : t.getLong(0);
    Result r = new Result(in, t.isNullAt(1) ? 0 : t.getLong(1), t.isNullAt(2) ? 0 : t.getLong(2),
        t.isNullAt(3) ? 0 : t.getLong(3));
    if (r.kept() + r.dropped() != r.in()) {
      throw new IllegalStateException("filter lost rows: " + r);
    }
    return r;
  }

  /** Prints {@code filter: in 16 = kept 12 + dropped 4 (2 of them for a failed score)}. */
  public static void print(Result r, PrintStream console) {
    console.printf("filter: in %d = kept %d + dropped %d (%d of them for a failed score)%n", r.in(), r.kept(),
        r.dropped(), r.droppedFailed());
  }

  /**
   * Per group and keep-top model: the score of the k-th best row, k = ceil(p n / 100) of the n rows with a score (ties
   * with it are kept too).
   */
  static Map<String, Double> topThresholds(Dataset<Row> wide, FilterOptions o, Map<String, Boolean> lower) {
    Map<String, Double> out = new LinkedHashMap<>();
    Column group = o.groupBy() == null ? lit("all") : coalesce(Wide.key(o.groupBy()), lit("(none)"));
    for (FilterRule r : o.rules()) {
      if (!r.kind().equals("top")) {
        continue;
      }
      Column s = col("scores").getItem(r.model());
      Dataset<Row> ranked = wide.select(group.as("g"), s.as("s")).filter(col("s").isNotNull())
          .withColumn("rn", row_number().over(Window.partitionBy("g").orderBy(lower.get(r.model())
              ? col("s").asc() : col("s").desc())))
          .withColumn("n", count(lit(1)).over(Window.partitionBy("g")));
      for (Row t : ranked.filter(col("rn").equalTo(ceil(col("n").multiply(r.value() / 100.0)))).select("g", "s")
          .collectAsList()) {
        out.put(t.getString(0) + '\u0000' + r.model(), t.getDouble(1));
      }
    }
    return out;
  }

  private static void writeBorderline(SparkSession spark, Dataset<Row> decided, FilterOptions o, String out) {
    Thumbnails thumbs = new Thumbnails(spark.sparkContext().hadoopConfiguration(), o.maxPixels(), o.maxBytes());
    List<Row> rows = new ArrayList<>();
    for (FilterRule r : o.rules()) {
      for (boolean kept : new boolean[] {true, false}) {
        List<Row> near = decided.filter(col("margin_rule").equalTo(r.label()).and(col("kept").equalTo(kept))
                .and(col("margin").isNotNull()))
            .orderBy(col("margin"), col("image_id")).limit(o.borderline())
            .select("image_id", "uri", "group", "margin").collectAsList();
        int rank = 1;
        for (Row n : near) {
          rows.add(RowFactory.create(r.label(), kept ? "accept" : "reject", rank++, n.getString(0), n.getString(1),
              n.getString(2), n.getDouble(3), thumbs.of(n.getString(1))));
        }
      }
    }
    spark.createDataFrame(rows, BORDERLINE).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/borderline");
  }

  /** kept/ or dropped/ in the manifest's own format: CSV with the attrs keys as columns, or JSON lines. */
  private static void writeLikeInput(Dataset<Row> rows, String format, String uri) {
    if (format.equals("csv")) {
      List<String> keys = rows.select(explode(map_keys(col("attrs")))).distinct().orderBy(col("col"))
          .as(Encoders.STRING()).collectAsList();
      List<Column> c = new ArrayList<>();
      for (String n : rows.columns()) {
        if (!n.equals("attrs")) {
          c.add(col(n));
        }
      }
      keys.forEach(k -> c.add(col("attrs").getItem(k).as(k)));
      rows.select(c.toArray(Column[]::new)).coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true")
          .csv(uri);
    } else {
      rows.coalesce(1).write().mode(SaveMode.Overwrite).json(uri);
    }
  }

  private static Column[] cols(String[] names, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(names));
    all.addAll(Arrays.asList(more));
    return all.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
