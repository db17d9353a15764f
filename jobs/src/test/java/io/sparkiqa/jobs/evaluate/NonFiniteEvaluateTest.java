package io.sparkiqa.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.jobs.stats.GroupStats;
import io.sparkiqa.jobs.stats.StatsFixtures;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluate on scores with NaN, +Infinity and -Infinity (the PSNR-like SciPy fixture, 300 images, plus an ok
 * row without a score and a failed row): the Spark SQL path and the driver path give SciPy's SRCC (infinities
 * ranked, NaN omitted) and PLCC (finite pairs) and agree to 1e-12; both count {@code n_nonfinite} and word the
 * same note; the pairwise table leaves out the images either model scored NaN.
 */
class NonFiniteEvaluateTest {
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

  @Test
  void sparkStatisticsRankInfinitiesAndCorrelateTheFinitePairs() {
    List<Row> rows = new ArrayList<>();
    for (StatsFixtures.Fixture f : StatsFixtures.nonFinite()) {
      for (int i = 0; i < f.x().length; i++) {
        rows.add(RowFactory.create(f.name(), f.x()[i], f.y()[i]));
      }
    }
    StructType schema = new StructType().add("fixture", DataTypes.StringType).add("x", DataTypes.DoubleType)
        .add("y", DataTypes.DoubleType);
    Map<String, Row> byName = new HashMap<>();
    SparkStatistics.compute(spark.createDataFrame(rows, schema).repartition(8), List.of("fixture")).collectAsList()
        .forEach(r -> byName.put(r.getAs("fixture"), r));
    for (StatsFixtures.Fixture f : StatsFixtures.nonFinite()) {
      Row r = byName.get(f.name());
      GroupStats driver = GroupStats.of(f.x(), f.y(), null);
      assertEquals(f.expected().get("n_ranked").asLong(), r.<Long>getAs("n"), f.name());
      assertEquals(f.expected().get("n_finite").asLong(), r.<Long>getAs("n_finite"), f.name());
      assertEquals(f.expected().get("srcc").asDouble(), r.<Double>getAs("srcc"), 1e-9, f.name() + " srcc vs SciPy");
      assertEquals(f.expected().get("plcc").asDouble(), r.<Double>getAs("plcc"), 1e-9, f.name() + " plcc vs SciPy");
      assertEquals(driver.srcc(), r.<Double>getAs("srcc"), 1e-12, f.name() + " srcc vs driver");
      assertEquals(driver.plcc(), r.<Double>getAs("plcc"), 1e-12, f.name() + " plcc vs driver");
    }
  }

  @Test
  void driverAndSparkPathsAgreeAndCountTheNonFiniteScores() {
    StatsFixtures.Fixture f = StatsFixtures.nonFinite().stream().filter(x -> x.name().equals("psnr_like")).findFirst()
        .orElseThrow();
    List<Row> manifest = new ArrayList<>();
    List<Row> scores = new ArrayList<>();
    for (int i = 0; i < f.x().length; i++) {
      String id = String.format("i%03d", i);
      manifest.add(manifestRow(id, f.y()[i]));
      scores.add(RowFactory.create(id, "image", "psnr", f.x()[i], "ok"));
      double sharp = i == 3 || i == 9 ? Double.NaN : f.y()[i] + (i % 7) * 0.05;
      scores.add(RowFactory.create(id, "image", "sharpness", sharp, "ok"));
    }
    manifest.add(manifestRow("no-score", 3.0));
    manifest.add(manifestRow("failed", 2.0));
    scores.add(RowFactory.create("no-score", "image", "psnr", null, "ok"));
    scores.add(RowFactory.create("failed", "image", "psnr", null, "failed"));
    StructType scoreSchema = new StructType().add("image_id", DataTypes.StringType).add("level", DataTypes.StringType)
        .add("model", DataTypes.StringType).add("score", DataTypes.DoubleType).add("status", DataTypes.StringType);
    Dataset<Row> s = spark.createDataFrame(scores, scoreSchema).repartition(4);
    Dataset<Row> m = spark.createDataFrame(manifest, Schemas.MANIFEST);
    Directions d = Directions.catalog(MetricCatalog.builtIn(), System.out);
    EvaluateJob.Result driver = EvaluateJob.run(spark, s, m, List.of(), tmp.resolve("driver").toString(),
        new EvaluateJob.Options(50, 3L, 2_000_000L, d));
    EvaluateJob.Result sparkPath = EvaluateJob.run(spark, s, m, List.of(), tmp.resolve("spark").toString(),
        new EvaluateJob.Options(50, 3L, 10L, d));
    MetricRow a = psnr(driver);
    MetricRow b = psnr(sparkPath);
    assertEquals("driver", a.statsPath());
    assertEquals("spark", b.statsPath());
    String note = "5 infinite score(s) (4 +Infinity, 1 -Infinity) ranked by SRCC/KRCC, left out of PLCC and the fits; "
        + "3 NaN score(s) left out of every statistic";
    for (MetricRow r : List.of(a, b)) {
      assertEquals(301, r.n(), "ok rows with a MOS");
      assertEquals(1, r.nFailed());
      assertEquals(8, r.nNonfinite(), "2 NaN + 1 empty score + 4 +Infinity + 1 -Infinity");
      assertEquals(f.expected().get("srcc").asDouble(), r.srcc(), 1e-9, r.statsPath());
      assertEquals(f.expected().get("plcc").asDouble(), r.plcc(), 1e-9);
    }
    assertEquals(a.srcc(), b.srcc(), 1e-12);
    assertEquals(a.plcc(), b.plcc(), 1e-12);
    assertEquals(note, a.reason());
    assertEquals("n = 301 above the driver bound 10: SRCC and PLCC from Spark SQL only; no KRCC, fits or CIs; " + note,
        b.reason());
    assertNotNull(a.plccLogistic4());
    assertNotNull(a.plccCiLow());
    assertEquals(f.expected().get("plcc_fisher").get(0).asDouble(), a.plccFisherLow(), 1e-12);
    MetricRow written = MetricRow.fromRow(spark.read().parquet(tmp.resolve("spark/metrics").toString())
        .filter("model = 'psnr'").first());
    assertEquals(8, written.nNonfinite());
    assertEquals(Schemas.METRICS.fieldIndex("n_failed") + 1, Schemas.METRICS.fieldIndex("n_nonfinite"));
    PairwiseRow p = driver.pairwise().get(0);
    assertEquals(297, p.n(), "300 images less psnr's NaN (2) and sharpness's (2), one image shared");
    assertNotNull(p.srccA());
    assertNull(sparkPath.pairwise().stream().findFirst().orElse(null), "no pairwise table above the driver bound");
  }

  private static MetricRow psnr(EvaluateJob.Result r) {
    return r.metrics().stream().filter(x -> x.model().equals("psnr")).findFirst().orElseThrow();
  }

  private static Row manifestRow(String id, double mos) {
    return RowFactory.create(id, "file:/none/" + id + ".png", null, "fx", null, "image", null, null, null, null, mos,
        null, "1-5", null);
  }
}
