package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test on real dataset pixels (CLIVE, FLIVE, KonIQ-10k, SPAQ, TID2013 images with their MOS): every
 * image decodes and scores, with the resolution the label files state. Not a correlation benchmark: the
 * scales differ by dataset, so each is its own dataset in the manifest.
 */
class RealPixelsSmokeTest {
  @TempDir
  Path tmp;

  @Test
  void realImagesDecodeAndScore() throws Exception {
    List<String[]> rows = TestSupport.csv("/micro-real-mos/mos.csv");
    String[] files = rows.stream().map(r -> r[0].substring("images/".length())).toArray(String[]::new);
    Path img = TestSupport.copyResources("micro-real-mos", tmp.resolve("img"), files);
    StringBuilder m = new StringBuilder("image_id,uri,mos,dataset\n");
    Map<String, String> resolution = new HashMap<>();
    for (String[] r : rows) {
      String f = r[0].substring("images/".length());
      m.append(f).append(',').append(TestSupport.uri(img.resolve(f))).append(',').append(r[1]).append(',')
          .append(r[2].replace(' ', '_')).append('\n');
      resolution.put(f, r[r.length - 1].trim());
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness", "--out", tmp.resolve("o").toString()));
    SparkSession spark = TestSupport.localSpark();
    try {
      List<Row> scores = spark.read().parquet(tmp.resolve("o/scores").toString()).collectAsList();
      assertEquals(8, scores.size());
      for (Row r : scores) {
        assertEquals("ok", r.getAs("status"), r.toString());
        assertEquals(resolution.get(r.<String>getAs("image_id")), r.<Integer>getAs("width") + "x" + r.<Integer>getAs("height"));
      }
    } finally {
      spark.stop();
    }
  }
}
