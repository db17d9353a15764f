package io.sparkiqa.jobs.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset adapters on the real label files: exact row counts and splits, and MOS, split and box
 * values on named rows checked against the files; synthetic bad label files give the exact rejects.
 */
class DatasetAdaptersTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;
  static Path labels;
  static final DatasetAdapters.Options DEFAULTS = new DatasetAdapters.Options(false, null, 0.2);

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
    labels = TestSupport.copyResources("labels", tmp.resolve("labels"), "koniq10k_distributions_sets.csv",
        "koniq10k_scores_derived.csv", "labels_image.csv", "labels640.csv", "spaq_mos_and_attributes.csv",
        "clive_mos.csv", "agiqa3k_data.csv");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static ManifestValidator.Split prepare(String dataset, DatasetAdapters.Options o, String... files) {
    List<String> uris = java.util.Arrays.stream(files).map(f -> labels.resolve(f).toString()).toList();
    return DatasetAdapters.prepare(spark, dataset, uris, "s3a://bucket/" + dataset, o, "test");
  }

  private static Map<String, Long> countBy(ManifestValidator.Split s, String col) {
    Map<String, Long> out = new HashMap<>();
    s.valid().groupBy(col).count().collectAsList().forEach(r -> out.put(String.valueOf(r.get(0)), r.getLong(1)));
    return out;
  }

  private static Row row(ManifestValidator.Split s, String imageId, String level) {
    return s.valid().filter("image_id = '" + imageId + "' and level = '" + level + "'").first();
  }

  @Test
  void koniqOfficialSplitAndScales() {
    ManifestValidator.Split s = prepare("koniq10k", DEFAULTS, "koniq10k_distributions_sets.csv");
    assertEquals(10073, s.valid().count());
    assertEquals(0, s.rejects().count());
    assertEquals(Map.of("training", 7058L, "validation", 1000L, "test", 2015L), countBy(s, "split"));
    Row r = row(s, "koniq10k/10004473376.jpg", "image");
    assertEquals(77.3836206897, r.<Double>getAs("mos"), 0);
    assertEquals(0.527277894494 * 25, r.<Double>getAs("mos_std"), 1e-12);
    assertEquals("0-100", r.getAs("mos_scale"));
    assertEquals("s3a://bucket/koniq10k/10004473376.jpg", r.getAs("uri"));

    ManifestValidator.Split acr = prepare("koniq10k", new DatasetAdapters.Options(true, null, 0.2), "koniq10k_scores_derived.csv");
    assertEquals(10073, acr.valid().count());
    Row a = row(acr, "koniq10k/10004473376.jpg", "image");
    assertEquals(3.8285714285714287, a.<Double>getAs("mos"), 0);
    assertEquals("acr-1-5", a.getAs("mos_scale"));
    assertEquals("training", a.getAs("split"));
    assertThrows(IllegalArgumentException.class,
        () -> prepare("koniq10k", new DatasetAdapters.Options(true, null, 0.2), "koniq10k_distributions_sets.csv"));
  }

  @Test
  void fliveImagesWithTheTestListOfLabels640() {
    ManifestValidator.Split s = prepare("flive", DEFAULTS, "labels_image.csv", "labels640.csv");
    assertEquals(39810, s.valid().count());
    assertEquals(Map.of("test", 1827L, "trainval", 37983L), countBy(s, "split"));
    Row r = row(s, "flive/blur_dataset/motion0044.jpg", "image");
    assertEquals(75.44372347614072, r.<Double>getAs("mos"), 0);
    assertEquals("trainval", r.getAs("split"));
    assertEquals("test", row(s, "flive/voc_emotic_ava/EMOTIC__cwpvmtkuw83q2or3za.jpg", "image").getAs("split"));
  }

  @Test
  void paq2piqImageAndThreePatchLevelsWithBoxes() {
    ManifestValidator.Split s = prepare("paq2piq", DEFAULTS, "labels640.csv");
    assertEquals(1827 * 4, s.valid().count());
    assertEquals(Map.of("image", 1827L, "patch1", 1827L, "patch2", 1827L, "patch3", 1827L), countBy(s, "level"));
    String id = "paq2piq/voc_emotic_ava/EMOTIC__cwpvmtkuw83q2or3za.jpg";
    Row p2 = row(s, id, "patch2");
    assertEquals(70.63982665, p2.<Double>getAs("mos"), 0);
    assertEquals(List.of(302, 15, 500, 375), List.of(p2.<Integer>getAs("crop_top"), p2.<Integer>getAs("crop_left"),
        p2.<Integer>getAs("crop_bottom"), p2.<Integer>getAs("crop_right")));
    Row img = row(s, id, "image");
    assertEquals(59.64871868, img.<Double>getAs("mos"), 0);
    assertEquals((Object) null, img.getAs("crop_top"));
  }

  @Test
  void spaqCliveAgiqaCountsAttrsAndSeededSplit() {
    ManifestValidator.Split spaq = prepare("spaq", new DatasetAdapters.Options(false, 123L, 0.2), "spaq_mos_and_attributes.csv");
    assertEquals(11125, spaq.valid().count());
    Row r = row(spaq, "spaq/00001.jpg", "image");
    assertEquals(48.86, r.<Double>getAs("mos"), 0);
    assertEquals("42.57", r.<scala.collection.Map<String, String>>getAs("attrs").get("sharpness").get());
    long test = countBy(spaq, "split").get("test");
    assertEquals(0.2, test / 11125.0, 0.02, "seeded 80/20 split");
    ManifestValidator.Split again = prepare("spaq", new DatasetAdapters.Options(false, 123L, 0.2), "spaq_mos_and_attributes.csv");
    assertEquals(test, (long) countBy(again, "split").get("test"), "the same seed gives the same split");

    assertEquals(1162, prepare("clive", DEFAULTS, "clive_mos.csv").valid().count());
    ManifestValidator.Split ag = prepare("agiqa3k", DEFAULTS, "agiqa3k_data.csv");
    assertEquals(2982, ag.valid().count());
    Row a = row(ag, "agiqa3k/AttnGAN_normal_005.jpg", "image");
    assertEquals(1.106599613, a.<Double>getAs("mos"), 0);
    assertEquals("house of the dragon", a.<scala.collection.Map<String, String>>getAs("attrs").get("prompt").get());
    assertEquals("0.70896187", a.<scala.collection.Map<String, String>>getAs("attrs").get("mos_align").get());
  }

  @Test
  void badLabelLinesAreRejectedWithTheirLineNumbers() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad_koniq.csv"), String.join("\n",
        "image_name,c1,c2,c3,c4,c5,c_total,MOS,SD,set",
        "a.jpg,0,0,0,1,0,100,50.5,0.5,training",
        "b.jpg,0,0,0,1,0,100,NaN,0.5,training",
        "c.jpg,0,0,0,1,0,100,150,0.5,test",
        "d.jpg,0,0,0,1,0,100,40,0.5",
        "a.jpg,0,0,0,1,0,100,60,0.5,test",
        "e.jpg,0,0,0,1,0,100,,0.5,test",
        "f.jpg,0,0,0,1,0,100,abc,0.5,test",
        "g.jpg,0,0,0,1,0,100,70,0.5,validation") + "\n");
    ManifestValidator.Split s = DatasetAdapters.prepare(spark, "koniq10k", List.of(bad.toString()), "/img", DEFAULTS, "t");
    Map<Long, String> rejects = new HashMap<>();
    s.rejects().collectAsList().forEach(r -> rejects.put(r.<Long>getAs("source_line"), r.getAs("reason")));
    assertEquals(Map.of(
        3L, "mos is NaN",
        4L, "mos 150 outside the dataset's scale [0.0, 100.0]",
        5L, "malformed line: 9 fields, the header has 10",
        6L, "duplicate (image_id, level) of line 2",
        7L, "missing mos",
        8L, "mos 'abc' is not a number"), rejects);
    assertEquals(List.of("koniq10k/a.jpg", "koniq10k/g.jpg"),
        s.valid().orderBy("image_id").select("image_id").collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void imageNamesThatLeaveTheImageRootAreRejected() throws Exception {
    Path bad = Files.writeString(tmp.resolve("escaping_clive.csv"), String.join("\n",
        "image_name,MOS,SD",
        "ok.jpg,50,1",
        "../outside.jpg,50,1",
        "sub/../../outside.jpg,50,1",
        "/etc/passwd,50,1",
        "s3a://other-bucket/x.jpg,50,1",
        "C:\\x.jpg,50,1",
        "sub\\..\\..\\x.jpg,50,1",
        "sub/a..b.jpg,50,1",
        "..hidden.jpg,50,1") + "\n");
    ManifestValidator.Split s = DatasetAdapters.prepare(spark, "clive", List.of(bad.toString()), "/img", DEFAULTS, "t");
    Map<Long, String> rejects = new HashMap<>();
    s.rejects().collectAsList().forEach(r -> rejects.put(r.<Long>getAs("source_line"), r.getAs("reason")));
    assertEquals(Map.of(
        3L, "image name escapes --images: '../outside.jpg'",
        4L, "image name escapes --images: 'sub/../../outside.jpg'",
        5L, "image name escapes --images: '/etc/passwd'",
        6L, "image name escapes --images: 's3a://other-bucket/x.jpg'",
        7L, "image name escapes --images: 'C:\\x.jpg'",
        8L, "image name escapes --images: 'sub\\..\\..\\x.jpg'"), rejects);
    assertEquals(List.of("/img/..hidden.jpg", "/img/ok.jpg", "/img/sub/a..b.jpg"),
        s.valid().orderBy("uri").select("uri").collectAsList().stream().map(r -> r.getString(0)).toList());
  }
}
