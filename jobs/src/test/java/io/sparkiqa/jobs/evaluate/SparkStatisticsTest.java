package io.sparkiqa.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.stats.Correlations;
import io.sparkiqa.jobs.stats.StatsFixtures;
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

/**
 * The Spark SQL path (window ranks, min/avg/sum/count) against SciPy (1e-9) and against the driver's
 * pure-Java functions (1e-12), every fixture in one job spread over 8 partitions. A negative control
 * shows that the 1e6 + N(0, 1e-3) fixture defeats a naive one-pass sum formula.
 */
class SparkStatisticsTest {
  static SparkSession spark;
  static Dataset<Row> points;

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
    List<Row> rows = new ArrayList<>();
    for (StatsFixtures.Fixture f : StatsFixtures.nonDegenerate()) {
      for (int i = 0; i < f.x().length; i++) {
        rows.add(RowFactory.create(f.name(), f.x()[i], f.y()[i]));
      }
    }
    StructType schema = new StructType().add("fixture", DataTypes.StringType).add("x", DataTypes.DoubleType)
        .add("y", DataTypes.DoubleType);
    points = spark.createDataFrame(rows, schema).repartition(8).cache();
    assertEquals(8, points.rdd().getNumPartitions());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sparkPathEqualsScipyAndTheDriverPath() {
    Map<String, Row> byName = new HashMap<>();
    SparkStatistics.compute(points, List.of("fixture")).collectAsList().forEach(r -> byName.put(r.getAs("fixture"), r));
    for (StatsFixtures.Fixture f : StatsFixtures.nonDegenerate()) {
      Row r = byName.get(f.name());
      assertEquals(f.x().length, r.<Long>getAs("n"));
      double srcc = r.getAs("srcc");
      double plcc = r.getAs("plcc");
      assertEquals(f.expected().get("srcc").asDouble(), srcc, 1e-9, f.name() + " srcc vs SciPy");
      assertEquals(f.expected().get("plcc").asDouble(), plcc, 1e-9, f.name() + " plcc vs SciPy");
      assertEquals(Correlations.spearman(f.x(), f.y()), srcc, 1e-12, f.name() + " srcc vs driver");
      assertEquals(Correlations.pearson(f.x(), f.y()), plcc, 1e-12, f.name() + " plcc vs driver");
    }
  }

  @Test
  void aNaiveSumFormulaFailsThePrecisionFixture() {
    Row r = points.filter(col("fixture").equalTo("precision_1e6")).agg(count(lit(1)).as("n"), sum("x").as("sx"),
        sum("y").as("sy"), sum(col("x").multiply(col("y"))).as("sxy"), sum(col("x").multiply(col("x"))).as("sxx"),
        sum(col("y").multiply(col("y"))).as("syy")).first();
    double n = r.<Long>getAs("n");
    double sx = r.getAs("sx");
    double sy = r.getAs("sy");
    double cov = r.<Double>getAs("sxy") - sx * sy / n;
    double vx = r.<Double>getAs("sxx") - sx * sx / n;
    double vy = r.<Double>getAs("syy") - sy * sy / n;
    double naive = cov / Math.sqrt(vx * vy);
    double scipy = StatsFixtures.all().stream().filter(f -> f.name().equals("precision_1e6")).findFirst().orElseThrow()
        .expected().get("plcc").asDouble();
    assertTrue(!(Math.abs(naive - scipy) < 1e-6), "naive one-pass PLCC " + naive + " vs SciPy " + scipy);
  }
}
