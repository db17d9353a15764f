package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.data.statistics.HistogramDataset;
import org.junit.jupiter.api.Test;

/**
 * Per-group histograms bin the finite scores over their common range: a group with NaN or +/-Infinity keeps
 * its bars (before, the NaN range emptied every series), and a group with no finite score has no series.
 */
class HistogramChartTest {
  @Test
  void binsComeFromTheFiniteRange() {
    Map<String, double[]> groups = new LinkedHashMap<>();
    groups.put("gen-a", new double[] {1, 2, Double.NaN});
    groups.put("gen-b", new double[] {3, Double.POSITIVE_INFINITY, 4, Double.NEGATIVE_INFINITY});
    groups.put("gen-c", new double[] {Double.NaN});
    HistogramDataset d = HistogramChart.dataset(groups);
    assertEquals(2, d.getSeriesCount());
    assertEquals(2, total(d, 0));
    assertEquals(2, total(d, 1));
    assertEquals(1.0, d.getStartXValue(0, 0), 1e-12);
    assertEquals(4.0, d.getEndXValue(1, 29), 1e-12);
    HistogramChart.scores("niqe by generator", "niqe", groups, 320, 200);
  }

  private static int total(HistogramDataset d, int series) {
    int n = 0;
    for (int i = 0; i < d.getItemCount(series); i++) {
      n += d.getY(series, i).intValue();
    }
    return n;
  }
}
