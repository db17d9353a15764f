package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.bench.ScaleManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 manifest rows (a Parquet manifest from {@link ScaleManifest}: 300 crops of 64x64 pixels shared by all rows,
 * plus 11 bad rows) through {@code sparkiqa score} and {@code sparkiqa evaluate} on local[2]: every row reconciles
 * (ok + failed + rejected = 100,000), evaluate counts n and n_failed exactly, and the report's scatter plot draws
 * a fixed sample of the pairs, not all of them. scripts/bench_million.sh runs the same manifests up to 1,000,000 rows.
 */
class ScaleIT {
  private static final long ROWS = 100_000;
  private static final int MISSING_FILES = 5;
  private static final int MISSING_URI = 4;
  private static final int NAN_MOS = 2;
  private static final long GOOD = ROWS - MISSING_FILES - MISSING_URI - NAN_MOS;

  @TempDir
  Path tmp;

  @Test
  void hundredThousandRowsReconcileThroughScoreAndEvaluate() throws Exception {
    String manifest = TestSupport.uri(tmp.resolve("manifest"));
    SparkSession spark = TestSupport.localSpark();
    ScaleManifest.write(spark, ScaleManifest.images(TestSupport.repoRoot().resolve("data/kodak"), tmp.resolve("img")),
        GOOD, manifest);
    badRows(spark, manifest);
    spark.stop(); // the commands start their own sessions
    String out = TestSupport.uri(tmp.resolve("out"));
    // 2000 rows a task: the score job's default (256) spends much of this test's time in task start-up on 2 cores
    TestSupport.Console score = TestSupport.sparkiqa("score", "--manifest", manifest, "--out", out, "--models",
        "sharpness", "--master", "local[2]", "--conf", "spark.sparkiqa.rowsPerTask=2000");
    assertEquals(0, score.code(), score.output());
    String rows = "reconciliation: in " + ROWS + " = ok " + GOOD + " + failed " + MISSING_FILES + " + rejected "
        + (MISSING_URI + NAN_MOS);
    assertTrue(score.output().contains(rows + "\n"), score.output());
    assertTrue(score.output().contains("committed chunk 5/5 to scores/"), score.output());

    String eval = TestSupport.uri(tmp.resolve("eval"));
    TestSupport.Console evaluate = TestSupport.sparkiqa("evaluate", "--scores", out + "/scores", "--manifest",
        manifest, "--out", eval, "--group-by", "photo", "--driver-max-n", "1000", "--bootstrap", "10",
        "--master", "local[2]");
    assertEquals(0, evaluate.code(), evaluate.output());
    assertTrue(evaluate.output().contains(rows + "\n"), evaluate.output());

    SparkSession s = TestSupport.localSpark();
    Map<String, long[]> counts = new TreeMap<>();
    for (Row r : s.read().parquet(eval + "/metrics").select("group_by", "group", "n", "n_failed").collectAsList()) {
      counts.put(r.getString(0) + "=" + r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
    }
    assertEquals(25, counts.size(), counts.keySet().toString()); // all + 24 photos
    assertEquals(GOOD, counts.get("all=all")[0]);
    assertEquals(MISSING_FILES, counts.get("all=all")[1]);
    assertEquals(GOOD, counts.entrySet().stream().filter(e -> e.getKey().startsWith("photo="))
        .mapToLong(e -> e.getValue()[0]).sum());
    List<Row> failed = s.read().parquet(out + "/scores").filter("status = 'failed'").select("error").collectAsList();
    assertEquals(MISSING_FILES, failed.size());
    failed.forEach(r -> assertTrue(r.getString(0).startsWith("missing: no such object: "), r.getString(0)));
    assertEquals(GOOD, s.read().parquet(eval + "/points").filter("mos is not null").count());
    String html = Files.readString(tmp.resolve("eval/report.html"));
    assertTrue(html.contains("<figcaption>a fixed sample of 20000 of " + GOOD + " pairs</figcaption>"));
  }

  /** Rows that must fail (no such file) or be rejected (no uri, NaN mos), appended as their own part file. */
  private static void badRows(SparkSession spark, String manifest) {
    StructType schema = new StructType().add("image_id", DataTypes.StringType).add("uri", DataTypes.StringType)
        .add("dataset", DataTypes.StringType).add("mos", DataTypes.DoubleType).add("photo", DataTypes.StringType);
    List<Row> bad = new java.util.ArrayList<>();
    for (int i = 0; i < MISSING_FILES; i++) {
      bad.add(RowFactory.create("bad-file-" + i, "file:///nonexistent/scale/" + i + ".png", "scale", 3.0, "kodim01"));
    }
    for (int i = 0; i < MISSING_URI; i++) {
      bad.add(RowFactory.create("bad-uri-" + i, null, "scale", 3.0, "kodim01"));
    }
    for (int i = 0; i < NAN_MOS; i++) {
      bad.add(RowFactory.create("bad-mos-" + i, "file:///nonexistent/x.png", "scale", Double.NaN, "kodim01"));
    }
    spark.createDataFrame(bad, schema).coalesce(1).write().mode(SaveMode.Append).parquet(manifest);
  }
}
