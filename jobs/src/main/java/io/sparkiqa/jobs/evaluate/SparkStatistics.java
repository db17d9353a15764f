package io.sparkiqa.jobs.evaluate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * SRCC and PLCC per group in plain Spark SQL, so they scale to millions of rows and plan on GPU under
 * the RAPIDS plugin: window {@code rank} plus tie counts for average ranks, and {@code min}/{@code avg}/
 * {@code sum}/{@code count} aggregates. Never {@code corr()} (wrong with nulls, not planned on GPU).
 *
 * <p>Precision: PLCC is two-pass on values shifted by the group minimum (so 1e6 + N(0, 1e-3) scores
 * keep their digits), and SRCC centres average ranks on the exact mean (n+1)/2, whose sums are exact in
 * double. Both agree with the driver's pure-Java functions to 1e-12. Non-finite scores as on the driver
 * ({@link io.sparkiqa.jobs.stats.NonFinite}): NaN out of both, +/-Infinity ranked for SRCC and out of PLCC.
 */
public final class SparkStatistics {
  private SparkStatistics() {
  }

  /**
   * @param points rows with the {@code keys} columns and double columns {@code x} (score), {@code y} (MOS,
   *               never null); a null or NaN x is left out, +/-Infinity is ranked and left out of PLCC
   * @return one row per key: the keys, {@code n} (pairs ranked), {@code n_finite} (pairs in PLCC), {@code srcc},
   *         {@code plcc}
   */
  public static Dataset<Row> compute(Dataset<Row> points, List<String> keys) {
    Column[] k = keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    WindowSpec byKey = Window.partitionBy(k);
    List<Column> kx = new ArrayList<>(List.of(k));
    kx.add(col("x"));
    List<Column> ky = new ArrayList<>(List.of(k));
    ky.add(col("y"));
    Dataset<Row> ranked = points.filter(col("x").isNotNull().and(not(isnan(col("x")))))
        .withColumn("fin", abs(col("x")).lt(lit(Double.POSITIVE_INFINITY)))
        .withColumn("rx", rank().over(byKey.orderBy("x")).plus(count(lit(1)).over(Window.partitionBy(kx.toArray(Column[]::new))).minus(1).divide(2.0)))
        .withColumn("ry", rank().over(byKey.orderBy("y")).plus(count(lit(1)).over(Window.partitionBy(ky.toArray(Column[]::new))).minus(1).divide(2.0)));
    Dataset<Row> pivots = ranked.groupBy(k).agg(count(lit(1)).as("n"), min(finite("x")).as("px"),
        min(finite("y")).as("py"));
    scala.collection.immutable.Seq<String> on = scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq();
    Dataset<Row> shifted = ranked.join(pivots, on)
        .withColumn("u", finite("x").minus(col("px"))).withColumn("v", finite("y").minus(col("py")))
        .withColumn("cr", col("n").plus(1).divide(2.0));
    Dataset<Row> means = shifted.groupBy(k).agg(avg("u").as("mu"), avg("v").as("mv"));
    Dataset<Row> centred = shifted.join(means, on)
        .withColumn("du", col("u").minus(col("mu"))).withColumn("dv", col("v").minus(col("mv")))
        .withColumn("drx", col("rx").minus(col("cr"))).withColumn("dry", col("ry").minus(col("cr")));
    List<Column> out = new ArrayList<>(List.of(k));
    return centred.groupBy(k).agg(
            count(lit(1)).as("n"), count(col("du")).as("n_finite"),
            sum(col("du").multiply(col("dv"))).as("suv"), sum(col("du").multiply(col("du"))).as("suu"),
            sum(col("dv").multiply(col("dv"))).as("svv"),
            sum(col("drx").multiply(col("dry"))).as("sxy"), sum(col("drx").multiply(col("drx"))).as("sxx"),
            sum(col("dry").multiply(col("dry"))).as("syy"))
        .select(concat(out, col("n"), col("n_finite"),
            col("sxy").divide(sqrt(col("sxx").multiply(col("syy")))).as("srcc"),
            col("suv").divide(sqrt(col("suu").multiply(col("svv")))).as("plcc")));
  }

  /** The column where the score is finite, null elsewhere (aggregates skip nulls). */
  private static Column finite(String c) {
    return when(col("fin"), col(c));
  }

  private static Column[] concat(List<Column> head, Column... tail) {
    List<Column> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(Column[]::new);
  }
}
