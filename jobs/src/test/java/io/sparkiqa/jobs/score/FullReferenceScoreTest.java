package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The score job (real local Spark) with SSIM, PSNR and both deep full-reference fixtures (lpips_tiny on ONNX
 * Runtime, dists_tiny on PyTorch) on the Kodak distorted crops: one scores row per (image, model), the deep scores
 * equal the Python pipeline's within 1e-4, a pair whose reference has another size fails for every model with
 * ref_size_mismatch, and the counts reconcile.
 */
class FullReferenceScoreTest {
  @org.junit.jupiter.api.AfterEach
  void stopSpark() {
    TestSupport.stopLocalSpark();
  }

  private static final Path KODAK = TestSupport.repoRoot().resolve("udfs/src/test/resources/kodak-distorted");
  private static final Path MODELS = TestSupport.repoRoot().resolve("jobs/src/test/resources/models");

  @TempDir
  Path tmp;

  @Test
  void ssimPsnrLpipsAndDistsWriteOneRowPerImageAndModel() throws Exception {
    Map<String, Map<String, Double>> python = new HashMap<>();
    StringBuilder manifest = new StringBuilder("image_id,uri,ref_uri\n");
    for (String id : List.of("lpips_tiny", "dists_tiny")) {
      for (String line : Files.readAllLines(MODELS.resolve(id + "_expected.csv")).subList(1, 7)) {
        String[] f = line.split(",");
        python.computeIfAbsent(id, k -> new HashMap<>()).put(f[0], Double.parseDouble(f[2]));
        if (id.equals("lpips_tiny")) {
          manifest.append(f[0]).append(',').append(TestSupport.uri(KODAK.resolve(f[0] + ".png"))).append(',')
              .append(TestSupport.uri(KODAK.resolve(f[1] + ".png"))).append('\n');
        }
      }
    }
    manifest.append("mismatch,").append(TestSupport.uri(KODAK.resolve("h01_blur15.png"))).append(',')
        .append(TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/kodim05.png"))).append('\n');
    Path m = Files.writeString(tmp.resolve("m.csv"), manifest.toString());
    Path out = tmp.resolve("run");
    TestSupport.Console c = TestSupport.sparkiqa("score", "--master", "local[2]", "--manifest", m.toString(), "--models",
        "ssim,psnr," + MODELS.resolve("lpips_tiny.json") + "," + MODELS.resolve("dists_tiny.json"), "--out", out.toString());
    assertTrue(c.output().contains("reconciliation: in 7 = ok 6 + failed 1 + rejected 0\n"), c.output());
    assertTrue(c.output().contains("reconciliation per score: in 7 x 4 models = ok 24 + failed 4 + rejected 0 x 4\n"),
        c.output());

    SparkSession spark = TestSupport.localSpark();
    List<Row> rows = spark.read().parquet(out.resolve("scores").toString()).collectAsList();
    assertEquals(28, rows.size());
    Set<String> keys = new HashSet<>();
    for (Row r : rows) {
      String image = r.getAs("image_id");
      String model = r.getAs("model");
      assertTrue(keys.add(image + "/" + model), "one row per (image, model): " + image + "/" + model);
      if (image.equals("mismatch")) {
        assertEquals("failed", r.getAs("status"));
        assertEquals("ref_size_mismatch", r.<String>getAs("error").split(":")[0], model);
        continue;
      }
      assertEquals("ok", r.getAs("status"), image + "/" + model + ": " + r.getAs("error"));
      if (python.containsKey(model)) {
        assertEquals(python.get(model).get(image), r.<Double>getAs("score"), 1e-4, image + "/" + model);
      }
    }
    assertEquals(0, c.code(), c.output());
  }
}
