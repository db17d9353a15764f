package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Above 200,000 pairs the starts are screened on a subsample; the result must be as good as trying all starts. */
class LargeFitTest {
  @Test
  void screenedStartsReachTheFullMultiStartOptimum() {
    int n = 250_000;
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 40 + 20 * r.nextDouble();
      y[i] = 5 - 4 / (1 + Math.exp(-(x[i] - 50) / 3)) + 0.3 * (r.nextDouble() - 0.5);
    }
    LogisticFit.Result screened = LogisticFit.fit(MappingFunction.LOGISTIC4, x, y);
    LogisticFit.Result all = LogisticFit.fit(MappingFunction.LOGISTIC4, x, y, MappingFunction.LOGISTIC4.starts(x, y));
    assertTrue(screened.converged());
    assertTrue(screened.sse() <= all.sse() * (1 + 1e-9), screened.sse() + " vs " + all.sse());
    assertEquals(all.plcc(), screened.plcc(), 1e-9);
    assertTrue(screened.plcc() > 0.99, "decreasing relation mapped: fitted PLCC " + screened.plcc());
  }
}
