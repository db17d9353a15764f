package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A group whose scores hold NaN, +Infinity and -Infinity (scripts/fixtures/make_nonfinite_fixtures.py):
 * SRCC and KRCC rank the infinities and leave NaN out, PLCC, the logistic fits and their intervals use the
 * finite pairs, all against SciPy as in {@link SciPyAgreementTest} (1e-9; fits reach SciPy's best SSE; Fisher
 * intervals 1e-12 with each statistic's own n); the bootstrap intervals are those of the kept pairs, exactly.
 */
class NonFiniteScoresTest {
  static List<StatsFixtures.Fixture> fixtures() {
    return StatsFixtures.nonFinite();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void statisticsEqualScipyOverTheScoresEachOneKeeps(StatsFixtures.Fixture f) {
    JsonNode e = f.expected();
    GroupStats s = GroupStats.of(f.x(), f.y(), null);
    assertEquals(e.get("n").asInt(), s.n());
    assertEquals(new NonFinite(e.get("nan").asLong(), e.get("pos_inf").asLong(), e.get("neg_inf").asLong()), s.nonFinite());
    assertEquals(e.get("srcc").asDouble(), s.srcc(), 1e-9, "spearmanr, NaN omitted, infinities ranked");
    assertEquals(e.get("krcc").asDouble(), s.krcc(), 1e-9, "kendalltau");
    assertEquals(e.get("plcc").asDouble(), s.plcc(), 1e-9, "pearsonr of the finite pairs");
    assertEquals(e.get("srcc_fisher").get(0).asDouble(), s.srccFisher().low(), 1e-12);
    assertEquals(e.get("srcc_fisher").get(1).asDouble(), s.srccFisher().high(), 1e-12);
    assertEquals(e.get("plcc_fisher").get(0).asDouble(), s.plccFisher().low(), 1e-12);
    assertEquals(e.get("plcc_fisher").get(1).asDouble(), s.plccFisher().high(), 1e-12);
    int nFinite = e.get("n_finite").asInt();
    for (LogisticFit.Result r : new LogisticFit.Result[] {s.fit4(), s.fit5()}) {
      assertNotNull(r);
      JsonNode fit = e.get(r.function());
      double scipySse = fit.get("sse").asDouble();
      assertTrue(r.sse() <= scipySse * (1 + 1e-9), r.function() + ": SSE " + r.sse() + " > SciPy's " + scipySse);
      // logistic-4 reaches curve_fit's optimum on both fixtures, so its fitted PLCC must agree; logistic-5 finds a
      // lower SSE than curve_fit on the ties fixture (116.04240 < 116.04287), where the PLCCs of two optima differ
      if (r.function().equals("logistic4") || Math.abs(r.sse() - scipySse) <= 1e-9 * scipySse) {
        assertEquals(fit.get("plcc").asDouble(), r.plcc(), 1e-6, r.function() + " fitted PLCC");
      }
      int d = r.params().length;
      assertEquals(Math.sqrt(r.sse() / (nFinite - d)), r.rmse(), 1e-12, "RMSE over the finite pairs, N - d");
    }
  }

  @Test
  void theReasonCountsWhatEachStatisticLeftOut() {
    StatsFixtures.Fixture f = fixtures().get(0);
    assertEquals("psnr_like", f.name());
    assertEquals("5 infinite score(s) (4 +Infinity, 1 -Infinity) ranked by SRCC/KRCC, left out of PLCC and the fits; "
        + "2 NaN score(s) left out of every statistic", GroupStats.of(f.x(), f.y(), null).reason());
    assertEquals(7, GroupStats.of(f.x(), f.y(), null).nonFinite().total());
  }

  @Test
  void bootstrapIntervalsResampleTheKeptPairs() {
    StatsFixtures.Fixture f = fixtures().get(0);
    Bootstrap b = new Bootstrap(200, 11);
    GroupStats s = GroupStats.of(f.x(), f.y(), b);
    double[][] ranked = keep(f, x -> !Double.isNaN(x));
    double[][] finite = keep(f, Double::isFinite);
    assertEquals(b.srccInterval(ranked[0], ranked[1]), s.srccCi());
    assertEquals(b.interval(finite[0], finite[1], Bootstrap::plcc), s.plccCi());
    assertEquals(b.interval(finite[0], finite[1], Bootstrap.fittedPlcc(MappingFunction.LOGISTIC4, s.fit4().params())),
        s.plcc4Ci());
    assertEquals(200, s.plccCi().valid());
  }

  @Test
  void tooFewFiniteScoresKeepTheRanksAndSayWhyPlccIsUndefined() {
    double inf = Double.POSITIVE_INFINITY;
    GroupStats s = GroupStats.of(new double[] {-inf, 1, 2, 3, inf, Double.NaN}, new double[] {0, 1, 2, 3, 4, 5}, null);
    assertEquals(1.0, s.srcc(), 1e-15);
    assertEquals(1.0, s.krcc(), 1e-15);
    assertNull(s.plcc());
    assertNull(s.fit4());
    assertEquals("PLCC and the fits undefined: n = 3 finite score(s) < 4; 2 infinite score(s) (1 +Infinity, "
        + "1 -Infinity) ranked by SRCC/KRCC, left out of PLCC and the fits; 1 NaN score(s) left out of every statistic",
        s.reason());
    GroupStats nanOnly = GroupStats.of(new double[] {Double.NaN, 1, 2, 3}, new double[] {1, 2, 3, 4}, null);
    assertNull(nanOnly.srcc());
    assertEquals("n = 3 non-NaN score(s) < 4; 1 NaN score(s) left out of every statistic", nanOnly.reason());
    GroupStats constantFinite = GroupStats.of(new double[] {2, 2, 2, 2, inf}, new double[] {1, 2, 3, 4, 5}, null);
    assertEquals("PLCC and the fits undefined: constant finite score; 1 infinite score(s) (1 +Infinity) ranked by "
        + "SRCC/KRCC, left out of PLCC and the fits", constantFinite.reason());
    assertNotNull(constantFinite.srcc());
  }

  private static double[][] keep(StatsFixtures.Fixture f, java.util.function.DoublePredicate p) {
    int[] idx = java.util.stream.IntStream.range(0, f.x().length).filter(i -> p.test(f.x()[i])).toArray();
    return new double[][] {Arrays.stream(idx).mapToDouble(i -> f.x()[i]).toArray(),
        Arrays.stream(idx).mapToDouble(i -> f.y()[i]).toArray()};
  }
}
