package io.sparkiqa.jobs.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.sparkiqa.jobs.contracts.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a manifest in CSV (with a header), JSON lines or Parquet from any Hadoop URI into raw string
 * columns plus a {@code source_line} (1-based line of the file for CSV and JSON, row number for
 * Parquet), ready for {@link ManifestValidator}. Columns that are not named in
 * {@link Schemas#MANIFEST_NAMED} land in {@code attrs} under their own name; a JSON object or Parquet
 * map called {@code attrs} is merged in too.
 *
 * <pre>{@code
 * Dataset<Row> raw = ManifestReader.read(spark, "s3a://bucket/koniq/manifest.csv");
 * }</pre>
 */
public final class ManifestReader {
  private ManifestReader() {
  }

  /** The file format, from the extension; a folder is read as Parquet. */
  public enum Format { CSV, JSON, PARQUET }

  public static Format formatOf(String uri) {
    String u = uri.toLowerCase(Locale.ROOT);
    if (u.endsWith(".csv")) {
      return Format.CSV;
    }
    if (u.endsWith(".jsonl") || u.endsWith(".json") || u.endsWith(".ndjson")) {
      return Format.JSON;
    }
    return Format.PARQUET;
  }

  public static Dataset<Row> read(SparkSession spark, String uri) {
    Format format = formatOf(uri);
    Dataset<Row> df = switch (format) {
      case CSV -> spark.read().option("header", "true").option("inferSchema", "false")
          .option("mode", "PERMISSIVE").csv(uri);
      case JSON -> spark.read().option("mode", "PERMISSIVE").json(uri);
      case PARQUET -> spark.read().parquet(uri);
    };
    if (Arrays.asList(df.columns()).contains("_corrupt_record")) {
      df = df.withColumn("_malformed", col("_corrupt_record").isNotNull()).drop("_corrupt_record");
    } else {
      df = df.withColumn("_malformed", lit(false));
    }
    long firstLine = format == Format.CSV ? 2 : 1;
    return canonical(withLineNumbers(spark, df, firstLine));
  }

  /**
   * Reads a CSV label file (header, all columns as strings) with {@code source_line} and
   * {@code _malformed}, as dataset adapters need it.
   */
  public static Dataset<Row> readCsvWithLines(SparkSession spark, String uri) {
    Dataset<Row> df = spark.read().option("header", "true").option("inferSchema", "false").option("mode", "PERMISSIVE")
        .option("encoding", "UTF-8").option("columnNameOfCorruptRecord", "_corrupt_record").csv(uri);
    for (String c : df.columns()) {
      String clean = c.replace("\uFEFF", "").trim();
      if (!clean.equals(c)) {
        df = df.withColumnRenamed(c, clean);
      }
    }
    df = Arrays.asList(df.columns()).contains("_corrupt_record") ? df.drop("_corrupt_record") : df;
    int fields = df.columns().length;
    java.util.Set<Long> bad = new java.util.HashSet<>(spark.read().text(uri).javaRDD().zipWithIndex()
        .filter(t -> t._2() > 0 && csvFieldCount(t._1().getString(0)) != fields).map(t -> t._2() + 1).collect());
    Dataset<Row> numbered = withLineNumbers(spark, df.withColumn("_malformed", lit(false)), 2);
    return bad.isEmpty() ? numbered
        : numbered.withColumn("_malformed", col("source_line").isin(bad.toArray()));
  }

  /** Fields in one CSV line, commas inside double quotes not counted. */
  static int csvFieldCount(String line) {
    int n = 1;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        n++;
      }
    }
    return n;
  }

  private static Dataset<Row> withLineNumbers(SparkSession spark, Dataset<Row> df, long firstLine) {
    StructType schema = df.schema().add("source_line", DataTypes.LongType, false);
    JavaRDD<Row> rows = df.javaRDD().zipWithIndex().map(t -> {
      Object[] values = new Object[t._1().size() + 1];
      for (int i = 0; i < t._1().size(); i++) {
        values[i] = t._1().get(i);
      }
      values[values.length - 1] = t._2() + firstLine;
      return RowFactory.create(values);
    });
    return spark.createDataFrame(rows, schema);
  }

  /** Named columns as strings (missing ones null), the rest folded into attrs. */
  public static Dataset<Row> canonical(Dataset<Row> df) {
    List<String> present = Arrays.asList(df.columns());
    List<Column> out = new ArrayList<>();
    for (String name : Schemas.MANIFEST_NAMED) {
      if (name.equals("attrs")) {
        continue;
      }
      out.add(present.contains(name) ? col(name).cast("string").as(name) : lit(null).cast("string").as(name));
    }
    List<Column> kv = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      String n = f.name();
      if (!Schemas.MANIFEST_NAMED.contains(n) && !n.equals("source_line") && !n.equals("_malformed")) {
        kv.add(lit(n));
        kv.add(col("`" + n + "`").cast("string"));
      }
    }
    Column extra = kv.isEmpty() ? expr("map()").cast("map<string,string>") : functions.map(kv.toArray(Column[]::new));
    Column attrs = extra;
    if (present.contains("attrs")) {
      Column own = expr("from_json(to_json(attrs), 'map<string,string>')");
      attrs = functions.map_concat(functions.coalesce(own, expr("map()").cast("map<string,string>")), extra);
    }
    out.add(attrs.as("attrs"));
    out.add(col("source_line"));
    out.add(col("_malformed"));
    return df.select(out.toArray(Column[]::new));
  }
}
