package io.sparkiqa.jobs.audit;

import io.sparkiqa.jobs.stats.Bootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Per model x group: quantiles, the mean with a bootstrap CI, and the share of bad images (finite scores). */
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

  /** Scores of {@code model} per (group_by, group), in image order, "all" first. */
  static Map<List<String>, double[]> grouped(List<ScoreTable.Entry> entries) {
    return grouped(entries, java.util.Set.of());
  }

  /** As {@link #grouped(List)}, with an empty array for each of {@code others} that has no score. */
  static Map<List<String>, double[]> grouped(List<ScoreTable.Entry> entries, java.util.Set<List<String>> others) {
    Map<List<String>, List<Double>> g = new LinkedHashMap<>();
    for (ScoreTable.Entry e : entries) {
      e.groups().forEach((k, v) -> g.computeIfAbsent(List.of(k, v), x -> new ArrayList<>()).add(e.score()));
    }
    others.forEach(k -> g.computeIfAbsent(k, x -> new ArrayList<>()));
    Map<List<String>, double[]> out = new java.util.TreeMap<>((a, b) -> a.get(0).equals("all") != b.get(0).equals("all")
        ? (a.get(0).equals("all") ? -1 : 1) : (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
    g.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /**
   * One row per model and group, over the finite ok scores: {@code n} of them, {@code n_failed} failed rows and
   * {@code n_nonfinite} ok rows without a finite score (neither in the statistics); {@code reason} says what
   * was left out and why any statistic, the threshold or the share of bad images is null.
   */
  static List<Row> rows(ScoreTable t, Thresholds th, AuditOptions o) {
    List<Row> out = new ArrayList<>();
    Bootstrap b = new Bootstrap(o.bootstrap(), o.seed());
    for (String model : t.models()) {
      Thresholds.Rule rule = th.rule(model);
      List<ScoreTable.Entry> entries = t.byModel.getOrDefault(model, List.of());
      for (Map.Entry<List<String>, double[]> g : grouped(entries, t.unscoredGroups(model)).entrySet()) {
        String groupBy = g.getKey().get(0);
        String group = g.getKey().get(1);
        double[] x = g.getValue();
        long nonFinite = t.nonFinite(model, groupBy, group);
        List<String> why = new ArrayList<>();
        if (nonFinite > 0) {
          why.add(nonFinite + " ok score(s) not finite (NaN, +/-Infinity or empty) left out; not failures");
        }
        if (x.length == 0) {
          why.add("no finite score: no statistics");
        }
        if (rule == null) {
          why.add(th.whyNone(model));
        }
        Double share = rule == null || x.length == 0 ? null
            : Arrays.stream(x).filter(rule.bad()).count() / (double) x.length;
        Object[] stats = stats(x, b);
        out.add(RowFactory.create(model, groupBy, group, (long) x.length, t.failed(model, groupBy, group), nonFinite,
            o.directions().lowerBetter(model), stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6],
            stats[7], stats[8], stats[9], rule == null ? null : rule.threshold(), rule == null ? null : rule.source(),
            share, why.isEmpty() ? null : String.join("; ", why), o.bootstrap(), o.seed()));
      }
    }
    return out;
  }

  /** mean, its CI (low, high), min, p05, p25, p50, p75, p95, max; nulls without scores. */
  private static Object[] stats(double[] x, Bootstrap b) {
    if (x.length == 0) {
      return new Object[10];
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(x).sum() / x.length;
    Bootstrap.Interval ci = x.length < 2 ? new Bootstrap.Interval(null, null, 0)
        : b.interval(x, x, (a, ignored) -> Arrays.stream(a).sum() / a.length);
    double[] q = quantiles(sorted);
    return new Object[] {mean, ci.low(), ci.high(), sorted[0], q[0], q[1], q[2], q[3], q[4], sorted[sorted.length - 1]};
  }
}
