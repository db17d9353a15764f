package io.sparkiqa.jobs.audit;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.stats.Correlations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Agreement between models across the corpus: the SRCC matrix over the images each pair scored, and the
 * disagreement sample: images scored by every model whose direction-aligned percentile ranks (1 = best
 * by that model) spread the most, for human review.
 */
final class Agreement {
  private Agreement() {
  }

  static List<Row> matrix(ScoreTable t, Directions d) {
    List<Row> out = new ArrayList<>();
    List<String> models = new ArrayList<>(t.byModel.keySet());
    for (String a : models) {
      for (String b : models) {
        Map<String, Double> sa = t.scoresOf(a);
        Map<String, Double> sb = t.scoresOf(b);
        List<String> common = sa.keySet().stream().filter(sb::containsKey).sorted().toList();
        double[] x = common.stream().mapToDouble(sa::get).toArray();
        double[] y = common.stream().mapToDouble(sb::get).toArray();
        Double srcc = common.size() < 3 || Correlations.constant(x) || Correlations.constant(y) ? null
            : Correlations.spearman(x, y);
        boolean same = d.lowerBetter(a) == d.lowerBetter(b);
        out.add(RowFactory.create(a, b, (long) common.size(), srcc, srcc == null ? null : same ? srcc : -srcc));
      }
    }
    return out;
  }

  /** Rows without thumbnails (added by the caller): rank, image_id, uri, spread, best_by, worst_by, maps. */
  static List<Object[]> disagreement(ScoreTable t, int k, Directions d) {
    List<String> models = new ArrayList<>(t.byModel.keySet());
    if (models.size() < 2) {
      return List.of();
    }
    Map<String, Map<String, Double>> pct = new LinkedHashMap<>();
    Map<String, String> uris = new HashMap<>();
    for (String m : models) {
      List<ScoreTable.Entry> e = t.byModel.get(m);
      double[] r = Correlations.averageRanks(e.stream().mapToDouble(ScoreTable.Entry::score).toArray());
      boolean lower = d.lowerBetter(m);
      Map<String, Double> p = new HashMap<>();
      for (int i = 0; i < r.length; i++) {
        double u = r.length == 1 ? 0.5 : (r[i] - 1) / (r.length - 1);
        p.put(e.get(i).imageId(), lower ? 1 - u : u);
        uris.put(e.get(i).imageId(), e.get(i).uri());
      }
      pct.put(m, p);
    }
    List<Object[]> rows = new ArrayList<>();
    for (String id : uris.keySet()) {
      if (!models.stream().allMatch(m -> pct.get(m).containsKey(id))) {
        continue;
      }
      String best = models.get(0);
      String worst = models.get(0);
      Map<String, Double> p = new LinkedHashMap<>();
      Map<String, Double> s = new LinkedHashMap<>();
      for (String m : models) {
        p.put(m, pct.get(m).get(id));
        s.put(m, t.scoresOf(m).get(id));
        best = p.get(m) > p.get(best) ? m : best;
        worst = p.get(m) < p.get(worst) ? m : worst;
      }
      rows.add(new Object[] {id, uris.get(id), p.get(best) - p.get(worst), best, worst, p, s});
    }
    rows.sort((a, b) -> a[2].equals(b[2]) ? ((String) a[0]).compareTo((String) b[0]) : Double.compare((double) b[2], (double) a[2]));
    return rows.subList(0, Math.min(k, rows.size()));
  }
}
