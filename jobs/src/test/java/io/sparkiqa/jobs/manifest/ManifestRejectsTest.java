package io.sparkiqa.jobs.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One manifest row per rejection rule of {@link ManifestValidator}, read by {@link ManifestReader} on a real local
 * Spark: the exact reason and the true physical line of each, in CSV with blank lines and quoted newlines, in JSON
 * lines, and in a folder of two CSV part files (whose lines count per file).
 */
class ManifestRejectsTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Map<Long, String> reasons(ManifestValidator.Split s) {
    Map<Long, String> out = new TreeMap<>();
    s.rejects().collectAsList().forEach(r -> out.put(r.<Long>getAs("source_line"), r.getAs("reason")));
    return out;
  }

  private static List<String> validIds(ManifestValidator.Split s) {
    return s.valid().orderBy("image_id").select("image_id").collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private static String attr(ManifestValidator.Split s, String id, String key) {
    Row r = s.valid().filter(s.valid().col("image_id").equalTo(id)).first();
    return r.<scala.collection.Map<String, String>>getAs("attrs").get(key).get();
  }

  @Test
  void csvRowsAreRejectedWithTheirReasonAndPhysicalLine() throws Exception {
    Path csv = Files.writeString(tmp.resolve("m.csv"), String.join("\n",
        "image_id,uri,mos,crop_top,crop_left,crop_bottom,crop_right,note",
        "ok1,/img/ok1.png,50,,,,,\"multi",
        "line note\"",
        "",
        "spaced,/img/a b.png,50,,,,,",
        "many,/img/many.png,50,,,,,,x",
        "few,/img/few.png,50",
        ",/img/noid.png,50,,,,,",
        "nouri,,50,,,,,",
        "blankmos,/img/m.png, ,,,,,",
        "textmos,/img/t.png,abc,,,,,",
        "nanmos,/img/n.png,NaN,,,,,",
        "infmos,/img/i.png,-Infinity,,,,,",
        "scale,/img/s.png,150,,,,,",
        "halfcrop,/img/h.png,50,0,0,,,",
        "floatcrop,/img/f.png,50,0,0,1.5,10,",
        "emptycrop,/img/e.png,50,5,0,5,10,",
        "ok1,/img/dup.png,60,,,,,",
        "   ",
        "ok2,/img/ok2.png,,10,20,110,220,\"say \"\"hi\"\", twice\"",
        "unterminated,\"/img/u.png,50,,,,,",
        "ok3,/img/ok3.png,40,,,,,") + "\n");
    ManifestValidator.Split s = ManifestValidator.validate(ManifestReader.read(spark, csv.toString()), "t", 0, 100);
    Map<Long, String> expected = new TreeMap<>();
    expected.put(5L, "uri contains whitespace: '/img/a b.png'");
    expected.put(6L, "malformed line: 9 fields, the header has 8");
    expected.put(7L, "malformed line: 3 fields, the header has 8");
    expected.put(8L, "missing image_id");
    expected.put(9L, "missing uri");
    expected.put(10L, "missing mos");
    expected.put(11L, "mos 'abc' is not a number");
    expected.put(12L, "mos is NaN");
    expected.put(13L, "mos is infinite");
    expected.put(14L, "mos 150 outside the dataset's scale [0.0, 100.0]");
    expected.put(15L, "incomplete crop box (need crop_top, crop_left, crop_bottom, crop_right)");
    expected.put(16L, "crop box values must be integers");
    expected.put(17L, "crop box is empty or negative: top=5 left=0 bottom=5 right=10");
    expected.put(18L, "duplicate (image_id, level) of line 2");
    expected.put(21L, "malformed line: unterminated quote");
    assertEquals(expected, reasons(s));
    assertEquals(List.of("ok1", "ok2", "ok3"), validIds(s));
    assertEquals("multi\nline note", attr(s, "ok1", "note"));
    assertEquals("say \"hi\", twice", attr(s, "ok2", "note"));
    Row ok2 = s.valid().filter("image_id = 'ok2'").first();
    assertEquals(List.of(10, 20, 110, 220), List.of(ok2.<Integer>getAs("crop_top"), ok2.<Integer>getAs("crop_left"),
        ok2.<Integer>getAs("crop_bottom"), ok2.<Integer>getAs("crop_right")));
    assertTrue(ok2.isNullAt(ok2.fieldIndex("mos")));
    Row many = s.rejects().filter("source_line = 6").first();
    assertEquals("many", many.getAs("image_id"));
    assertEquals(csv.toUri().toString().replace("file:///", "file:/"), many.getAs("source_file"));
  }

  @Test
  void jsonLinesAreRejectedWithTheirReasonAndLine() throws Exception {
    Path jsonl = Files.writeString(tmp.resolve("m.jsonl"), String.join("\n",
        "{\"image_id\":\"ok1\",\"uri\":\"/img/ok1.png\",\"mos\":50,\"note\":\"x\"}",
        "",
        "{\"image_id\":\"bad\",",
        "[1,2]",
        "{\"uri\":\"/img/noid.png\",\"mos\":50}",
        "{\"image_id\":\"nouri\",\"mos\":50}",
        "{\"image_id\":\"spaced\",\"uri\":\"/img/a\\tb.png\",\"mos\":50}",
        "{\"image_id\":\"blankmos\",\"uri\":\"/img/m.png\",\"mos\":\"\"}",
        "{\"image_id\":\"textmos\",\"uri\":\"/img/t.png\",\"mos\":\"abc\"}",
        "{\"image_id\":\"nanmos\",\"uri\":\"/img/n.png\",\"mos\":NaN}",
        "{\"image_id\":\"infmos\",\"uri\":\"/img/i.png\",\"mos\":Infinity}",
        "{\"image_id\":\"scale\",\"uri\":\"/img/s.png\",\"mos\":-1}",
        "{\"image_id\":\"halfcrop\",\"uri\":\"/img/h.png\",\"crop_top\":0,\"crop_left\":0}",
        "{\"image_id\":\"floatcrop\",\"uri\":\"/img/f.png\",\"crop_top\":0,\"crop_left\":0,\"crop_bottom\":1.5,\"crop_right\":9}",
        "{\"image_id\":\"emptycrop\",\"uri\":\"/img/e.png\",\"crop_top\":-1,\"crop_left\":0,\"crop_bottom\":5,\"crop_right\":9}",
        "{\"image_id\":\"ok1\",\"uri\":\"/img/dup.png\",\"mos\":60}",
        "\"just a string\"",
        "{\"image_id\":\"two\"} {\"image_id\":\"objects\"}",
        "{\"image_id\":\"ok2\",\"uri\":\"/img/ok2.png\",\"attrs\":{\"camera\":\"x100\",\"iso\":200},\"lens\":\"35mm\"}")
        + "\n\n");
    ManifestValidator.Split s = ManifestValidator.validate(ManifestReader.read(spark, jsonl.toString()), "t", 0, 100);
    Map<Long, String> got = reasons(s);
    assertTrue(got.remove(3L).startsWith("malformed line: invalid JSON ("), "line 3");
    assertTrue(got.remove(18L).startsWith("malformed line: invalid JSON ("), "line 18");
    Map<Long, String> expected = new TreeMap<>();
    expected.put(4L, "malformed line: a JSON array, not an object");
    expected.put(5L, "missing image_id");
    expected.put(6L, "missing uri");
    expected.put(7L, "uri contains whitespace: '/img/a\tb.png'");
    expected.put(8L, "missing mos");
    expected.put(9L, "mos 'abc' is not a number");
    expected.put(10L, "mos is NaN");
    expected.put(11L, "mos is infinite");
    expected.put(12L, "mos -1 outside the dataset's scale [0.0, 100.0]");
    expected.put(13L, "incomplete crop box (need crop_top, crop_left, crop_bottom, crop_right)");
    expected.put(14L, "crop box values must be integers");
    expected.put(15L, "crop box is empty or negative: top=-1 left=0 bottom=5 right=9");
    expected.put(16L, "duplicate (image_id, level) of line 1");
    expected.put(17L, "malformed line: a JSON string, not an object");
    assertEquals(expected, got);
    assertEquals(List.of("ok1", "ok2"), validIds(s));
    assertEquals(50.0, s.valid().filter("image_id = 'ok1'").first().<Double>getAs("mos"), 0);
    assertEquals("x100", attr(s, "ok2", "camera"));
    assertEquals("200", attr(s, "ok2", "iso"));
    assertEquals("35mm", attr(s, "ok2", "lens"));
  }

  @Test
  void aFolderOfCsvPartsCountsLinesPerFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    Path p0 = Files.writeString(dir.resolve("part-00000.csv"), String.join("\n",
        "image_id,uri,mos",
        "a,/img/a.png,1",
        "",
        "b,/img/b.png,2,extra") + "\n");
    Path p1 = Files.writeString(dir.resolve("part-00001.csv"), String.join("\r\n",
        "image_id,uri,mos",
        "",
        "c,/img/c.png",
        "a,/img/a2.png,3",
        "\"d",
        "d\",/img/d.png,4",
        ",/img/e.png,5") + "\r\n");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Path out = tmp.resolve("out");
    ManifestValidator.Split s = ManifestStage.read(spark, dir.toString(), out.toString(), "t");
    String f0 = sourceFile(p0);
    String f1 = sourceFile(p1);
    Map<String, String> got = rejectsByFileLine(out);
    assertEquals(Map.of(
        f0 + ":4", "malformed line: 4 fields, the header has 3",
        f1 + ":3", "malformed line: 2 fields, the header has 3",
        f1 + ":4", "duplicate (image_id, level) of line 2 of " + f0,
        f1 + ":7", "missing image_id"), got);
    assertEquals(List.of("a", "d\nd"), validIds(s));
  }

  @Test
  void aFolderOfJsonLinesPartsIsReadAsJsonLinesWithLinesPerFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("json-parts"));
    Path p0 = Files.writeString(dir.resolve("part-0.ndjson"), String.join("\n",
        "{\"image_id\":\"a\",\"uri\":\"/img/a.png\",\"mos\":1}",
        "",
        "{\"image_id\":\"b\",\"uri\":\"/img/b.png\",\"mos\":\"x\"}") + "\n");
    Path p1 = Files.writeString(dir.resolve("part-1.jsonl"), String.join("\n",
        "[1, 2]",
        "{\"image_id\":\"c\",\"uri\":\"/img/c.png\",\"mos\":3}") + "\n");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    assertEquals(ManifestReader.Format.JSON, ManifestReader.formatOf(spark, dir.toString()));
    Path out = tmp.resolve("out-json");
    ManifestValidator.Split s = ManifestStage.read(spark, dir.toString(), out.toString(), "t");
    String f0 = sourceFile(p0);
    String f1 = sourceFile(p1);
    Map<String, String> got = rejectsByFileLine(out);
    assertEquals(Map.of(
        f0 + ":3", "mos 'x' is not a number",
        f1 + ":1", "malformed line: a JSON array, not an object"), got);
    assertEquals(List.of("a", "c"), validIds(s));
  }

  /** A local file as {@code source_file} names it. */
  private static String sourceFile(Path p) {
    return p.toUri().toString().replace("file:///", "file:/");
  }

  /** The written rejects/ as {@code source_file:source_line -> reason}. */
  private static Map<String, String> rejectsByFileLine(Path out) {
    Map<String, String> got = new TreeMap<>();
    spark.read().parquet(out.resolve("rejects").toString()).collectAsList().forEach(r ->
        got.put(r.<String>getAs("source_file") + ":" + r.<Long>getAs("source_line"), r.getAs("reason")));
    return got;
  }
}
