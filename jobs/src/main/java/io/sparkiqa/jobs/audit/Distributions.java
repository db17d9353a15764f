package io.sparkiqa.jobs.audit;

import io.sparkiqa.jobs.stats.Bootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Per model x group: quantiles, the mean with a bootstrap CI, and the share of bad images. */
final class Distributions {
  private Distributions() {
  }

  /** Quantile with linear interpolation between order statistics (numpy/pandas default, type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    return lo + 1 >= sorted.length ? sorted[sorted.length - 1] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  static double[] quantiles(double[] sorted) {
    return new double[] {quantile(sorted, 0.05), quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75),
        quantile(sorted, 0.95)};
  }

  /** Scores of {@code model} per (group_by, group), in image order. */
  static Map<List<String>, double[]> grouped(List<ScoreTable.Entry> entries) {
    Map<List<String>, List<Double>> g = new LinkedHashMap<>();
    for (ScoreTable.Entry e : entries) {
      e.groups().forEach((k, v) -> g.computeIfAbsent(List.of(k, v), x -> new ArrayList<>()).add(e.score()));
    }
    Map<List<String>, double[]> out = new java.util.TreeMap<>((a, b) -> a.get(0).equals("all") != b.get(0).equals("all")
        ? (a.get(0).equals("all") ? -1 : 1) : (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
    g.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  static List<Row> rows(ScoreTable t, Thresholds th, AuditOptions o) {
    List<Row> out = new ArrayList<>();
    Bootstrap b = new Bootstrap(o.bootstrap(), o.seed());
    for (Map.Entry<String, List<ScoreTable.Entry>> m : t.byModel.entrySet()) {
      String model = m.getKey();
      Thresholds.Rule rule = th.rule(model);
      for (Map.Entry<List<String>, double[]> g : grouped(m.getValue()).entrySet()) {
        double[] x = g.getValue();
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(x).sum() / x.length;
        Bootstrap.Interval ci = x.length < 2 ? new Bootstrap.Interval(null, null, 0)
            : b.interval(x, x, (a, ignored) -> Arrays.stream(a).sum() / a.length);
        double[] q = quantiles(sorted);
        Double share = rule == null ? null : Arrays.stream(x).filter(rule.bad()).count() / (double) x.length;
        out.add(RowFactory.create(model, g.getKey().get(0), g.getKey().get(1), (long) x.length,
            t.failed(model, g.getKey().get(0), g.getKey().get(1)), o.directions().lowerBetter(model), mean,
            ci.low(), ci.high(), sorted[0], q[0], q[1], q[2], q[3], q[4], sorted[sorted.length - 1],
            rule == null ? null : rule.threshold(), rule == null ? null : rule.source(), share, o.bootstrap(), o.seed()));
      }
    }
    return out;
  }
}
