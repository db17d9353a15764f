package io.sparkiqa.jobs.evaluate;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.stats.Bootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Regroups the driver's rows by group without model, and compares the models of each group pairwise, with each
 * model's scores and a lower-better MOS (DMOS) negated, so every SRCC it reports is direction-corrected. A NaN
 * score leaves its image out of that model's comparisons (as an image it did not score); +/-Infinity is
 * ranked, as in SRCC.
 */
final class PairwiseTable {
  private PairwiseTable() {
  }

  /**
   * @param mosLower per metrics key, whether its MOS is lower = better (a DMOS): its MOS is negated so that the
   *                 pairwise SRCCs are direction-corrected for the human scale as well as for each model
   */
  static List<PairwiseRow> build(Map<MetricRow.Key, List<Row>> driverRows, Bootstrap bootstrap, Directions directions,
                                 Map<MetricRow.Key, Boolean> mosLower) {
    Map<MetricRow.Key, List<Pairwise.ModelPoints>> byGroup = new LinkedHashMap<>();
    for (Map.Entry<MetricRow.Key, List<Row>> e : driverRows.entrySet()) {
      MetricRow.Key k = e.getKey();
      MetricRow.Key group = new MetricRow.Key("", k.dataset(), k.split(), k.level(), k.groupBy(), k.group());
      TreeMap<String, double[]> points = new TreeMap<>();
      double ySign = Boolean.TRUE.equals(mosLower.get(k)) ? -1 : 1;
      for (Row r : e.getValue()) {
        Double x = r.getAs("x");
        if (x != null && !x.isNaN()) { // NaN cannot be ranked; +/-Infinity can
          points.put(r.getAs("image_id"), new double[] {x, ySign * r.<Double>getAs("y")});
        }
      }
      boolean lower = directions.lowerBetter(k.model());
      byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(new Pairwise.ModelPoints(k.model(), lower, points));
    }
    List<PairwiseRow> out = new ArrayList<>();
    byGroup.forEach((g, models) -> {
      models.sort((a, b) -> a.model().compareTo(b.model()));
      out.addAll(Pairwise.compare(g, models, bootstrap));
    });
    return out;
  }
}
