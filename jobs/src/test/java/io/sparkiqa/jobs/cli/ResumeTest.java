package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score --resume} after a partial run adds exactly the missing (image_id, level, model) rows, scores transient
 * failures again while keeping permanent ones, scores again the rows another file of a model (same id, another sha256)
 * left, and works on a scores/ folder holding only a killed job's leftovers.
 */
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

  @Test
  void resumeRescoresTransientFailuresKeepsPermanentOnesAndReadersTakeTheLatestRow() throws Exception {
    Path img = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim03_jpeg30.jpg", "kodim03_blur2.png",
        "kodim03_noise10.png");
    StringBuilder manifest = new StringBuilder("image_id,uri,mos\n");
    int mos = 10;
    for (String f : new String[] {"kodim03_jpeg30.jpg", "kodim03_blur2.png", "kodim03_noise10.png", "late.png"}) {
      manifest.append(f).append(',').append(TestSupport.uri(img.resolve(f))).append(',').append(mos++).append('\n');
    }
    Path m = Files.writeString(tmp.resolve("m.csv"), manifest.toString());
    Path out = tmp.resolve("out");
    String scores = out.resolve("scores").toString();
    TestSupport.Console first = TestSupport.sparkiqa("score", "--master", "local[2]", "--manifest", m.toString(),
        "--models", "sharpness,exposure", "--out", out.toString(), "--conf", "spark.sparkiqa.chunkRows=2");
    assertEquals(0, first.code(), first.output());
    int chunk1 = first.output().indexOf("committed chunk 1/2 to scores/\n");
    // a progress line may come between the two commits on a slow machine
    assertTrue(chunk1 >= 0 && first.output().indexOf("committed chunk 2/2 to scores/\n") > chunk1, first.output());
    assertTrue(first.output().contains("reconciliation per score: in 4 x 2 models = ok 6 + failed 2 + rejected 0 x 2\n"),
        first.output());
    assertTrue(Files.readString(out.resolve("run.json")).contains("\"image_timeout_s\" : 120.0"),
        "the default per-image budget is 120 s");

    // a transient failure of one triple, recorded by a later run than the first (run ids sort by time)
    SparkSession spark = TestSupport.localSpark();
    String firstRun;
    try {
      Row okRow = spark.read().parquet(scores).filter("image_id = 'kodim03_blur2.png' and model = 'sharpness'").first();
      firstRun = okRow.getAs("run_id");
      spark.createDataFrame(List.of(RowFactory.create("kodim03_blur2.png", "image", "sharpness", null, "failed",
              "read_error: connection reset", null, null, null, null, null, null, null, null, null, null,
              firstRun + "~transient", 0L, null)), Schemas.SCORES).write().mode("append").parquet(scores);
    } finally {
      spark.stop();
    }
    // the missing object appears, but a missing object is a permanent failure: not scored again
    Files.copy(img.resolve("kodim03_blur2.png"), img.resolve("late.png"));

    TestSupport.Console resumed = TestSupport.sparkiqa("score", "--master", "local[2]", "--manifest", m.toString(),
        "--models", "sharpness,exposure", "--out", out.toString(), "--resume");
    assertEquals(0, resumed.code(), resumed.output());
    assertTrue(resumed.output().contains("scored 1 image(s) x model(s) this run: 1 ok rows, 0 failed rows; 7 triple(s) "
        + "already in scores/, 1 transient failure(s) scored again"), resumed.output());
    assertTrue(resumed.output().contains("reconciliation per score: in 4 x 2 models = ok 6 + failed 2 + rejected 0 x 2\n"),
        resumed.output());

    spark = TestSupport.localSpark();
    try {
      List<Row> all = spark.read().parquet(scores).collectAsList();
      assertEquals(10, all.size(), "8 rows of the first run, the transient failure, its healed row");
      List<String> rescored = all.stream().filter(r -> !r.<String>getAs("run_id").startsWith(firstRun))
          .map(r -> r.getAs("image_id") + "|" + r.getAs("model") + "|" + r.getAs("status")).toList();
      assertEquals(List.of("kodim03_blur2.png|sharpness|ok"), rescored);
      Map<String, String> latest = new HashMap<>();
      LatestScores.of(spark.read().parquet(scores)).collectAsList()
          .forEach(r -> latest.put(r.getAs("image_id") + "|" + r.getAs("model"), r.getAs("status")));
      assertEquals(8, latest.size());
      assertEquals("ok", latest.get("kodim03_blur2.png|sharpness"));
      assertEquals("failed", latest.get("late.png|sharpness"), "the permanent failure is kept");
    } finally {
      spark.stop();
    }
  }

  @Test
  void resumeRescoresRowsScoredByAnotherFileOfTheModel() throws Exception {
    // 512 x 512 images: kodak_nr takes a 256 x 256 centre crop
    Path img = TestSupport.copyResources("agiqa3k-sample", tmp.resolve("img"), "glide_normal_000.jpg",
        "xl2.2_normal_000.jpg");
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\n"
        + "a," + TestSupport.uri(img.resolve("glide_normal_000.jpg")) + "\n"
        + "b," + TestSupport.uri(img.resolve("xl2.2_normal_000.jpg")) + "\n");
    Path out = tmp.resolve("out");
    String scores = out.resolve("scores").toString();
    TestSupport.Console first = TestSupport.sparkiqa("score", "--master", "local[2]", "--manifest", m.toString(),
        "--models", "sharpness,kodak_nr", "--out", out.toString());
    assertTrue(first.output().contains("in 2 x 2 models = ok 4 + failed 0 + rejected 0 x 2"), first.output());
    // b's kodak_nr row as a retrained file under the same id would have left it: another sha256, another score
    SparkSession spark = TestSupport.localSpark();
    Row current;
    try {
      current = spark.read().parquet(scores).filter("image_id = 'b' and model = 'kodak_nr'").first();
      spark.read().parquet(scores).filter("image_id = 'b' and model = 'kodak_nr'")
          .withColumn("model_sha256", functions.lit("0".repeat(64))).withColumn("score", functions.lit(99.0))
          .withColumn("run_id", functions.lit(current.<String>getAs("run_id") + "~older-file"))
          .write().mode("append").parquet(scores);
    } finally {
      spark.stop();
    }
    TestSupport.Console resumed = TestSupport.sparkiqa("score", "--master", "local[2]", "--manifest", m.toString(),
        "--models", "sharpness,kodak_nr", "--out", out.toString(), "--resume");
    assertEquals(0, resumed.code(), resumed.output());
    assertTrue(resumed.output().contains("scored 1 image(s) x model(s) this run: 1 ok rows, 0 failed rows; 3 triple(s) "
        + "already in scores/, 1 scored by another model file scored again"), resumed.output());
    spark = TestSupport.localSpark();
    try {
      Row latest = LatestScores.of(spark.read().parquet(scores)).filter("image_id = 'b' and model = 'kodak_nr'").first();
      assertEquals(current.<String>getAs("model_sha256"), latest.getAs("model_sha256"));
      assertEquals(current.<Double>getAs("score"), latest.<Double>getAs("score"), 0.0, "scored again by the current file");
      assertNotEquals(current.<String>getAs("run_id"), latest.getAs("run_id"));
    } finally {
      spark.stop();
    }
  }

  @Test
  void resumeOnAScoresFolderHoldingOnlyCommitterLeftovers() throws Exception {
    Path img = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim03_jpeg30.jpg");
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na," + TestSupport.uri(img.resolve("kodim03_jpeg30.jpg"))
        + "\n");
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("scores/__magic_job-0123/tasks"));
    Files.writeString(out.resolve("scores/__magic_job-0123/tasks/part-0000.pending"), "not parquet");
    Files.createDirectories(out.resolve("scores/_temporary/0"));
    TestSupport.Console c = TestSupport.sparkiqa("score", "--master", "local[2]", "--manifest", m.toString(),
        "--models", "sharpness", "--out", out.toString(), "--resume");
    assertEquals(0, c.code(), c.output());
    assertTrue(c.output().contains("reconciliation: in 1 = ok 1 + failed 0 + rejected 0\n"), c.output());
  }
}
