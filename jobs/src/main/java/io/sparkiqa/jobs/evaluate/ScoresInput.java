package io.sparkiqa.jobs.evaluate;

import static io.sparkiqa.udfs.score.ScoreRecord.FAILED;
import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.contracts.Schemas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores to evaluate, from spark-iqa or from anywhere else (a Python pipeline, a vendor API): a {@code scores/}
 * Parquet folder, a CSV file with a header ({@code .csv}) or JSON lines ({@code .json}, {@code .jsonl}). Only
 * {@code image_id}, {@code model} and {@code score} are required; {@code level} defaults to {@code image},
 * {@code status} to {@code ok} (or {@code failed} where the score is empty), {@code error} to a note for such rows;
 * every other column of the scores table is optional and filled with nulls. The schema is checked before any
 * data moves, as Spark ML's {@code transformSchema} does: a missing required column or a non-numeric score fails
 * with a message naming the column.
 *
 * <pre>{@code
 * ScoresInput.checkHeader(conf, "vendor_scores.csv");                // before Spark starts
 * Dataset<Row> scores = ScoresInput.read(spark, "vendor_scores.csv"); // Schemas.SCORES columns
 * }</pre>
 */
public final class ScoresInput {
  static final List<String> REQUIRED = List.of("image_id", "model", "score");

  private ScoresInput() {
  }

  /**
   * For a CSV or JSON-lines file: its first line names the required columns, checked without Spark. Parquet folders
   * (and folders of CSV/JSON parts) are checked by {@link #read} from their schema.
   */
  public static void checkHeader(Configuration conf, String uri) {
    String format = format(uri);
    if (format.equals("parquet")) {
      return;
    }
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.getFileStatus(p).isFile()) {
        return;
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
        String first = r.readLine();
        Set<String> names = new TreeSet<>();
        if (first != null && format.equals("csv")) {
          // a header naming 'score' inside quotes with commas is rare; Spark's own parse in read() decides then
          Arrays.stream(first.replace("\uFEFF", "").split(",", -1)).map(s -> s.trim().replaceAll("^\"|\"$", ""))
              .forEach(names::add);
          requireColumns(uri, names, REQUIRED);
        } else if (first != null) {
          // JSON writers leave out null fields, so a first row without 'score' (a failed row) is fine: only the
          // keys every row has are checked here, the rest by read() over the whole file
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(first).fieldNames().forEachRemaining(names::add);
          requireColumns(uri, names, List.of("image_id", "model"));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("--scores " + uri + ": cannot read it: " + e.getMessage(), e);
    }
  }

  /**
   * Every row of the scores as {@link Schemas#SCORES} rows (a table without {@code run_id} is one run,
   * {@code external}); fails naming the column when the schema does not fit.
   */
  public static Dataset<Row> readAll(SparkSession spark, String uri) {
    Dataset<Row> raw = switch (format(uri)) {
      case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(uri);
      case "json" -> spark.read().json(uri);
      default -> spark.read().parquet(uri);
    };
    raw = raw.toDF(Arrays.stream(raw.columns()).map(c -> c.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new));
    StructType schema = raw.schema();
    requireColumns(uri, new TreeSet<>(Arrays.asList(schema.fieldNames())), REQUIRED);
    DataType scoreType = schema.apply("score").dataType();
    if (scoreType instanceof org.apache.spark.sql.types.StringType && raw.filter(col("score").isNotNull()).isEmpty()) {
      scoreType = DataTypes.DoubleType; // every score empty: nothing scored, every row fails below
    }
    if (!(scoreType instanceof NumericType)) {
      throw new IllegalArgumentException("--scores " + uri + ": column 'score' must be numeric, found "
          + scoreType.simpleString() + " (e.g. a value that is not a number)");
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : Schemas.SCORES.fields()) {
      String n = f.name();
      boolean present = Arrays.asList(schema.fieldNames()).contains(n);
      Column c = switch (n) {
        case "level" -> present ? coalesce(col(n).cast(DataTypes.StringType), lit("image")) : lit("image");
        case "status" -> present ? coalesce(col(n).cast(DataTypes.StringType), defaultStatus()) : defaultStatus();
        case "error" -> present ? coalesce(col(n).cast(DataTypes.StringType), defaultError()) : defaultError();
        case "run_id" -> present ? col(n).cast(DataTypes.StringType) : lit("external");
        case "millis" -> present ? col(n).cast(DataTypes.LongType) : lit(0L);
        default -> present ? col(n).cast(f.dataType()) : lit(null).cast(f.dataType());
      };
      cols.add(c.as(n));
    }
    return raw.select(cols.toArray(Column[]::new));
  }

  /** {@link #readAll}, one row per triple: the latest run's (runs append to scores/, a resume heals). */
  public static Dataset<Row> read(SparkSession spark, String uri) {
    return io.sparkiqa.jobs.contracts.LatestScores.of(readAll(spark, uri));
  }

  static String format(String uri) {
    String name = new Path(uri).getName().toLowerCase(java.util.Locale.ROOT);
    name = name.replaceFirst("\\.(gz|bz2|zst|snappy)$", "");
    return name.endsWith(".csv") ? "csv" : name.endsWith(".json") || name.endsWith(".jsonl") ? "json" : "parquet";
  }

  private static void requireColumns(String uri, Set<String> present, List<String> required) {
    Set<String> lower = new TreeSet<>();
    present.forEach(p -> lower.add(p.toLowerCase(java.util.Locale.ROOT)));
    for (String c : required) {
      if (!lower.contains(c)) {
        throw new IllegalArgumentException("--scores " + uri + ": no column '" + c + "'; a scores table needs "
            + String.join(", ", REQUIRED) + " (level, status, error optional); found " + present);
      }
    }
  }

  private static Column defaultStatus() {
    return when(col("score").isNull(), lit(FAILED)).otherwise(lit(OK));
  }

  private static Column defaultError() {
    return when(col("score").isNull(), lit("missing_score: the scores file has no score for this row"));
  }
}
