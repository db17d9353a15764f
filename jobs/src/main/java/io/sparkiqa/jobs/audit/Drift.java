package io.sparkiqa.jobs.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Drift against a previous audit: per model x group present in both, the shift of the 5/25/50/75/95th
 * percentiles (current minus baseline) and the two-sample Kolmogorov-Smirnov test (Commons Math: exact
 * p-value for small samples, the asymptotic distribution for large ones).
 */
final class Drift {
  private Drift() {
  }

  static List<Row> rows(ScoreTable current, ScoreTable baseline, String baselineUri) {
    List<Row> out = new ArrayList<>();
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    for (String model : current.byModel.keySet()) {
      if (!baseline.byModel.containsKey(model)) {
        continue;
      }
      Map<List<String>, double[]> base = Distributions.grouped(baseline.byModel.get(model));
      for (Map.Entry<List<String>, double[]> g : Distributions.grouped(current.byModel.get(model)).entrySet()) {
        double[] b = base.get(g.getKey());
        if (b == null) {
          continue;
        }
        double[] x = g.getValue().clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double[] qx = Distributions.quantiles(x);
        double[] qy = Distributions.quantiles(y);
        boolean testable = x.length >= 2 && y.length >= 2;
        out.add(RowFactory.create(model, g.getKey().get(0), g.getKey().get(1), (long) x.length, (long) y.length,
            qx[0] - qy[0], qx[1] - qy[1], qx[2] - qy[2], qx[3] - qy[3], qx[4] - qy[4],
            testable ? ks.kolmogorovSmirnovStatistic(x, y) : null, testable ? ks.kolmogorovSmirnovTest(x, y) : null,
            baselineUri));
      }
    }
    return out;
  }
}
