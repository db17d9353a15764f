package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkiqa run} end to end on local Spark: a small manifest with good images, a corrupt image, a
 * missing file, a crop outside its image, a duplicate (image_id, level), a NaN mos and a missing uri.
 * Scores equal the independent skimage/numpy values; every row is accounted for.
 */
class EndToEndTest {
  @TempDir
  static Path tmp;
  static Path out;
  static Map<String, Row> scores = new HashMap<>();
  static List<Row> rejects;
  static List<Row> metrics;

  @BeforeAll
  static void runOnce() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = new StringBuilder("image_id,uri,ref_uri,dataset,split,mos,mos_scale,crop_top,crop_left,crop_bottom,crop_right,distortion\n");
    double mos = 1;
    for (String[] e : TestSupport.csv("/e2e/expected_scores.csv")) {
      m.append(e[0]).append(',').append(TestSupport.uri(img.resolve(e[1]))).append(',')
          .append(TestSupport.uri(img.resolve(e[2]))).append(",e2e,test,").append(mos++).append(",0-10,,,,,")
          .append(e[0].split("/")[1].replaceAll("\\d+$", "")).append('\n');
    }
    String ref3 = TestSupport.uri(img.resolve("kodim03_ref.png"));
    m.append("corrupt,").append(TestSupport.uri(img.resolve("corrupt.jpg"))).append(',').append(ref3).append(",e2e,test,2,0-10,,,,,jpeg\n");
    m.append("missing,").append(TestSupport.uri(img.resolve("missing.png"))).append(',').append(ref3).append(",e2e,test,2,0-10,,,,,blur\n");
    m.append("cropped,").append(TestSupport.uri(img.resolve("kodim03_blur2.png"))).append(',').append(ref3).append(",e2e,test,2,0-10,0,0,500,100,blur\n");
    m.append("kodim03/jpeg30,").append(TestSupport.uri(img.resolve("kodim03_jpeg30.jpg"))).append(',').append(ref3).append(",e2e,test,4,0-10,,,,,jpeg\n");
    m.append("nanmos,").append(TestSupport.uri(img.resolve("kodim03_noise10.png"))).append(',').append(ref3).append(",e2e,test,NaN,0-10,,,,,noise\n");
    m.append("nouri,,").append(ref3).append(",e2e,test,3,0-10,,,,,noise\n");
    Path manifest = tmp.resolve("manifest.csv");
    Files.writeString(manifest, m.toString());
    out = tmp.resolve("out");
    int code = SparkIqa.execute("run", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        "psnr,sharpness", "--out", out.toString(), "--group-by", "distortion");
    assertEquals(0, code);
    SparkSession spark = TestSupport.localSpark();
    try {
      for (Row r : spark.read().parquet(out.resolve("scores").toString()).collectAsList()) {
        scores.put(r.getAs("image_id") + "|" + r.getAs("model"), r);
      }
      rejects = spark.read().parquet(out.resolve("rejects").toString()).orderBy("source_line").collectAsList();
      metrics = spark.read().parquet(out.resolve("metrics").toString()).collectAsList();
    } finally {
      spark.stop();
    }
  }

  @Test
  void scoresEqualTheIndependentPythonValues() {
    for (String[] e : TestSupport.csv("/e2e/expected_scores.csv")) {
      Row psnr = scores.get(e[0] + "|psnr");
      Row sharp = scores.get(e[0] + "|sharpness");
      assertEquals("ok", psnr.getAs("status"));
      // PSNR: integer MSE then one log10, as skimage; agreement to float64 rounding.
      assertEquals(Double.parseDouble(e[3]), psnr.<Double>getAs("score"), 1e-12 * Double.parseDouble(e[3]), e[0]);
      // sharpness: sums of ~12k doubles in a different order than numpy's pairwise sum.
      assertEquals(Double.parseDouble(e[4]), sharp.<Double>getAs("score"), 1e-9 * Double.parseDouble(e[4]), e[0]);
    }
  }

  @Test
  void everyManifestRowIsScoredFailedOrRejected() throws Exception {
    assertEquals(3, rejects.size());
    assertEquals("duplicate (image_id, level) of line 2", rejects.get(0).getAs("reason"));
    assertEquals(11L, rejects.get(0).<Long>getAs("source_line"));
    assertEquals("mos is NaN", rejects.get(1).getAs("reason"));
    assertEquals("missing uri", rejects.get(2).getAs("reason"));
    assertEquals(18, scores.size(), "9 scored rows x 2 models");
    assertTrue(((String) scores.get("corrupt|psnr").getAs("error")).startsWith("undecodable:"));
    assertTrue(((String) scores.get("missing|sharpness").getAs("error")).startsWith("missing: no such object"));
    assertTrue(((String) scores.get("cropped|psnr").getAs("error")).startsWith("crop_outside_image:"));
    assertNull(scores.get("corrupt|psnr").getAs("score"));

    JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
    JsonNode rec = run.get("reconciliation");
    assertEquals(12, rec.get("rows_in").asLong());
    assertEquals(6, rec.get("scored_ok").asLong());
    assertEquals(3, rec.get("failed").asLong());
    assertEquals(3, rec.get("rejected").asLong());
    assertFalse(run.get("versions").get("spark").asText().isEmpty());
  }

  @Test
  void scoresRowsCarryHeaderFactsAndProvenance() {
    Row r = scores.get("kodim19/jpeg30|psnr");
    assertEquals(128, r.<Integer>getAs("width"));
    assertEquals(96, r.<Integer>getAs("height"));
    assertEquals("jpeg", r.getAs("format"));
    assertEquals("RGB", r.getAs("mode"));
    assertEquals(8, r.<Integer>getAs("bit_depth"));
    assertEquals(64, ((String) r.getAs("content_sha256")).length());
    assertEquals("native:rgb8", r.getAs("preprocess"));
  }

  @Test
  void metricsCountFailuresPerGroupAndKeepSigns() {
    Row all = find("psnr", "all", "all");
    assertEquals(6L, all.<Long>getAs("n"));
    assertEquals(3L, all.<Long>getAs("n_failed"));
    Row blur = find("sharpness", "distortion", "blur");
    assertEquals(2L, blur.<Long>getAs("n"));
    assertEquals(2L, blur.<Long>getAs("n_failed"));
    assertEquals("n = 2 < 4", blur.getAs("reason"));
    assertNull(blur.getAs("srcc"));
  }

  @Test
  void reportFilesAreWritten() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("data:image/png;base64,"), "scatter plots inline");
    assertTrue(html.contains("crop_outside_image"), "failures table");
    assertTrue(html.contains("mos is NaN"), "rejects table");
    assertFalse(html.contains("<script"), "no script, no network");
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| psnr | e2e | test | image | all | 6 | 3 |"));
    assertTrue(Files.isDirectory(out.resolve("points")));
  }

  private static Row find(String model, String groupBy, String group) {
    return metrics.stream().filter(r -> r.getAs("model").equals(model) && r.getAs("group_by").equals(groupBy)
        && r.getAs("group").equals(group)).findFirst().orElseThrow();
  }
}
