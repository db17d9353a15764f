package io.sparkiqa.jobs.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of a CSV or JSON-lines manifest, each file streamed whole by one task (no size limit) so that every row
 * knows its file and the physical line it starts on. Blank lines are skipped but counted. CSV files each start with
 * their own header ({@link CsvRecords}); a row whose field count differs from its header's, or whose quote never
 * closes, is malformed. A JSON line that does not parse, holds more than one value, or is no object is malformed.
 */
final class TextManifest {
  private static final String MALFORMED = "malformed line: ";
  private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private TextManifest() {
  }

  /**
   * One row as read.
   *
   * @param file      the file's URI
   * @param line      the 1-based physical line the row starts on
   * @param names     the field names (the CSV header, or the JSON object's keys)
   * @param values    the fields as text (null for empty CSV fields and JSON nulls), as many as {@code names}
   * @param malformed the reject reason ({@code malformed line: } or {@code malformed header ...: } and what is
   *                  wrong), or null
   */
  record Row(String file, long line, List<String> names, List<String> values, String malformed)
      implements Serializable {
  }

  /** The rows of every file at {@code uri} (a file or a folder of part files). */
  static JavaRDD<Row> rows(SparkSession spark, String uri, boolean json) {
    return files(spark, uri).flatMap(f -> {
      BufferedReader in = open(f._2());
      return json ? json(f._1(), in) : csv(f._1(), in);
    });
  }

  /** Each file's CSV header (its first record) with its URI, or an error saying why it has none. */
  static List<scala.Tuple2<String, Header>> headers(SparkSession spark, String uri) {
    // task results travel as plain lists: Kryo (the profiles' serializer) cannot build a record
    List<scala.Tuple2<String, java.util.ArrayList<String>>> plain = files(spark, uri).map(f -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(f._2().open(), StandardCharsets.UTF_8))) {
        Header h = header(new CsvRecords(in));
        java.util.ArrayList<String> list = new java.util.ArrayList<>();
        list.add(h.error());
        list.addAll(h.names());
        return new scala.Tuple2<>(f._1(), list);
      }
    }).collect();
    return plain.stream().map(t -> new scala.Tuple2<>(t._1(),
        new Header(List.copyOf(t._2().subList(1, t._2().size())), t._2().get(0)))).toList();
  }

  /** A CSV file's column names, or why they cannot be used ({@code names} empty for an empty file). */
  record Header(List<String> names, String error) implements Serializable {
  }

  private static JavaPairRDD<String, PortableDataStream> files(SparkSession spark, String uri) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).binaryFiles(uri);
  }

  private static BufferedReader open(PortableDataStream stream) {
    BufferedReader in = new BufferedReader(new InputStreamReader(stream.open(), StandardCharsets.UTF_8), 1 << 16);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> closeQuietly(in));
    }
    return in;
  }

  static Header header(CsvRecords records) {
    if (!records.hasNext()) {
      return new Header(List.of(), null);
    }
    CsvRecords.Record first = records.next();
    if (first.error() != null) {
      return new Header(List.of(), "malformed header (line " + first.line() + "): " + first.error());
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < first.fields().size(); i++) {
      String raw = first.fields().get(i);
      String name = raw == null ? "" : raw.replace("\uFEFF", "").trim();
      name = name.isEmpty() ? "_c" + i : name;
      if (!seen.add(name)) {
        return new Header(List.of(), "malformed header (line " + first.line() + "): it names " + name + " twice");
      }
      names.add(name);
    }
    return new Header(names, null);
  }

  static Iterator<Row> csv(String file, BufferedReader in) {
    CsvRecords records = new CsvRecords(in);
    Header header = header(records);
    List<String> names = header.names();
    return new Mapped<>(records, in, r -> {
      if (header.error() != null) {
        return new Row(file, r.line(), names, List.of(), header.error());
      }
      if (r.error() != null) {
        return new Row(file, r.line(), names, Collections.nCopies(names.size(), null), MALFORMED + r.error());
      }
      List<String> values = new ArrayList<>(r.fields());
      String malformed = null;
      if (values.size() != names.size()) {
        malformed = MALFORMED + values.size() + (values.size() == 1 ? " field" : " fields") + ", the header has "
            + names.size();
        values = new ArrayList<>(values.subList(0, Math.min(values.size(), names.size())));
        values.addAll(Collections.nCopies(names.size() - values.size(), null));
      }
      return new Row(file, r.line(), names, values, malformed);
    });
  }

  static Iterator<Row> json(String file, BufferedReader in) {
    long[] n = {0};
    return new Mapped<>(in.lines().iterator(), in, text -> {
      long line = ++n[0];
      String t = line == 1 ? text.replace("\uFEFF", "") : text;
      return t.isBlank() ? null : jsonRow(file, line, t);
    });
  }

  private static Row jsonRow(String file, long line, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage().split("\n", 2)[0];
      why = why.length() > 120 ? why.substring(0, 120) + "…" : why;
      return new Row(file, line, List.of(), List.of(), MALFORMED + "invalid JSON (" + why + ")");
    }
    if (!node.isObject()) {
      String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
      return new Row(file, line, List.of(), List.of(), MALFORMED + "a JSON " + type + ", not an object");
    }
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      names.add(e.getKey());
      values.add(text(e.getValue()));
    }
    return new Row(file, line, names, values, null);
  }

  /** A JSON value as manifest text: strings as they are, other scalars as written, objects and arrays as JSON. */
  static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** The entries of a JSON object written as text, or null when the text is not one. */
  static Map<String, String> object(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        return null;
      }
      Map<String, String> out = new java.util.LinkedHashMap<>();
      node.fields().forEachRemaining(e -> out.put(e.getKey(), text(e.getValue())));
      return out;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void closeQuietly(BufferedReader in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Maps a source iterator lazily, skipping nulls, and closes the file when the source is exhausted. */
  private static final class Mapped<T> implements Iterator<Row> {
    private final Iterator<T> source;
    private final BufferedReader in;
    private final java.util.function.Function<T, Row> f;
    private Row next;

    Mapped(Iterator<T> source, BufferedReader in, java.util.function.Function<T, Row> f) {
      this.source = source;
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      while (next == null && source.hasNext()) {
        next = f.apply(source.next());
      }
      if (next == null) {
        closeQuietly(in);
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }
}
