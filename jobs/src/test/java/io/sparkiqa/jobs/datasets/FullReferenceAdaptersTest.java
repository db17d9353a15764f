package io.sparkiqa.jobs.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five full-reference adapters on the real unified label files (test resources labels/fr/, PIPAL gzipped):
 * exact row counts, no rejects, the scale, direction and per-distortion attrs, uri and ref_uri under --images and
 * named rows' published scores; TID2013's optional std file matched by order (and refused when its count differs);
 * rows without a reference or with an escaping one rejected with their line.
 */
class FullReferenceAdaptersTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;
  static Path labels;

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
    labels = TestSupport.copyResources("labels/fr", tmp.resolve("fr"), "TID2013.txt", "TID2013_mos_std.txt",
        "KADID-10k.txt", "CSIQ.txt", "LIVE.txt");
    gunzip("/labels/fr/PIPAL.txt.gz", labels.resolve("PIPAL.txt"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static void gunzip(String resource, Path to) {
    try (InputStream in = new GZIPInputStream(FullReferenceAdaptersTest.class.getResourceAsStream(resource))) {
      Files.copy(in, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A prepared dataset collected once: its valid rows by image_id and how many rows were rejected. */
  private record Prepared(Map<String, Row> rows, long rejected) {
    Row row(String imageId) {
      return rows.get(imageId);
    }

    Set<String> distinct(Function<Row, String> f) {
      return rows.values().stream().map(f).collect(Collectors.toSet());
    }

    long count(Predicate<Row> p) {
      return rows.values().stream().filter(p).count();
    }
  }

  private static Prepared prepare(String dataset, String... files) {
    List<String> uris = java.util.Arrays.stream(files).map(f -> labels.resolve(f).toString()).toList();
    ManifestValidator.Split s = DatasetAdapters.prepare(spark, dataset, uris, "s3a://b/fr",
        new DatasetAdapters.Options(false, null, 0.2), "t");
    Map<String, Row> rows = new HashMap<>();
    s.valid().collectAsList().forEach(r -> rows.put(r.getAs("image_id"), r));
    return new Prepared(rows, s.rejects().count());
  }

  private static String attr(Row r, String key) {
    return r.<String, String>getJavaMap(r.fieldIndex("attrs")).get(key);
  }

  /**
   * Rows, no rejects, distinct dis_type values and references, the one mos_scale and mos_lower_better, ref_uri under
   * --images.
   */
  private static void assertShape(Prepared p, int rows, int disTypes, int refs, String scale, boolean lower) {
    assertEquals(rows, p.rows().size());
    assertEquals(refs, p.distinct(r -> r.getAs("ref_uri")).size());
    assertEquals(0, p.rejected());
    assertEquals(disTypes, p.distinct(r -> attr(r, "dis_type")).size());
    assertEquals(Set.of(scale), p.distinct(r -> r.getAs("mos_scale")));
    assertEquals(Set.of(String.valueOf(lower)), p.distinct(r -> attr(r, "mos_lower_better")));
    assertEquals(0, p.count(r -> r.getAs("ref_uri") == null || !r.<String>getAs("ref_uri").startsWith("s3a://b/fr/")));
  }

  @Test
  void tid2013WithAndWithoutItsStdFile() {
    Prepared s = prepare("tid2013", "TID2013.txt");
    assertShape(s, 3000, 23, 25, "0-9", false);
    Row r = s.row("tid2013/TID2013/distorted_images/i01_01_1.bmp");
    assertEquals(5.5143, r.<Double>getAs("mos"), 0);
    assertNull(r.getAs("mos_std"));
    assertEquals("s3a://b/fr/TID2013/distorted_images/i01_01_1.bmp", r.getAs("uri"));
    assertEquals("s3a://b/fr/TID2013/reference_images/i01.bmp", r.getAs("ref_uri"));
    assertEquals("AWGN", attr(r, "dis_type"));
    assertEquals(250, s.count(x -> attr(x, "dis_type").equals("Multiply_Dist.")));

    Prepared w = prepare("tid2013", "TID2013.txt", "TID2013_mos_std.txt");
    assertEquals(3000, w.count(x -> x.getAs("mos_std") != null));
    // first, second and last lines of the std file, on the first, second and last label rows
    assertEquals(0.13013, w.row("tid2013/TID2013/distorted_images/i01_01_1.bmp").<Double>getAs("mos_std"), 0);
    assertEquals(0.16008, w.row("tid2013/TID2013/distorted_images/i01_01_2.bmp").<Double>getAs("mos_std"), 0);
    List<String> std = readLines(labels.resolve("TID2013_mos_std.txt"));
    assertEquals(Double.parseDouble(std.get(2999).trim()),
        w.row("tid2013/TID2013/distorted_images/i25_24_5.bmp").<Double>getAs("mos_std"), 0);
  }

  @Test
  void tid2013RefusesAStdFileOfAnotherLength() throws IOException {
    Files.writeString(tmp.resolve("short_std.txt"), "0.1\n0.2\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetAdapters.prepare(spark,
        "tid2013", List.of(labels.resolve("TID2013.txt").toString(), tmp.resolve("short_std.txt").toString()), "/img",
        new DatasetAdapters.Options(false, null, 0.2), "t"));
    assertEquals(tmp.resolve("short_std.txt") + ": 2 standard deviations for 3000 label rows of "
        + labels.resolve("TID2013.txt") + " (they are matched by order, so the counts must be equal)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> prepare("csiq", "CSIQ.txt", "TID2013_mos_std.txt"),
        "a dataset without a std file takes one --labels");
  }

  @Test
  void kadid10k() {
    Prepared s = prepare("kadid10k", "KADID-10k.txt");
    assertShape(s, 10125, 25, 81, "1-5", false);
    assertEquals(4.57, s.row("kadid10k/KADID-10k/images/I01_01_01.png").<Double>getAs("mos"), 0);
  }

  @Test
  void csiqIsADmos() {
    Prepared s = prepare("csiq", "CSIQ.txt");
    assertShape(s, 866, 6, 30, "dmos-0-1", true);
    Row r = s.row("csiq/CSIQ/dst_imgs/AWGN/1600.AWGN.1.png");
    assertEquals(0.061989, r.<Double>getAs("mos"), 0);
    assertEquals("CSIQ/src_imgs/1600.png", attr(r, "ref_image"));
  }

  @Test
  void liveIsARealignedDmos() {
    Prepared s = prepare("live", "LIVE.txt");
    assertShape(s, 779, 5, 29, "dmos-realigned", true);
    assertEquals(15.512954417537026, s.row("live/LIVE/jp2k/img2.bmp").<Double>getAs("mos"), 0);
    assertEquals(3, s.count(r -> r.<Double>getAs("mos") < 0), "the three realigned DMOS below 0 are kept");
    assertEquals(-2.640015016409613, min(s), 0);
    assertEquals(111.7746935263145, max(s), 0);
  }

  @Test
  void pipal() {
    Prepared s = prepare("pipal", "PIPAL.txt");
    assertShape(s, 23200, 1, 200, "elo", false);
    assertEquals(1520.0648, s.row("pipal/PIPAL/Distortion_1/A0001_00_00.bmp").<Double>getAs("mos"), 0);
    assertEquals(916.7136, min(s), 0);
    assertEquals(1835.9856, max(s), 0);
  }

  @Test
  void rowsWithoutOrEscapingTheirReferenceAreRejected() throws IOException {
    Path f = Files.writeString(tmp.resolve("bad_csiq.txt"), String.join("\n",
        "dis_img_path,dis_type,ref_img_path,score",
        "CSIQ/a.png,AWGN,CSIQ/r.png,0.5",
        "CSIQ/b.png,AWGN,,0.5",
        "CSIQ/c.png,AWGN,../r.png,0.5",
        "CSIQ/d.png,AWGN,CSIQ/r.png,1.5",
        "CSIQ/e.png,AWGN,CSIQ/r.png") + "\n");
    ManifestValidator.Split s = DatasetAdapters.prepare(spark, "csiq", List.of(f.toString()), "/img/",
        new DatasetAdapters.Options(false, null, 0.2), "t");
    assertEquals(1, s.valid().count());
    Map<Long, String> rejects = new HashMap<>();
    s.rejects().collectAsList().forEach(r -> rejects.put(r.<Long>getAs("source_line"), r.getAs("reason")));
    assertEquals(Map.of(
        3L, "missing ref_img_path (a full-reference row needs its reference image)",
        4L, "reference image name escapes --images: '../r.png'",
        5L, "mos 1.5 outside the dataset's scale [0.0, 1.0]",
        6L, "malformed line: 3 fields, the header has 4"), rejects);
  }

  private static double min(Prepared p) {
    return p.rows().values().stream().mapToDouble(r -> r.<Double>getAs("mos")).min().orElseThrow();
  }

  private static double max(Prepared p) {
    return p.rows().values().stream().mapToDouble(r -> r.<Double>getAs("mos")).max().orElseThrow();
  }

  private static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
