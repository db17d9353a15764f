package io.sparkiqa.jobs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkiqa.jobs.TestSupport;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SRCC, KRCC tau-b and PLCC against SciPy 1.17 (values written by scripts/fixtures/make_skeleton_fixtures.py). */
class CorrelationsTest {

  static Stream<String[]> vectors() {
    List<String[]> rows = TestSupport.csv("/stats/expected_corr.csv");
    return rows.stream();
  }

  private static double[] parse(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void equalsScipyTo1e9(String name, String srcc, String krcc, String plcc, String x, String y) {
    double[] a = parse(x);
    double[] b = parse(y);
    assertEquals(Double.parseDouble(srcc), Correlations.spearman(a, b), 1e-9, "spearmanr");
    assertEquals(Double.parseDouble(krcc), Correlations.kendallTauB(a, b), 1e-9, "kendalltau");
    assertEquals(Double.parseDouble(plcc), Correlations.pearson(a, b), 1e-9, "pearsonr");
  }

  @Test
  void theReferenceTiesVector() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {1, 2, 2, 4, 5};
    assertEquals(0.974679, Correlations.spearman(x, y), 5e-7);
    assertEquals(0.948683, Correlations.kendallTauB(x, y), 5e-7);
  }

  @Test
  void averageRanksShareTheMeanRank() {
    assertEquals(List.of(1.0, 2.5, 2.5, 4.0), Arrays.stream(Correlations.averageRanks(new double[] {1, 5, 5, 9})).boxed().toList());
  }

  @Test
  void signIsKeptForADecreasingRelation() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {9, 7, 5, 3, 1};
    assertEquals(-1.0, Correlations.spearman(x, y), 1e-15);
    assertEquals(-1.0, Correlations.kendallTauB(x, y), 1e-15);
    assertEquals(-1.0, Correlations.pearson(x, y), 1e-15);
  }

  @Test
  void degenerateGroupsGiveNullsWithAReason() {
    GroupStats small = GroupStats.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, null);
    assertNull(small.srcc());
    assertEquals("n = 3 < 4", small.reason());
    assertEquals("constant score", GroupStats.of(new double[] {2, 2, 2, 2}, new double[] {1, 2, 3, 4}, null).reason());
    assertEquals("constant mos", GroupStats.of(new double[] {1, 2, 3, 4}, new double[] {2, 2, 2, 2}, null).reason());
  }

  @Test
  void infiniteScoresKeepRankStatisticsAndLeavePlccNullBelowFourFinite() {
    GroupStats s = GroupStats.of(new double[] {1, 2, 3, Double.POSITIVE_INFINITY}, new double[] {1, 2, 3, 4}, null);
    assertEquals(1.0, s.srcc(), 1e-15);
    assertEquals(1.0, s.krcc(), 1e-15);
    assertNull(s.plcc());
    assertEquals("PLCC and the fits undefined: n = 3 finite score(s) < 4; 1 infinite score(s) (1 +Infinity) ranked "
        + "by SRCC/KRCC, left out of PLCC and the fits", s.reason());
  }
}
