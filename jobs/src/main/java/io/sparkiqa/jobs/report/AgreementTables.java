package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.evaluate.PairwiseRow;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Markdown tables of human agreement from an evaluate output's {@code metrics/} and {@code pairwise/}, as the
 * README takes them (scripts/agiqa3k_agreement.sh prints them): per model on one split, SRCC, KRCC and PLCC after
 * the logistic-4 fit with their bootstrap CIs and the paired bootstrap of the direction-corrected SRCC difference
 * against a baseline; then SRCC per value of one {@code --group-by} column.
 *
 * <pre>{@code
 * java -cp ... io.sparkiqa.jobs.report.AgreementTables out/agiqa3k/run test niqe generator
 * }</pre>
 */
public final class AgreementTables {
  private AgreementTables() {
  }

  /** Prints both tables for the evaluate output {@code args[0]}, split {@code args[1]}, baseline, group-by column. */
  public static void main(String[] args) {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: AgreementTables EVALUATE_OUT SPLIT BASELINE GROUP_BY");
    }
    SparkSession s = SparkSession.builder().master("local[1]").appName("agreement tables")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      List<MetricRow> m = s.read().parquet(args[0] + "/metrics").collectAsList().stream().map(MetricRow::fromRow).toList();
      List<PairwiseRow> p = s.read().parquet(args[0] + "/pairwise").collectAsList().stream().map(PairwiseRow::fromRow).toList();
      System.out.print(overall(m, p, args[1], args[2]) + "\n" + byGroup(m, args[1], args[3]));
    } finally {
      s.stop();
    }
  }

  /**
   * One row per model of the whole {@code split} (best direction-corrected SRCC first): direction, n, SRCC [CI], KRCC,
   * PLCC after logistic-4 [CI], and the paired bootstrap of SRCC(model) - SRCC(baseline), both direction-corrected;
   * then one sentence on the best model other than the baseline against it.
   */
  static String overall(List<MetricRow> metrics, List<PairwiseRow> pairwise, String split, String baseline) {
    List<MetricRow> rows = metrics.stream()
        .filter(r -> r.groupBy().equals("all") && Objects.equals(r.split(), split) && r.srcc() != null)
        .sorted(Comparator.comparingDouble(AgreementTables::corrected).reversed().thenComparing(MetricRow::model))
        .toList();
    StringBuilder s = new StringBuilder("| model | direction | n | SRCC [95% CI] | KRCC | PLCC after logistic-4 [95% CI] | ")
        .append("ΔSRCC vs ").append(baseline).append(" [95% CI] | p (paired bootstrap) |\n|---|---|---:|---|---:|---|---|---:|\n");
    for (MetricRow r : rows) {
      PairwiseRow p = r.model().equals(baseline) ? null : pair(pairwise, r, baseline);
      s.append("| ").append(r.model()).append(" | ").append(r.lowerBetter() ? "lower-better" : "higher-better")
          .append(" | ").append(r.n()).append(" | ").append(withCi(r.srcc(), r.srccCiLow(), r.srccCiHigh()))
          .append(" | ").append(f(r.krcc())).append(" | ")
          .append(withCi(r.plccLogistic4(), r.plccLogistic4CiLow(), r.plccLogistic4CiHigh())).append(" | ")
          .append(p == null ? "—" : delta(p, r.model())).append(" | ").append(p == null ? "—" : pValue(p)).append(" |\n");
    }
    MetricRow best = rows.stream().filter(r -> !r.model().equals(baseline)).findFirst().orElse(null);
    PairwiseRow p = best == null ? null : pair(pairwise, best, baseline);
    if (p != null && p.deltaSrcc() != null) {
      s.append("\nBest against ").append(baseline).append(": ").append(best.model()).append(", direction-corrected SRCC ")
          .append(f(corrected(best))).append(" against ").append(f(p.modelA().equals(baseline) ? p.srccA() : p.srccB()))
          .append("; ΔSRCC ").append(delta(p, best.model())).append(", paired bootstrap p ").append(pValue(p))
          .append(" (two-sided, B = ").append(p.bootstrapB()).append(", seed ").append(p.seed()).append(")")
          .append(p.pWilliams() == null ? "" : "; Williams' t p " + String.format(Locale.ROOT, "%.3g", p.pWilliams()))
          .append(".\n");
    }
    return s.toString();
  }

  /** SRCC per model (rows) and value of {@code groupBy} (columns, with their n), on {@code split}. */
  static String byGroup(List<MetricRow> metrics, String split, String groupBy) {
    TreeMap<String, TreeMap<String, MetricRow>> byModel = new TreeMap<>();
    TreeMap<String, Long> groups = new TreeMap<>(); // group -> the largest n of any model in it
    for (MetricRow r : metrics) {
      if (r.groupBy().equals(groupBy) && Objects.equals(r.split(), split)) {
        byModel.computeIfAbsent(r.model(), k -> new TreeMap<>()).put(r.group(), r);
        groups.merge(r.group(), r.n(), Math::max);
      }
    }
    StringBuilder s = new StringBuilder("| model (SRCC) |");
    groups.forEach((g, n) -> s.append(' ').append(g).append(" (n = ").append(n).append(") |"));
    s.append("\n|---|").append("---:|".repeat(groups.size())).append('\n');
    byModel.forEach((model, cells) -> {
      s.append("| ").append(model).append(" |");
      groups.keySet().forEach(g -> s.append(' ').append(cells.containsKey(g) ? f(cells.get(g).srcc()) : "—").append(" |"));
      s.append('\n');
    });
    return s.toString();
  }

  private static double corrected(MetricRow r) {
    return r.lowerBetter() ? -r.srcc() : r.srcc();
  }

  private static PairwiseRow pair(List<PairwiseRow> pairwise, MetricRow r, String baseline) {
    return pairwise.stream().filter(p -> p.groupBy().equals("all") && Objects.equals(p.split(), r.split())
            && Objects.equals(p.dataset(), r.dataset()) && p.level().equals(r.level())
            && (p.modelA().equals(r.model()) && p.modelB().equals(baseline)
            || p.modelA().equals(baseline) && p.modelB().equals(r.model())))
        .findFirst().orElse(null);
  }

  /** SRCC(model) - SRCC(other) with its CI, whichever side of the pairwise row the model is on. */
  private static String delta(PairwiseRow p, String model) {
    if (p.deltaSrcc() == null) {
      return "—";
    }
    boolean forward = p.modelA().equals(model);
    return withCi(forward ? p.deltaSrcc() : -p.deltaSrcc(), forward ? p.deltaCiLow() : neg(p.deltaCiHigh()),
        forward ? p.deltaCiHigh() : neg(p.deltaCiLow()));
  }

  private static String pValue(PairwiseRow p) {
    if (p.pBootstrap() == null) {
      return "—";
    }
    // two-sided: 2 x the smaller share of replicates on one side of 0, so 0 means below the resolution 2 / B
    return p.pBootstrap() == 0 && p.bootstrapB() != null ? "< " + java.math.BigDecimal.valueOf(2.0 / p.bootstrapB()).stripTrailingZeros().toPlainString()
        : String.format(Locale.ROOT, p.pBootstrap() >= 0.001 ? "%.3f" : "%.2g", p.pBootstrap());
  }

  private static Double neg(Double v) {
    return v == null ? null : -v;
  }

  private static String withCi(Double v, Double lo, Double hi) {
    return v == null ? "—" : f(v) + (lo == null || hi == null ? "" : " [" + f(lo) + ", " + f(hi) + "]");
  }

  private static String f(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.3f", v);
  }
}
