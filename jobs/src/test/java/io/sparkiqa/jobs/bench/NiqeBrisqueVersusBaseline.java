package io.sparkiqa.jobs.bench;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * NIQE + BRISQUE, shipped code against the named baseline (the code before the speed work of issue #19:
 * udfs test classes {@code BaselineNiqe} and {@code BaselineBrisque}, on the classpath of
 * scripts/bench_metrics.sh) in the same run: one warm-up pass each, then 5 interleaved passes on one core;
 * prints the median ms/image of each (the thread's CPU time, which other processes on a busy machine do not
 * inflate, and the wall time), the ratio and the 40 ms target, and checks that both give the same score bits
 * on every image.
 *
 * <p>Where the time went before (JFR samples, 1024x768, one core): the 7x7 moment filter and MSCN about 45%,
 * the AGGD fits' sums over NIQE blocks and BRISQUE's shifted products about 40% (five latency-bound passes
 * per block, plus the product arrays), imresize about 10%, rgb2gray and copies the rest.
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
    double[][] cpu = new double[4][PASSES];
    double[][] wall = new double[4][PASSES];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass < PASSES; pass++) {
      for (int k = 0; k < 4; k++) {
        Metric m = k % 2 == 0 ? base[k / 2] : now[k / 2];
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (RgbImage i : images) {
          m.score(i, null);
        }
        wall[k][pass] = (System.nanoTime() - t0) / 1e6 / images.size();
        cpu[k][pass] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / images.size();
      }
    }
    double[] c = Arrays.stream(cpu).mapToDouble(NiqeBrisqueVersusBaseline::median).toArray();
    double[] w = Arrays.stream(wall).mapToDouble(NiqeBrisqueVersusBaseline::median).toArray();
    System.out.printf(Locale.ROOT, "%nniqe + brisque against the baseline (ms/image, median of %d interleaved passes,"
        + " one core; CPU time, wall time in brackets):%n", PASSES);
    System.out.printf(Locale.ROOT, "%-14s %18s %18s %8s%n", "metric", "baseline", "now", "ratio");
    String[] names = {"niqe", "brisque"};
    for (int m = 0; m < 2; m++) {
      System.out.printf(Locale.ROOT, "%-14s %8.2f (%7.2f) %8.2f (%7.2f) %7.2fx%n", names[m], c[2 * m], w[2 * m],
          c[2 * m + 1], w[2 * m + 1], c[2 * m] / c[2 * m + 1]);
    }
    double base2 = c[0] + c[2];
    double now2 = c[1] + c[3];
    System.out.printf(Locale.ROOT, "%-14s %8.2f (%7.2f) %8.2f (%7.2f) %7.2fx   (target: now <= %.0f ms/image at %.2f MP:"
        + " %s)%n", "niqe+brisque", base2, w[0] + w[2], now2, w[1] + w[3], base2 / now2, TARGET_MS, mp,
        now2 <= TARGET_MS ? "met" : "NOT met");
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
