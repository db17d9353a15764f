package io.sparkiqa.jobs.manifest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.sparkiqa.jobs.contracts.Schemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
 * Reads a manifest in CSV (with a header), JSON lines or Parquet from any Hadoop URI, a file or a folder of part
 * files, into raw string columns ready for {@link ManifestValidator}: {@link #canonical}'s columns, then
 * {@code source_line} (the physical line a CSV or JSON row starts on in its file, blank lines and quoted newlines
 * counted; the row number for Parquet), {@code _malformed}, {@code source_file} and {@code _malformed_reason} (the
 * reject reason of a malformed row, e.g. {@code malformed line: 5 fields, the header has 3}). CSV and JSON files
 * are parsed by {@link TextManifest}: a CSV row with more or fewer fields than its file's header, an unterminated
 * quote, a JSON line that does not parse or is no object are malformed. Columns that are not named in {@link Schemas#MANIFEST_NAMED} land in {@code attrs} under their own name;
 * a JSON object (or JSON object text) or Parquet map called {@code attrs} is merged in too.
 *
 * <pre>{@code
 * Dataset<Row> raw = ManifestReader.read(spark, "s3a://bucket/koniq/manifest.csv");
 * }</pre>
 */
public final class ManifestReader {
  private static final List<String> NAMED = Schemas.MANIFEST_NAMED.stream().filter(n -> !n.equals("attrs")).toList();

  /** What {@link #read} returns. */
  public static final StructType RAW = raw();

  private ManifestReader() {
  }

  /** The file format, from the extension; a folder is read as Parquet. */
  public enum Format { CSV, JSON, PARQUET }

  public static Format formatOf(String uri) {
    String u = uri.toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".csv")) {
      return Format.CSV;
    }
    if (u.endsWith(".jsonl") || u.endsWith(".json") || u.endsWith(".ndjson")) {
      return Format.JSON;
    }
    return Format.PARQUET;
  }

  /**
   * The format of {@code uri}: by its extension, else, for a folder, by its part files' (CSV or JSON lines when all
   * visible files have that extension), else Parquet.
   */
  public static Format formatOf(SparkSession spark, String uri) {
    Format byName = formatOf(uri);
    if (byName != Format.PARQUET) {
      return byName;
    }
    try {
      Path p = new Path(uri);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.getFileStatus(p).isDirectory()) {
        return byName;
      }
      List<Format> parts = Arrays.stream(fs.listStatus(p)).filter(FileStatus::isFile).map(s -> s.getPath().getName())
          .filter(n -> !n.startsWith("_") && !n.startsWith(".")).map(ManifestReader::formatOf).distinct().toList();
      return parts.size() == 1 ? parts.get(0) : byName;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list manifest " + uri + ": " + e.getMessage(), e);
    }
  }

  public static Dataset<Row> read(SparkSession spark, String uri) {
    Format format = formatOf(spark, uri);
    if (format == Format.PARQUET) {
      Dataset<Row> df = withLineNumbers(spark, spark.read().parquet(uri).withColumn("_malformed", lit(false)), 1);
      return canonical(df).withColumn("source_file", lit(uri))
          .withColumn("_malformed_reason", lit(null).cast(DataTypes.StringType));
    }
    JavaRDD<Row> rows = TextManifest.rows(spark, uri, format == Format.JSON).map(ManifestReader::canonicalRow);
    return spark.createDataFrame(rows, RAW);
  }

  /**
   * Reads a CSV label file (or a folder of them, all with one header) with its columns as strings, then
   * {@code source_line}, {@code _malformed}, {@code source_file} and {@code _malformed_reason}, by the rules of
   * {@link #read}, as dataset adapters need it.
   *
   * @throws IllegalArgumentException when a file's header is malformed or the files' headers differ
   */
  public static Dataset<Row> readCsvWithLines(SparkSession spark, String uri) {
    List<String> names = null;
    String namesFrom = null;
    for (scala.Tuple2<String, TextManifest.Header> h : TextManifest.headers(spark, uri)) {
      if (h._2().error() != null) {
        throw new IllegalArgumentException(h._1() + ": " + h._2().error());
      }
      if (names == null) {
        names = h._2().names();
        namesFrom = h._1();
      } else if (!names.equals(h._2().names())) {
        throw new IllegalArgumentException(h._1() + ": its header " + h._2().names() + " differs from " + namesFrom
            + "'s " + names);
      }
    }
    if (names == null) {
      throw new IllegalArgumentException(uri + ": no files");
    }
    StructType schema = new StructType();
    for (String n : names) {
      schema = schema.add(n, DataTypes.StringType, true);
    }
    schema = withTail(schema);
    int width = names.size();
    JavaRDD<Row> rows = TextManifest.rows(spark, uri, false).map(r -> {
      Object[] v = new Object[width + 4];
      for (int i = 0; i < width && i < r.values().size(); i++) {
        v[i] = r.values().get(i);
      }
      tail(v, width, r);
      return RowFactory.create(v);
    });
    return spark.createDataFrame(rows, schema);
  }

  private static StructType raw() {
    StructType s = new StructType();
    for (String n : NAMED) {
      s = s.add(n, DataTypes.StringType, true);
    }
    return withTail(s.add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), false));
  }

  private static StructType withTail(StructType s) {
    return s.add("source_line", DataTypes.LongType, false).add("_malformed", DataTypes.BooleanType, false)
        .add("source_file", DataTypes.StringType, true).add("_malformed_reason", DataTypes.StringType, true);
  }

  private static void tail(Object[] v, int at, TextManifest.Row r) {
    v[at] = r.line();
    v[at + 1] = r.malformed() != null;
    v[at + 2] = r.file();
    v[at + 3] = r.malformed();
  }

  /** A text row in {@link #RAW}'s layout: named fields in their columns, the rest (and an {@code attrs} object) in attrs. */
  private static Row canonicalRow(TextManifest.Row r) {
    Object[] v = new Object[NAMED.size() + 5];
    Map<String, String> attrs = new LinkedHashMap<>();
    Map<String, String> extra = new LinkedHashMap<>();
    for (int i = 0; i < r.values().size(); i++) {
      String name = r.names().get(i);
      String value = r.values().get(i);
      int at = NAMED.indexOf(name);
      Map<String, String> own = name.equals("attrs") && value != null ? TextManifest.object(value) : null;
      if (at >= 0) {
        v[at] = value;
      } else if (own != null) {
        attrs.putAll(own);
      } else {
        extra.put(name, value);
      }
    }
    attrs.putAll(extra);
    v[NAMED.size()] = scala.jdk.javaapi.CollectionConverters.asScala(attrs);
    tail(v, NAMED.size() + 1, r);
    return RowFactory.create(v);
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

  /** Named columns as strings (missing ones null), the rest folded into attrs, then source_line and _malformed. */
  public static Dataset<Row> canonical(Dataset<Row> df) {
    List<String> present = Arrays.asList(df.columns());
    List<Column> out = new ArrayList<>();
    for (String name : NAMED) {
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
