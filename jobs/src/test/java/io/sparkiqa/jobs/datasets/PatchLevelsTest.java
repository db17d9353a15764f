package io.sparkiqa.jobs.datasets;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaQ-2-PiQ levels end to end: the first rows of the real labels640.csv with placeholder images of the
 * right size (one deliberately too small for its patch boxes); score crops every patch at score time,
 * evaluate reports image, patch1, patch2, patch3 as separate rows, and boxes outside the image fail.
 */
class PatchLevelsTest {
  @TempDir
  Path tmp;

  @Test
  void everyLevelIsScoredAndEvaluatedSeparately() throws Exception {
    List<String> lines = Files.readAllLines(TestSupport.copyResources("labels", tmp.resolve("l"), "labels640.csv")
        .resolve("labels640.csv"));
    String header = lines.get(0);
    List<String> cols = List.of(header.split(","));
    StringBuilder subset = new StringBuilder(header).append('\n');
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 1; i <= 6; i++) {
      String[] v = lines.get(i).split(",");
      String name = v[cols.indexOf("name_image")];
      int w = (int) Double.parseDouble(v[cols.indexOf("width_image")]);
      int h = (int) Double.parseDouble(v[cols.indexOf("height_image")]);
      if (i == 6) {
        w /= 3; // too small for its patch boxes
        h /= 3;
      }
      Path img = tmp.resolve("images").resolve(name);
      Files.createDirectories(img.getParent());
      byte[] px = new byte[w * h * 3];
      for (int k = 0; k < px.length; k++) {
        px[k] = (byte) (rnd.nextInt(256) * (k / 3 % w < w / 2 ? 1 : 0));
      }
      try (Mat m = new Mat(h, w, opencv_core.CV_8UC3, new BytePointer(px))) {
        assertTrue(imwrite(img.toString(), m));
      }
      subset.append(lines.get(i)).append('\n');
    }
    Path labels = Files.writeString(tmp.resolve("labels640.csv"), subset.toString());
    Path prep = tmp.resolve("prep");
    assertEquals(0, SparkIqa.execute("datasets", "prepare", "--master", "local[2]", "--dataset", "paq2piq", "--labels",
        labels.toString(), "--images", tmp.resolve("images").toUri().toString(), "--out", prep.toString()));
    Path out = tmp.resolve("run");
    assertEquals(0, SparkIqa.execute("run", "--master", "local[2]", "--manifest", prep.resolve("manifest").toString(),
        "--models", "sharpness", "--out", out.toString(), "--bootstrap", "50"));
    SparkSession spark = TestSupport.localSpark();
    try {
      Map<String, Row> metrics = new HashMap<>();
      spark.read().parquet(out.resolve("metrics").toString()).collectAsList().forEach(r -> metrics.put(r.getAs("level"), r));
      assertEquals(List.of("image", "patch1", "patch2", "patch3"), metrics.keySet().stream().sorted().toList());
      assertEquals(6L, metrics.get("image").<Long>getAs("n"));
      for (String p : new String[] {"patch1", "patch2", "patch3"}) {
        assertEquals(5L, metrics.get(p).<Long>getAs("n"), p);
        assertEquals(1L, metrics.get(p).<Long>getAs("n_failed"), p);
      }
      List<Row> failed = spark.read().parquet(out.resolve("scores").toString()).filter("status = 'failed'").collectAsList();
      assertEquals(3, failed.size());
      assertTrue(failed.stream().allMatch(r -> ((String) r.getAs("error")).startsWith("crop_outside_image:")));
      Map<String, Double> first = new HashMap<>();
      spark.read().parquet(out.resolve("scores").toString()).filter("status = 'ok'").collectAsList()
          .forEach(r -> first.put(r.getAs("image_id") + "|" + r.getAs("level"), r.getAs("score")));
      String id = "paq2piq/" + lines.get(1).split(",")[cols.indexOf("name_image")];
      assertNotEquals(first.get(id + "|image"), first.get(id + "|patch1"), "the patch is scored on its crop");
    } finally {
      spark.stop();
    }
  }
}
