package io.sparkiqa.jobs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.jobs.evaluate.EvaluateJob;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * An audit whose NIQE scores hold NaN and +Infinity: distributions count them in {@code n_nonfinite}, apart
 * from the failed rows (so n + n_failed + n_nonfinite is every row), a generator with no finite score still
 * gets its row with a reason, and a model without a threshold or calibration says why its share is empty;
 * a calibration run fitted over NaN scores gives a rule, and one without a fit for a model says which reason.
 */
class NonFiniteAuditTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;
  static final Directions DIRECTIONS = Directions.catalog(MetricCatalog.builtIn(), System.out);

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** niqe: gen-a 5 finite, 1 NaN, 1 failed; gen-b 4 finite, 1 +Infinity; gen-c 2 NaN. sharpness: all finite. */
  static ScoreTable table() {
    StructType schema = new StructType().add("image_id", DataTypes.StringType).add("level", DataTypes.StringType)
        .add("model", DataTypes.StringType).add("score", DataTypes.DoubleType).add("status", DataTypes.StringType)
        .add("uri", DataTypes.StringType).add("dataset", DataTypes.StringType).add("split", DataTypes.StringType)
        .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Row> rows = new ArrayList<>();
    double nan = Double.NaN;
    add(rows, "gen-a", new double[] {3, 4, 5, 6, 7, nan}, 1);
    add(rows, "gen-b", new double[] {5, 6, 8, 9, Double.POSITIVE_INFINITY}, 0);
    add(rows, "gen-c", new double[] {nan, nan}, 0);
    return ScoreTable.of(spark.createDataFrame(rows, schema).collectAsList(), List.of("generator"));
  }

  private static void add(List<Row> rows, String gen, double[] niqe, int failed) {
    for (int i = 0; i < niqe.length + failed; i++) {
      String id = gen + "/" + i;
      Object attrs = CollectionConverters.asScala(Map.of("generator", gen));
      boolean ok = i < niqe.length;
      rows.add(RowFactory.create(id, "image", "niqe", ok ? niqe[i] : null, ok ? "ok" : "failed", null, null, null, attrs));
      rows.add(RowFactory.create(id, "image", "sharpness", (double) i, "ok", null, null, null, attrs));
    }
  }

  private static AuditOptions options(Map<String, Double> thresholds, String calibration, Double cut) {
    return new AuditOptions(List.of("generator"), thresholds, calibration, cut, null, 3, 50, 1L, DIRECTIONS,
        64_000_000L, 1L << 29);
  }

  private static Row row(List<Row> rows, String model, String group) {
    return rows.stream().filter(r -> r.getAs("model").equals(model) && r.getAs("group").equals(group)).findFirst()
        .orElseThrow();
  }

  @Test
  void nonFiniteScoresAreCountedApartFromFailuresAndSaidSo() {
    ScoreTable t = table();
    AuditOptions o = options(Map.of("niqe", 6.0), null, null);
    List<Row> rows = spark.createDataFrame(Distributions.rows(t, Thresholds.of(spark, o, t.models()), o),
        Schemas.AUDIT_DISTRIBUTIONS).collectAsList();
    Row all = row(rows, "niqe", "all");
    assertEquals(9L, all.<Long>getAs("n"));
    assertEquals(1L, all.<Long>getAs("n_failed"), "only the failed row: NaN is not a failure");
    assertEquals(4L, all.<Long>getAs("n_nonfinite"));
    assertEquals(14L, all.<Long>getAs("n") + all.<Long>getAs("n_failed") + all.<Long>getAs("n_nonfinite"),
        "every niqe row is counted once");
    assertEquals(9.0, all.<Double>getAs("max"), "the +Infinity is not the maximum");
    assertEquals(3.0 / 9, all.<Double>getAs("share_bad"), 1e-15, "7, 8 and 9 of the 9 finite scores are above 6");
    assertEquals("4 ok score(s) not finite (NaN, +/-Infinity or empty) left out; not failures", all.getAs("reason"));
    Row c = row(rows, "niqe", "gen-c");
    assertEquals(0L, c.<Long>getAs("n"));
    assertEquals(2L, c.<Long>getAs("n_nonfinite"));
    assertNull(c.getAs("mean"));
    assertNull(c.getAs("share_bad"));
    assertEquals("2 ok score(s) not finite (NaN, +/-Infinity or empty) left out; not failures; "
        + "no finite score: no statistics", c.getAs("reason"));
    Row sharp = row(rows, "sharpness", "all");
    assertNull(sharp.getAs("share_bad"));
    assertEquals("no share bad: no --threshold sharpness=VALUE and no --calibration with --mos-cut", sharp.getAs("reason"));
    assertEquals(Schemas.AUDIT_DISTRIBUTIONS.fieldIndex("n_failed") + 1,
        Schemas.AUDIT_DISTRIBUTIONS.fieldIndex("n_nonfinite"));
  }

  @Test
  void aCalibrationFittedOverNanScoresGivesARuleAndAMissingFitSaysWhy() {
    List<Row> manifest = new ArrayList<>();
    List<Row> scores = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = "c" + i;
      double mos = 1 + i / 5.0;
      manifest.add(RowFactory.create(id, "file:/none/" + id, null, "cal", null, "image", null, null, null, null, mos,
          null, "1-5", null));
      scores.add(RowFactory.create(id, "image", "niqe", i % 6 == 0 ? Double.NaN : 10 - mos + (i % 3) * 0.2, "ok"));
      scores.add(RowFactory.create(id, "image", "sharpness", i < 3 ? (double) i : Double.NaN, "ok"));
    }
    StructType schema = new StructType().add("image_id", DataTypes.StringType).add("level", DataTypes.StringType)
        .add("model", DataTypes.StringType).add("score", DataTypes.DoubleType).add("status", DataTypes.StringType);
    String calib = tmp.resolve("calib").toString();
    EvaluateJob.run(spark, spark.createDataFrame(scores, schema), spark.createDataFrame(manifest, Schemas.MANIFEST),
        List.of(), calib, new EvaluateJob.Options(20, 1L, 2_000_000L, DIRECTIONS));
    AuditOptions o = options(Map.of(), calib, 3.0);
    Thresholds th = Thresholds.of(spark, o, List.of("niqe", "sharpness", "brisque"));
    assertNotNull(th.rule("niqe"), "NaN scores no longer blank the calibration fit: " + th.whyNone("niqe"));
    assertTrue(th.rule("niqe").source().startsWith("calibrated: logistic-4 from " + calib));
    assertNull(th.rule("sharpness"));
    assertEquals("no share bad: not calibrated: " + calib + "/metrics has no logistic-4 fit for sharpness "
        + "(n = 3 non-NaN score(s) < 4; 17 NaN score(s) left out of every statistic)", th.whyNone("sharpness"));
    assertEquals("no share bad: not calibrated: brisque is not in " + calib + "/metrics", th.whyNone("brisque"));
  }
}
