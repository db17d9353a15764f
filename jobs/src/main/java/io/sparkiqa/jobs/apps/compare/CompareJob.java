package io.sparkiqa.jobs.apps.compare;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.audit.Thumbnails;
import io.sparkiqa.jobs.stats.Bootstrap;
import io.sparkiqa.jobs.stats.DependentCorrelations;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code sparkiqa compare}: pairs each variant's row with the baseline's row of the same scene (pair key), per
 * metric, and writes {@code pairs/} (both scores, the difference and the improvement by the metric's direction),
 * {@code comparisons/} ({@link PairedStats} per metric and variant, with Holm's adjustment of the Wilcoxon p-values
 * across all of them) and {@code differ_most/} (the pairs with the largest differences, with thumbnails).
 */
public final class CompareJob {
  static final StructType COMPARISONS = new StructType().add("model", DataTypes.StringType)
      .add("variant", DataTypes.StringType).add("baseline", DataTypes.StringType)
      .add("lower_better", DataTypes.BooleanType).add("n_pairs", DataTypes.LongType)
      .add("n_unpaired", DataTypes.LongType).add("mean_diff", DataTypes.DoubleType)
      .add("ci_low", DataTypes.DoubleType).add("ci_high", DataTypes.DoubleType)
      .add("median_diff", DataTypes.DoubleType).add("wilcoxon_stat", DataTypes.DoubleType)
      .add("p_wilcoxon", DataTypes.DoubleType).add("wilcoxon_method", DataTypes.StringType)
      .add("p_holm", DataTypes.DoubleType).add("wins", DataTypes.LongType).add("ties", DataTypes.LongType)
      .add("losses", DataTypes.LongType).add("bootstrap_b", DataTypes.IntegerType).add("seed", DataTypes.LongType);
  static final StructType DIFFER = new StructType().add("model", DataTypes.StringType)
      .add("variant", DataTypes.StringType).add("rank", DataTypes.IntegerType).add("pair", DataTypes.StringType)
      .add("baseline_id", DataTypes.StringType).add("variant_id", DataTypes.StringType)
      .add("baseline_score", DataTypes.DoubleType).add("variant_score", DataTypes.DoubleType)
      .add("improvement", DataTypes.DoubleType).add("baseline_thumbnail", DataTypes.BinaryType)
      .add("variant_thumbnail", DataTypes.BinaryType);

  private CompareJob() {
  }

  /** The comparison rows written, in order. */
  public record Result(List<Row> comparisons) {
  }

  public static Result run(SparkSession spark, Dataset<Row> wide, CompareOptions o, String out) {
    Dataset<Row> rows = wide.select(Wide.key(o.pairKey()).as("pair"), Wide.key(o.variantKey()).as("variant"),
        col("image_id"), col("uri"), col("scores")).filter(col("pair").isNotNull().and(col("variant").isNotNull()));
    List<String> duplicated = rows.groupBy("pair", "variant").count().filter(col("count").gt(1)).limit(3)
        .select("pair").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (!duplicated.isEmpty()) {
      throw new IllegalArgumentException("compare: the pair key " + o.pairKey() + " and variant key " + o.variantKey()
          + " must name one row each, but pair(s) " + duplicated + " have a variant twice");
    }
    Dataset<Row> base = rows.filter(col("variant").equalTo(o.baseline()));
    Dataset<Row> others = rows.filter(col("variant").notEqual(o.baseline()));
    List<Dataset<Row>> perModel = new ArrayList<>();
    for (String m : o.models()) {
      boolean lower = o.lowerBetter().get(m);
      Column bs = col("b.scores").getItem(m);
      Column vs = col("v.scores").getItem(m);
      perModel.add(others.as("v").join(base.as("b"), col("v.pair").equalTo(col("b.pair")), "left")
          .select(col("v.pair").as("pair"), col("v.variant").as("variant"), lit(m).as("model"),
              col("b.image_id").as("baseline_id"), col("v.image_id").as("variant_id"), col("b.uri").as("baseline_uri"),
              col("v.uri").as("variant_uri"), bs.as("baseline_score"), vs.as("variant_score"),
              vs.minus(bs).as("diff"), (lower ? bs.minus(vs) : vs.minus(bs)).as("improvement")));
    }
    Dataset<Row> pairs = perModel.stream().reduce(Dataset::unionByName).orElseThrow();
    pairs.write().mode(SaveMode.Overwrite).parquet(out + "/pairs");
    pairs = spark.read().parquet(out + "/pairs").cache();
    Map<String, double[][]> paired = new LinkedHashMap<>();
    Map<String, Long> unpaired = new LinkedHashMap<>();
    List<Row> all = pairs.orderBy("model", "variant", "pair").select("model", "variant", "baseline_score",
        "variant_score").collectAsList();
    Map<String, List<double[]>> acc = new LinkedHashMap<>();
    for (Row r : all) {
      String k = r.getString(0) + '\u0000' + r.getString(1);
      acc.computeIfAbsent(k, x -> new ArrayList<>());
      unpaired.merge(k, r.isNullAt(2) || r.isNullAt(3) ? 1L : 0L, Long::sum);
      if (!r.isNullAt(2) && !r.isNullAt(3)) {
        acc.get(k).add(new double[] {r.getDouble(2), r.getDouble(3)});
      }
    }
    acc.forEach((k, v) -> paired.put(k, v.toArray(double[][]::new)));
    List<Object[]> stats = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    Bootstrap boot = new Bootstrap(o.bootstrap(), o.seed());
    for (Map.Entry<String, double[][]> e : paired.entrySet()) {
      String[] mv = e.getKey().split("\u0000", 2);
      double[][] p = e.getValue();
      boolean lower = o.lowerBetter().get(mv[0]);
      long un = unpaired.get(e.getKey());
      if (p.length == 0) {
        stats.add(new Object[] {mv[0], mv[1], o.baseline(), lower, 0L, un, null, null, null, null, null, null, "none",
            null, 0L, 0L, 0L, o.bootstrap(), o.seed()});
        ps.add(Double.NaN);
        continue;
      }
      double[] b = new double[p.length];
      double[] v = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        b[i] = p[i][0];
        v[i] = p[i][1];
      }
      PairedStats s = PairedStats.of(b, v, lower, boot);
      stats.add(new Object[] {mv[0], mv[1], o.baseline(), lower, (long) s.n(), un, s.meanDiff(), s.ciLow(), s.ciHigh(),
          s.medianDiff(), nan(s.wilcoxonStat()), nan(s.pWilcoxon()), s.method(), null, s.wins(), s.ties(), s.losses(),
          o.bootstrap(), o.seed()});
      ps.add(s.pWilcoxon());
    }
    double[] holm = DependentCorrelations.holm(ps.stream().mapToDouble(Double::doubleValue).toArray());
    List<Row> out1 = new ArrayList<>();
    for (int i = 0; i < stats.size(); i++) {
      Object[] s = stats.get(i);
      s[13] = nan(holm[i]);
      out1.add(RowFactory.create(s));
    }
    spark.createDataFrame(out1, COMPARISONS).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/comparisons");
    writeDifferMost(spark, pairs, o, out);
    pairs.unpersist();
    return new Result(out1);
  }

  /** One line per comparison: {@code compare sharpness: pipe-b vs pipe-a: 6 pairs, mean diff ..., p ...}. */
  public static void print(Result r, PrintStream console) {
    for (Row c : r.comparisons()) {
      console.printf("compare %s: %s vs %s: %d pair(s) (%d unpaired), mean difference %s, wins/ties/losses %d/%d/%d, "
              + "Wilcoxon p %s (%s), Holm p %s%n", c.getString(0), c.getString(1), c.getString(2), c.getLong(4),
          c.getLong(5), c.get(6), c.getLong(14), c.getLong(15), c.getLong(16), c.get(11), c.getString(12), c.get(13));
    }
  }

  private static void writeDifferMost(SparkSession spark, Dataset<Row> pairs, CompareOptions o, String out) {
    Thumbnails thumbs = new Thumbnails(spark.sparkContext().hadoopConfiguration(), o.maxPixels(), o.maxBytes());
    List<Row> top = pairs.filter(col("improvement").isNotNull())
        .withColumn("rank", row_number().over(Window.partitionBy("model", "variant")
            .orderBy(abs(col("improvement")).desc(), col("pair"))))
        .filter(col("rank").leq(o.top())).orderBy("model", "variant", "rank").collectAsList();
    List<Row> rows = new ArrayList<>();
    for (Row r : top) {
      rows.add(RowFactory.create(r.getAs("model"), r.getAs("variant"), r.getAs("rank"), r.getAs("pair"),
          r.getAs("baseline_id"), r.getAs("variant_id"), r.getAs("baseline_score"), r.getAs("variant_score"),
          r.getAs("improvement"), thumbs.of(r.getAs("baseline_uri")), thumbs.of(r.getAs("variant_uri"))));
    }
    spark.createDataFrame(rows, DIFFER).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/differ_most");
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
