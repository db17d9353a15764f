package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

/** {@code score --resume} after a partial run adds exactly the missing (image_id, level, model) rows. */
class ResumeTest {
  @TempDir
  Path tmp;

  @Test
  void resumeAddsExactlyTheMissingRows() throws Exception {
    Path img = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim03_ref.png", "kodim03_jpeg30.jpg",
        "kodim03_blur2.png", "kodim03_noise10.png");
    String ref = TestSupport.uri(img.resolve("kodim03_ref.png"));
    String[] files = {"kodim03_jpeg30.jpg", "kodim03_blur2.png", "kodim03_noise10.png"};
    StringBuilder full = new StringBuilder("image_id,uri,ref_uri\n");
    for (String f : files) {
      full.append(f).append(',').append(TestSupport.uri(img.resolve(f))).append(',').append(ref).append('\n');
    }
    String partial = full.substring(0, full.indexOf("\n", full.indexOf("jpeg30")) + 1);
    Path partialManifest = Files.writeString(tmp.resolve("partial.csv"), partial);
    Path fullManifest = Files.writeString(tmp.resolve("full.csv"), full.toString());
    Path out = tmp.resolve("out");

    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", partialManifest.toString(),
        "--models", "psnr", "--out", out.toString()));
    assertEquals(2, SparkIqa.execute("score", "--master", "local[2]", "--manifest", fullManifest.toString(),
        "--models", "psnr,sharpness", "--out", out.toString()), "an existing --out is refused without --resume");
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", fullManifest.toString(),
        "--models", "psnr,sharpness", "--out", out.toString(), "--resume"));
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", fullManifest.toString(),
        "--models", "psnr,sharpness", "--out", out.toString(), "--resume"), "a second resume finds nothing to do");

    SparkSession spark = TestSupport.localSpark();
    try {
      List<Row> rows = spark.read().parquet(out.resolve("scores").toString()).collectAsList();
      assertEquals(6, rows.size(), "3 images x 2 models, no duplicates");
      Map<String, String> runOf = new HashMap<>();
      rows.forEach(r -> runOf.put(r.getAs("image_id") + "|" + r.getAs("model"), r.getAs("run_id")));
      String first = runOf.get("kodim03_jpeg30.jpg|psnr");
      assertNotEquals(first, runOf.get("kodim03_jpeg30.jpg|sharpness"), "only the missing model was added");
      assertNotEquals(first, runOf.get("kodim03_blur2.png|psnr"));
      assertEquals(runOf.get("kodim03_blur2.png|psnr"), runOf.get("kodim03_noise10.png|sharpness"));
    } finally {
      spark.stop();
    }
  }
}
