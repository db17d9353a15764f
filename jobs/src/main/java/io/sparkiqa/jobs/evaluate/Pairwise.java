package io.sparkiqa.jobs.evaluate;

import io.sparkiqa.jobs.stats.Bootstrap;
import io.sparkiqa.jobs.stats.Correlations;
import io.sparkiqa.jobs.stats.DependentCorrelations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paired comparisons of every two models scored on the same images of a group: paired bootstrap of
 * the direction-corrected delta SRCC (CI and p), Williams' t and Steiger's Z, then Holm's adjustment of
 * the bootstrap p-values across all pairs of the group. See {@link PairwiseRow}.
 */
public final class Pairwise {
  private Pairwise() {
  }

  /** One model's pairs in a group: image key -> (score, mos), in a stable order. */
  public record ModelPoints(String model, boolean lowerBetter, TreeMap<String, double[]> byImage) {
  }

  /** Compares all pairs of {@code models} (same group); returns rows with {@code p_holm} filled. */
  public static List<PairwiseRow> compare(MetricRow.Key group, List<ModelPoints> models, Bootstrap bootstrap) {
    List<PairwiseRow> rows = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      for (int j = i + 1; j < models.size(); j++) {
        rows.add(pair(group, models.get(i), models.get(j), bootstrap));
      }
    }
    double[] p = rows.stream().mapToDouble(r -> r.pBootstrap() == null ? Double.NaN : r.pBootstrap()).toArray();
    double[] holm = DependentCorrelations.holm(p);
    List<PairwiseRow> out = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      out.add(rows.get(k).withHolm(Double.isNaN(holm[k]) ? null : holm[k]));
    }
    return out;
  }

  static PairwiseRow pair(MetricRow.Key g, ModelPoints a, ModelPoints b, Bootstrap bootstrap) {
    Map<String, double[]> common = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : a.byImage().entrySet()) {
      double[] other = b.byImage().get(e.getKey());
      if (other != null) {
        common.put(e.getKey(), new double[] {orient(a, e.getValue()[0]), orient(b, other[0]), e.getValue()[1]});
      }
    }
    int n = common.size();
    double[] xa = new double[n];
    double[] xb = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (double[] v : common.values()) {
      xa[k] = v[0];
      xb[k] = v[1];
      y[k++] = v[2];
    }
    String reason = null;
    if (n < 4) {
      reason = "n = " + n + " < 4 images scored by both";
    } else if (Correlations.constant(xa) || Correlations.constant(xb) || Correlations.constant(y)) {
      reason = "constant column";
    }
    if (reason != null) {
      return new PairwiseRow(a.model(), b.model(), g.dataset(), g.split(), g.level(), g.groupBy(), g.group(), n,
          null, null, null, null, null, null, null, null, null, null, null, reason, bootstrap.replicates(), bootstrap.seed());
    }
    double ra = Correlations.spearman(xa, y);
    double rb = Correlations.spearman(xb, y);
    double rab = Correlations.spearman(xa, xb);
    Bootstrap.Difference d = bootstrap.srccDifference(xa, xb, y);
    Double wt = null;
    Double wp = null;
    Double sz = null;
    Double sp = null;
    if (n > 3 && Math.abs(rab) < 1) {
      DependentCorrelations.Test w = DependentCorrelations.williams(ra, rb, rab, n);
      DependentCorrelations.Test s = DependentCorrelations.steiger(ra, rb, rab, n);
      wt = w.statistic();
      wp = w.p();
      sz = s.statistic();
      sp = s.p();
    } else {
      reason = "the two models rank the images identically: Williams and Steiger undefined";
    }
    return new PairwiseRow(a.model(), b.model(), g.dataset(), g.split(), g.level(), g.groupBy(), g.group(), n, ra, rb,
        ra - rb, d.low(), d.high(), d.p(), wt, wp, sz, sp, null, reason, bootstrap.replicates(), bootstrap.seed());
  }

  private static double orient(ModelPoints m, double score) {
    return m.lowerBetter() ? -score : score;
  }
}
