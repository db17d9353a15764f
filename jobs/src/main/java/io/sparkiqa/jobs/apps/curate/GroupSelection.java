package io.sparkiqa.jobs.apps.curate;

import io.sparkiqa.jobs.stats.Wilcoxon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The selection within one group: rank-normalise each weighted metric over the group's eligible rows (average ranks
 * by the metric's direction, scaled to [0, 1], 1 = best; a lone row scores 1), combine them by weight, then pick the
 * best {@code k} in combined order, skipping a candidate within the Hamming threshold of an earlier pick (a
 * near-duplicate). Near-duplicate clusters are the connected components of "within the threshold", found with a
 * {@link HammingIndex} (not by comparing every pair) and named after their best-ranked member.
 */
public final class GroupSelection {
  /** One candidate: its scores and hash (null: unreadable). */
  public record Candidate(String imageId, String level, String uri, Map<String, Double> scores, Long hash,
                          String hashError) {
  }

  /**
   * One row of {@code selection/}: status {@code picked}, {@code duplicate} (near a pick: {@code duplicateOf}),
   * {@code not_picked} or {@code failed} ({@code reason}).
   */
  public record Selected(Candidate c, String status, Integer pick, Integer rank, Double combined, String duplicateOf,
                         String cluster, Integer clusterSize, String reason) {
  }

  private GroupSelection() {
  }

  public static List<Selected> select(List<Candidate> rows, CurateOptions o) {
    List<Selected> out = new ArrayList<>();
    List<Candidate> ok = new ArrayList<>();
    for (Candidate c : rows) {
      String missing = o.weights().keySet().stream().filter(m -> !c.scores().containsKey(m)).sorted().findFirst()
          .orElse(null);
      if (missing != null) {
        out.add(new Selected(c, "failed", null, null, null, null, null, null, "no score of " + missing));
      } else {
        ok.add(c);
      }
    }
    double[] combined = combine(ok, o);
    Integer[] order = new Integer[ok.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -combined[i])
        .thenComparing(i -> ok.get(i).imageId()));
    String[] cluster = new String[ok.size()];
    int[] size = new int[ok.size()];
    clusters(ok, order, o.dupThreshold(), cluster, size);
    HammingIndex picked = new HammingIndex(o.dupThreshold());
    List<String> indexed = new ArrayList<>();
    int picks = 0;
    for (int rank = 0; rank < order.length; rank++) {
      int i = order[rank];
      Candidate c = ok.get(i);
      List<Integer> near = c.hash() == null ? List.of() : picked.near(c.hash());
      String status;
      Integer pick = null;
      String dupOf = near.isEmpty() ? null : indexed.get(near.get(0));
      if (dupOf != null) {
        status = "duplicate";
      } else if (picks < o.k()) {
        status = "picked";
        pick = ++picks;
        if (c.hash() != null) {
          picked.add(c.hash());
          indexed.add(c.imageId());
        }
      } else {
        status = "not_picked";
      }
      out.add(new Selected(c, status, pick, rank + 1, combined[i], dupOf, cluster[i], size[i],
          c.hash() == null ? c.hashError() : null));
    }
    return out;
  }

  /** Per row, the weighted mean of its rank-normalised scores. */
  static double[] combine(List<Candidate> ok, CurateOptions o) {
    double[] sum = new double[ok.size()];
    double weights = 0;
    for (Map.Entry<String, Double> w : o.weights().entrySet()) {
      boolean lower = o.lowerBetter().get(w.getKey());
      double[] good = ok.stream().mapToDouble(c -> lower ? -c.scores().get(w.getKey()) : c.scores().get(w.getKey()))
          .toArray();
      double[] r = Wilcoxon.averageRanks(good);
      for (int i = 0; i < r.length; i++) {
        sum[i] += w.getValue() * (r.length == 1 ? 1 : (r[i] - 1) / (r.length - 1));
      }
      weights += w.getValue();
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= weights;
    }
    return sum;
  }

  /** Union-find over near pairs; each component named after its best-ranked member. */
  static void clusters(List<Candidate> ok, Integer[] order, int threshold, String[] name, int[] size) {
    int n = ok.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    HammingIndex idx = new HammingIndex(threshold);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long h = ok.get(i).hash();
      if (h == null) {
        continue;
      }
      for (int j : idx.near(h)) {
        union(parent, i, ids.get(j));
      }
      idx.add(h);
      ids.add(i);
    }
    Map<Integer, String> best = new HashMap<>();
    Map<Integer, Integer> count = new HashMap<>();
    for (int i : order) {
      int root = find(parent, i);
      best.putIfAbsent(root, ok.get(i).imageId());
      count.merge(root, 1, Integer::sum);
    }
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      name[i] = best.get(root);
      size[i] = count.get(root);
    }
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private static void union(int[] p, int a, int b) {
    p[find(p, a)] = find(p, b);
  }
}
