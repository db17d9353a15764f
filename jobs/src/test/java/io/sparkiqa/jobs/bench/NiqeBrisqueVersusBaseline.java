package io.sparkiqa.jobs.bench;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * NIQE + BRISQUE, shipped code against the named baseline (the code before the speed work of issue #19:
 * udfs test classes {@code BaselineNiqe} and {@code BaselineBrisque}, on the classpath of
 * scripts/bench_metrics.sh) in the same run: one warm-up pass each, then 5 interleaved passes on one core;
 * prints the median ms/image of each, the ratio and the 40 ms target, and checks that both give the same
 * score bits on every image.
 */
final class NiqeBrisqueVersusBaseline {
  private static final int PASSES = 5;
  private static final double TARGET_MS = 40;

  private NiqeBrisqueVersusBaseline() {
  }

  static void run(List<RgbImage> images, double mp) throws Exception {
    Metric[] now = {MetricTable.get("niqe"), MetricTable.get("brisque")};
    Metric[] base = {baseline("BaselineNiqe"), baseline("BaselineBrisque")};
    int same = 0;
    for (RgbImage i : images) {
      boolean equal = true;
      for (int m = 0; m < 2; m++) {
        equal &= bits(now[m], i) == bits(base[m], i);
      }
      same += equal ? 1 : 0;
    }
    double[][] ms = new double[4][PASSES];
    for (int pass = 0; pass < PASSES; pass++) {
      for (int m = 0; m < 2; m++) {
        Metric b = base[m];
        Metric n = now[m];
        ms[2 * m][pass] = MetricBenchmark.time1(images, i -> b.score(i, null));
        ms[2 * m + 1][pass] = MetricBenchmark.time1(images, i -> n.score(i, null));
      }
    }
    double[] med = Arrays.stream(ms).mapToDouble(NiqeBrisqueVersusBaseline::median).toArray();
    System.out.printf(Locale.ROOT, "%nniqe + brisque against the baseline (median of %d interleaved passes, one core):%n",
        PASSES);
    System.out.printf(Locale.ROOT, "%-14s %10s %10s %8s%n", "metric", "baseline", "now", "ratio");
    String[] names = {"niqe", "brisque"};
    for (int m = 0; m < 2; m++) {
      System.out.printf(Locale.ROOT, "%-14s %10.2f %10.2f %7.2fx%n", names[m], med[2 * m], med[2 * m + 1],
          med[2 * m] / med[2 * m + 1]);
    }
    double base2 = med[0] + med[2];
    double now2 = med[1] + med[3];
    System.out.printf(Locale.ROOT, "%-14s %10.2f %10.2f %7.2fx   (target: now <= %.0f ms/image at %.2f MP: %s)%n",
        "niqe+brisque", base2, now2, base2 / now2, TARGET_MS, mp, now2 <= TARGET_MS ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "score bits equal to the baseline's on %d of %d images%n%n", same, images.size());
  }

  private static Metric baseline(String simpleName) throws ReflectiveOperationException {
    return (Metric) Class.forName("io.sparkiqa.udfs.metrics." + simpleName).getDeclaredConstructor().newInstance();
  }

  private static long bits(Metric m, RgbImage image) {
    try {
      return Double.doubleToLongBits(m.score(image, null).score());
    } catch (MetricException e) {
      return e.reasonClass().hashCode();
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
