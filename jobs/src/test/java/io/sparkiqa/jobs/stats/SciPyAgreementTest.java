package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pure-Java statistics against SciPy on real human-rating files (KonIQ-10k, FLIVE, AGIQA-3K) and
 * synthetic vectors (heavy ties, lower-better, NaNs, 1e6 + N(0, 1e-3)): SRCC, KRCC tau-b and PLCC to
 * 1e-9; logistic fits reach SciPy's best SSE from the same starts; Fisher-z intervals to 1e-12.
 */
class SciPyAgreementTest {

  static List<StatsFixtures.Fixture> fixtures() {
    return StatsFixtures.nonDegenerate();
  }

  static List<StatsFixtures.Fixture> degenerate() {
    return StatsFixtures.all().stream().filter(StatsFixtures.Fixture::degenerate).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void correlationsEqualScipy(StatsFixtures.Fixture f) {
    JsonNode e = f.expected();
    assertEquals(e.get("n").asInt(), f.x().length);
    assertEquals(e.get("srcc").asDouble(), Correlations.spearman(f.x(), f.y()), 1e-9, "spearmanr");
    assertEquals(e.get("krcc").asDouble(), Correlations.kendallTauB(f.x(), f.y()), 1e-9, "kendalltau");
    assertEquals(e.get("plcc").asDouble(), Correlations.pearson(f.x(), f.y()), 1e-9, "pearsonr");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fitsReachScipysBestSse(StatsFixtures.Fixture f) {
    for (MappingFunction m : new MappingFunction[] {MappingFunction.LOGISTIC4, MappingFunction.LOGISTIC5}) {
      JsonNode e = f.expected().get(m.name());
      LogisticFit.Result r = LogisticFit.fit(m, f.x(), f.y());
      assertNotNull(r, m.name());
      double scipySse = e.get("sse").asDouble();
      assertTrue(r.sse() <= scipySse * (1 + 1e-9), m.name() + ": SSE " + r.sse() + " > SciPy's " + scipySse);
      if (Math.abs(r.sse() - scipySse) <= 1e-9 * scipySse) {
        assertEquals(e.get("plcc").asDouble(), r.plcc(), 1e-6, m.name() + " fitted PLCC");
      }
      assertEquals(Math.sqrt(r.sse() / (f.x().length - m.parameters())), r.rmse(), 1e-12, "RMSE divides by N - d");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fisherIntervalsEqualTheFormula(StatsFixtures.Fixture f) {
    JsonNode e = f.expected();
    int n = f.x().length;
    Intervals.Interval s = Intervals.spearmanFhp(e.get("srcc").asDouble(), n);
    assertEquals(e.get("srcc_fisher").get(0).asDouble(), s.low(), 1e-12);
    assertEquals(e.get("srcc_fisher").get(1).asDouble(), s.high(), 1e-12);
    Intervals.Interval p = Intervals.pearson(e.get("plcc").asDouble(), n);
    assertEquals(e.get("plcc_fisher").get(0).asDouble(), p.low(), 1e-12);
    assertEquals(e.get("plcc_fisher").get(1).asDouble(), p.high(), 1e-12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("degenerate")
  void degenerateFixturesGiveNullsWithAReason(StatsFixtures.Fixture f) {
    GroupStats s = GroupStats.of(f.x(), f.y(), new Bootstrap(10, 1));
    assertNull(s.srcc());
    assertNull(s.krcc());
    assertNull(s.plcc());
    assertNull(s.fit4());
    assertNotNull(s.reason());
  }

  @Test
  void aLowerBetterRelationKeepsItsSignAndFitsDecreasing() {
    StatsFixtures.Fixture f = StatsFixtures.all().stream().filter(x -> x.name().equals("synthetic_lower_better"))
        .findFirst().orElseThrow();
    GroupStats s = GroupStats.of(f.x(), f.y(), new Bootstrap(200, 7));
    assertTrue(s.srcc() < -0.9, "signed SRCC " + s.srcc());
    assertTrue(s.plcc() < -0.9);
    assertTrue(s.fit4().plcc() > 0.9, "fitted PLCC is the correlation of f(x) with y, positive once mapped");
    assertTrue(s.srccCi().low() < s.srcc() && s.srcc() < s.srccCi().high());
  }
}
