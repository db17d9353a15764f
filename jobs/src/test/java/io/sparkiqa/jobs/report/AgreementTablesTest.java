package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.evaluate.PairwiseRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's agreement tables: models ordered by direction-corrected SRCC, the other split and other groups left
 * out, the paired difference against the baseline turned to the model's side whichever side of the pairwise row it is
 * on (CI bounds swapped and negated), a p of 0 shown as below the two-sided resolution 2/B, and the per-generator SRCC grid.
 */
class AgreementTablesTest {
  private static MetricRow m(String model, String split, String groupBy, String group, long n, boolean lower,
                             double srcc, double krcc, double plcc4) {
    return new MetricRow(model, "agiqa3k", split, "image", groupBy, group, n, 0, 0, null, lower, srcc, srcc - 0.05,
        srcc + 0.05, krcc, null, null, null, plcc4, plcc4 - 0.04, plcc4 + 0.03, null, null, null, null, null, null,
        null, null, null, 1000, 7L, "agiqa3k-quality-0-5", "driver");
  }

  private static PairwiseRow p(String a, String b, double delta, double lo, double hi, double pBoot) {
    return new PairwiseRow(a, b, "agiqa3k", "test", "image", "all", "all", 667, 0.52, 0.56, delta, lo, hi, pBoot,
        1.5, 0.134, null, null, null, null, 1000, 7L);
  }

  private static final List<MetricRow> METRICS = List.of(
      m("niqe", "test", "all", "all", 667, true, -0.52, -0.36, 0.55),
      m("kodak_nr", "test", "all", "all", 667, false, 0.22, 0.15, 0.30),
      m("sharpness", "test", "all", "all", 667, false, 0.56, 0.39, 0.60),
      m("sharpness", "train", "all", "all", 2315, false, 0.9, 0.8, 0.9),
      m("niqe", "test", "generator", "glide", 67, true, -0.3, -0.2, 0.3),
      m("niqe", "test", "generator", "AttnGAN", 68, true, -0.1, -0.1, 0.2),
      m("sharpness", "test", "generator", "glide", 67, false, 0.45, 0.3, 0.5));

  @Test
  void overallTableWithPairedDifferencesAgainstTheBaseline() {
    List<PairwiseRow> pairs = List.of(
        p("niqe", "sharpness", -0.04, -0.09, 0.01, 0.12),
        p("kodak_nr", "niqe", -0.30, -0.40, -0.20, 0.0),
        p("kodak_nr", "sharpness", -0.34, -0.44, -0.24, 0.0));
    assertEquals(String.join("\n",
        "| model | direction | n | SRCC [95% CI] | KRCC | PLCC after logistic-4 [95% CI] | ΔSRCC vs niqe [95% CI] "
            + "| p (paired bootstrap) |",
        "|---|---|---:|---|---:|---|---|---:|",
        "| sharpness | higher-better | 667 | 0.560 [0.510, 0.610] | 0.390 | 0.600 [0.560, 0.630] "
            + "| 0.040 [-0.010, 0.090] | 0.120 |",
        "| niqe | lower-better | 667 | -0.520 [-0.570, -0.470] | -0.360 | 0.550 [0.510, 0.580] | — | — |",
        "| kodak_nr | higher-better | 667 | 0.220 [0.170, 0.270] | 0.150 | 0.300 [0.260, 0.330] "
            + "| -0.300 [-0.400, -0.200] | < 0.002 |", "",
        "Best against niqe: sharpness, direction-corrected SRCC 0.560 against 0.520; ΔSRCC 0.040 [-0.010, 0.090], "
            + "paired bootstrap p 0.120 (two-sided, B = 1000, seed 7); Williams' t p 0.134.", ""),
        AgreementTables.overall(METRICS, pairs, "test", "niqe"));
  }

  @Test
  void srccPerGeneratorWithItsN() {
    assertEquals(String.join("\n",
        "| model (SRCC) | AttnGAN (n = 68) | glide (n = 67) |",
        "|---|---:|---:|",
        "| niqe | -0.100 | -0.300 |",
        "| sharpness | — | 0.450 |", ""),
        AgreementTables.byGroup(METRICS, "test", "generator"));
  }
}
