package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DependentCorrelationsTest {
  @Test
  void williamsReferenceVector() {
    DependentCorrelations.Test t = DependentCorrelations.williams(0.80, 0.72, 0.89, 26);
    assertEquals(1.3607, t.statistic(), 5e-5);
    assertEquals(0.1868, t.p(), 5e-5);
  }

  @Test
  void steigerReferenceVector() {
    DependentCorrelations.Test z = DependentCorrelations.steiger(0.80, 0.72, 0.89, 26);
    assertEquals(1.3196, z.statistic(), 5e-5);
    assertEquals(0.1870, z.p(), 5e-5);
  }

  @Test
  void holmStepDownIsMonotoneAndSkipsNaN() {
    double[] adj = DependentCorrelations.holm(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
    assertArrayEquals(new double[] {0.03, 0.06, Double.NaN, 0.06, 0.02}, adj, 1e-15);
    assertArrayEquals(new double[] {1.0}, DependentCorrelations.holm(new double[] {1.0}), 0);
  }

  @Test
  void fisherWidthOfTheKoniqExample() {
    Intervals.Interval ci = Intervals.spearmanFhp(0.90, 2015);
    assertEquals(0.891, ci.low(), 5e-4);
    assertEquals(0.908, ci.high(), 5e-4);
  }
}
