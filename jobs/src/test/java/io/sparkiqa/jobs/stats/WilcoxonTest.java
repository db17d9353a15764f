package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Wilcoxon} against SciPy 1.17.1: {@code scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False)}
 * (method 'auto') on the same differences, one case per branch SciPy's 'auto' takes. Exact and permutation p-values
 * are sums of 1/2^n terms (equal to the last bits); the normal ones go through erfc, so 1e-12 relative.
 */
class WilcoxonTest {
  @Test
  void exactWithoutTiesUpToFifty() {
    check(new double[] {0.31, -0.12, 0.55, 0.72, 0.08, 0.91, -0.27, 0.44, 0.63, 0.19}, 6.0, 0.02734375, "exact");
    double[] d30 = IntStream.range(0, 30).mapToDouble(i -> (i + 1) * 0.01 * (i % 4 == 0 ? -1 : 1)).toArray();
    check(d30, 120.0, 0.019660815596580505, "exact");
  }

  @Test
  void tiesAndZerosInASmallSampleEnumerateEverySignFlip() {
    check(new double[] {1.0, 2.0, 2.0, -1.0, 0.0, 3.0, 0.5, -0.5, 4.0}, 5.0, 0.078125, "permutation");
  }

  @Test
  void tiesAboveThirteenAndAnySampleAboveFiftyUseTheNormalApproximation() {
    double[] ties = IntStream.range(0, 30).mapToDouble(i -> (i % 5) - 1).toArray();
    check(ties, 39.0, 0.001235088443715897, "normal");
    double[] d80 = IntStream.range(0, 80).mapToDouble(i -> (i + 1) * 0.01 * (i % 3 == 0 ? -1 : 1)).toArray();
    check(d80, 1080.0, 0.009597730259088895, "normal");
  }

  @Test
  void allZeroDifferencesHaveNoTest() {
    Wilcoxon.Result r = Wilcoxon.test(new double[] {0, 0, 0});
    assertTrue(Double.isNaN(r.p()));
    assertEquals(0, r.nonZero());
  }

  private static void check(double[] d, double statistic, double p, String method) {
    Wilcoxon.Result r = Wilcoxon.test(d);
    assertEquals(method, r.method());
    assertEquals(statistic, r.statistic(), 0);
    assertEquals(p, r.p(), method.equals("normal") ? 1e-12 * p : 1e-15);
  }
}
