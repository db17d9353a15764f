package io.sparkiqa.jobs.bench;

import io.sparkiqa.jobs.evaluate.SparkStatistics;
import io.sparkiqa.jobs.stats.Bootstrap;
import io.sparkiqa.jobs.stats.Correlations;
import io.sparkiqa.jobs.stats.LogisticFit;
import io.sparkiqa.jobs.stats.MappingFunction;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The statistics benchmark (run by scripts/bench_stats.sh, which times SciPy on the same data): SRCC +
 * KRCC + PLCC + logistic-4 fit on n pairs with the pure-Java functions after warm-up, the same SRCC and
 * PLCC through the Spark SQL path on local[2], and B = 1000 bootstrap CIs (SRCC, PLCC, fitted PLCC) for
 * n = 2,015. Writes the data as little-endian doubles (x then y) for the SciPy side.
 */
public final class StatsBenchmark {
  private StatsBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path data = Path.of(args.length > 1 ? args[1] : "out/bench/stats.bin");
    double[][] xy = generate(n, 20261126L);
    write(data, xy);
    double[] x = xy[0];
    double[] y = xy[1];

    for (int i = 0; i < 2; i++) {
      core(x, y);
    }
    double[] t = new double[3];
    for (int i = 0; i < t.length; i++) {
      long t0 = System.nanoTime();
      core(x, y);
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    System.out.printf(Locale.ROOT, "java  SRCC+KRCC+PLCC+logistic4 n=%d: %.3f s (median of 3 after 2 warm-ups)%n", n, t[1]);

    double[][] small = generate(2015, 7L);
    Bootstrap b = new Bootstrap(1000, 1L);
    LogisticFit.Result fit = LogisticFit.fit(MappingFunction.LOGISTIC4, small[0], small[1]);
    for (int i = 0; i < 2; i++) {
      bootstrap(b, small, fit);
    }
    long t0 = System.nanoTime();
    bootstrap(b, small, fit);
    System.out.printf(Locale.ROOT, "java  bootstrap B=1000 n=2015 (SRCC, PLCC, fitted-PLCC CIs): %.3f s%n",
        (System.nanoTime() - t0) / 1e9);

    SparkSession spark = SparkSession.builder().master("local[2]").appName("bench").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "8").getOrCreate();
    try {
      List<Row> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(RowFactory.create("g", x[i], y[i]));
      }
      Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("g", DataTypes.StringType)
          .add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)).repartition(8).cache();
      df.count();
      SparkStatistics.compute(df, List.of("g")).collectAsList();
      long s0 = System.nanoTime();
      Row r = SparkStatistics.compute(df, List.of("g")).collectAsList().get(0);
      System.out.printf(Locale.ROOT, "spark SRCC+PLCC n=%d local[2], 8 partitions: %.3f s (srcc %.12f plcc %.12f)%n", n,
          (System.nanoTime() - s0) / 1e9, r.<Double>getAs("srcc"), r.<Double>getAs("plcc"));
    } finally {
      spark.stop();
    }
  }

  private static double core(double[] x, double[] y) {
    double s = Correlations.spearman(x, y) + Correlations.kendallTauB(x, y) + Correlations.pearson(x, y);
    return s + LogisticFit.fit(MappingFunction.LOGISTIC4, x, y).plcc();
  }

  private static void bootstrap(Bootstrap b, double[][] d, LogisticFit.Result fit) {
    b.srccInterval(d[0], d[1]);
    b.interval(d[0], d[1], Bootstrap::plcc);
    b.interval(d[0], d[1], Bootstrap.fittedPlcc(MappingFunction.LOGISTIC4, fit.params()));
  }

  /** Scores ~ N(50, 15); MOS = a logistic of the score plus noise, rounded to 2 decimals (ties, as MOS files). */
  static double[][] generate(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 50 + 15 * gaussian(r);
      y[i] = Math.round((1 + 4 / (1 + Math.exp(-(x[i] - 50) / 8)) + 0.4 * gaussian(r)) * 100) / 100.0;
    }
    return new double[][] {x, y};
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static void write(Path p, double[][] xy) throws IOException {
    Files.createDirectories(p.toAbsolutePath().getParent());
    ByteBuffer buf = ByteBuffer.allocate(16 * xy[0].length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : xy[0]) {
      buf.putDouble(v);
    }
    for (double v : xy[1]) {
      buf.putDouble(v);
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(p))) {
      out.write(buf.array());
    }
  }
}
