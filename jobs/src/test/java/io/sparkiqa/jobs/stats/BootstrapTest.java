package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {
  private static StatsFixtures.Fixture fixture(String name) {
    return StatsFixtures.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void fastRankPathEqualsTheGenericOneReplicateForReplicate() {
    StatsFixtures.Fixture f = fixture("synthetic_heavy_ties");
    Bootstrap b = new Bootstrap(300, 99);
    Bootstrap.Interval fast = b.srccInterval(f.x(), f.y());
    Bootstrap.Interval slow = b.interval(f.x(), f.y(), Bootstrap::srcc);
    assertEquals(slow.low(), fast.low(), 1e-12);
    assertEquals(slow.high(), fast.high(), 1e-12);
    assertEquals(slow.valid(), fast.valid());
  }

  @Test
  void sameSeedSameIntervalOtherSeedAnother() {
    StatsFixtures.Fixture f = fixture("koniq_test_sd_vs_mos");
    Bootstrap.Interval a = new Bootstrap(200, 5).srccInterval(f.x(), f.y());
    Bootstrap.Interval b = new Bootstrap(200, 5).srccInterval(f.x(), f.y());
    Bootstrap.Interval c = new Bootstrap(200, 6).srccInterval(f.x(), f.y());
    assertEquals(a, b);
    assertNotEquals(a.low(), c.low());
    double srcc = Correlations.spearman(f.x(), f.y());
    assertTrue(a.low() < srcc && srcc < a.high());
  }

  @Test
  void pairedDifferenceOfAModelWithItselfIsZero() {
    StatsFixtures.Fixture f = fixture("synthetic_lower_better");
    Bootstrap.Difference d = new Bootstrap(200, 3).srccDifference(f.x(), f.x(), f.y());
    assertEquals(0.0, d.low());
    assertEquals(0.0, d.high());
    assertEquals(1.0, d.p());
  }

  @Test
  void pairedDifferenceDetectsABetterModel() {
    StatsFixtures.Fixture f = fixture("koniq_mos100_vs_acr");
    double[] worse = f.x().clone();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < worse.length; i++) {
      worse[i] += 15 * r.nextGaussian();
    }
    Bootstrap.Difference d = new Bootstrap(500, 11).srccDifference(f.x(), worse, f.y());
    assertTrue(d.low() > 0, "CI excludes 0: " + d);
    assertTrue(d.p() < 0.01);
  }

  @Test
  void tooFewValidReplicatesGiveNoInterval() {
    Bootstrap.Interval i = new Bootstrap(100, 1).srccInterval(new double[] {1, 1, 1, 1, 2}, new double[] {1, 2, 3, 4, 5});
    assertTrue(i.valid() < 100);
    if (i.valid() * 2 < 100) {
      assertNull(i.low());
    }
  }
}
