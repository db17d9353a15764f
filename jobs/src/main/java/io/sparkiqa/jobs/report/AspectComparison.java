package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.stats.Correlations;
import io.sparkiqa.jobs.stats.GroupStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers of the quality-vs-aesthetics view, pure functions of {@link AspectScores}: per group and per (quality
 * model, aesthetics model) the SRCC of their direction-aligned scores over the images both scored finitely, and the
 * images whose quality and aesthetics percentiles differ most.
 */
final class AspectComparison {
  private AspectComparison() {
  }

  /** SRCC of one (quality, aesthetics) pair in one group; {@code srcc} null below {@link GroupStats#MIN_N} or constant. */
  record Agreement(String groupBy, String group, String quality, String aesthetics, int n, Double srcc) {
  }

  /**
   * One image's place by each aspect: the mean over that aspect's models of its percentile (1 = best of the images all
   * models scored, 0 = worst; average ranks for ties), and their difference quality - aesthetics.
   */
  record Disagreement(String imageId, String level, double quality, double aesthetics, Map<String, Double> scores) {
    double difference() {
      return quality - aesthetics;
    }
  }

  /**
   * Per group ({@code all}, then each of {@code groupBy}'s specs; {@code a+b} groups by the pair, a missing key is
   * {@code (none)}, as in evaluate) and per (quality, aesthetics) pair, in that order.
   *
   * @param lower model to lower_better: such a model's scores are negated before ranking
   */
  static List<Agreement> agreement(AspectScores s, List<String> groupBy, Map<String, Boolean> lower) {
    List<Agreement> out = new ArrayList<>();
    List<String> specs = new ArrayList<>(List.of("all"));
    specs.addAll(groupBy);
    for (String spec : specs) {
      Map<String, List<AspectScores.Image>> groups = new TreeMap<>();
      s.images().forEach(img -> groups.computeIfAbsent(group(spec, img.attrs()), g -> new ArrayList<>()).add(img));
      groups.forEach((g, images) -> {
        for (String q : s.models("quality")) {
          for (String a : s.models("aesthetics")) {
            out.add(pair(spec, g, q, a, images, lower));
          }
        }
      });
    }
    return out;
  }

  private static Agreement pair(String spec, String group, String q, String a, List<AspectScores.Image> images,
                                Map<String, Boolean> lower) {
    List<double[]> xy = new ArrayList<>();
    for (AspectScores.Image img : images) {
      Double x = img.scores().get(q);
      Double y = img.scores().get(a);
      if (x != null && y != null && Double.isFinite(x) && Double.isFinite(y)) {
        xy.add(new double[] {aligned(x, q, lower), aligned(y, a, lower)});
      }
    }
    double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
    double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
    Double srcc = x.length < GroupStats.MIN_N || Correlations.constant(x) || Correlations.constant(y) ? null
        : Correlations.spearman(x, y);
    return new Agreement(spec, group, q, a, x.length, srcc);
  }

  /**
   * The {@code k} images, of those every quality and aesthetics model scored finitely, whose quality and aesthetics
   * percentiles differ most (by |difference|, then image id).
   */
  static List<Disagreement> disagreement(AspectScores s, Map<String, Boolean> lower, int k) {
    List<String> quality = s.models("quality");
    List<String> aesthetics = s.models("aesthetics");
    List<String> all = new ArrayList<>(quality);
    all.addAll(aesthetics);
    List<AspectScores.Image> common = s.images().stream().filter(img -> all.stream()
        .allMatch(m -> img.scores().get(m) != null && Double.isFinite(img.scores().get(m)))).toList();
    int n = common.size();
    if (n < 2) {
      return List.of();
    }
    Map<String, double[]> pct = new LinkedHashMap<>();
    for (String m : all) {
      double[] ranks = Correlations.averageRanks(common.stream().mapToDouble(i -> aligned(i.scores().get(m), m, lower))
          .toArray());
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = (ranks[i] - 1) / (n - 1);
      }
      pct.put(m, p);
    }
    List<Disagreement> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AspectScores.Image img = common.get(i);
      out.add(new Disagreement(img.imageId(), img.level(), mean(pct, quality, i), mean(pct, aesthetics, i),
          img.scores()));
    }
    out.sort(Comparator.comparingDouble((Disagreement d) -> -Math.abs(d.difference()))
        .thenComparing(Disagreement::imageId).thenComparing(Disagreement::level));
    return out.subList(0, Math.min(k, n));
  }

  /** The groups by spec of the metrics rows, other than {@code all}, in first-seen order. */
  static List<String> groupBy(List<io.sparkiqa.jobs.evaluate.MetricRow> metrics) {
    Set<String> specs = new java.util.LinkedHashSet<>();
    metrics.stream().map(io.sparkiqa.jobs.evaluate.MetricRow::groupBy).filter(g -> !g.equals("all")).forEach(specs::add);
    return new ArrayList<>(specs);
  }

  private static String group(String spec, Map<String, String> attrs) {
    if (spec.equals("all")) {
      return "all";
    }
    List<String> parts = new ArrayList<>();
    for (String key : spec.split("\\+")) {
      String v = attrs.get(key);
      parts.add(v == null ? "(none)" : v);
    }
    return String.join("|", parts);
  }

  private static double aligned(double score, String model, Map<String, Boolean> lower) {
    return Boolean.TRUE.equals(lower.get(model)) ? -score : score;
  }

  private static double mean(Map<String, double[]> pct, List<String> models, int i) {
    return models.stream().mapToDouble(m -> pct.get(m)[i]).average().orElse(Double.NaN);
  }
}
