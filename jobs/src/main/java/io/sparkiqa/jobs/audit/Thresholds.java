package io.sparkiqa.jobs.audit;

import static org.apache.spark.sql.functions.col;

import io.sparkiqa.jobs.evaluate.FitParams;
import io.sparkiqa.jobs.stats.MappingFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * When an image counts as bad, per model: past a threshold from the config (direction from the metric
 * table), or, calibrated on a MOS dataset, when the logistic-4 fitted by a previous evaluate run maps its
 * score to a predicted MOS below a cut. Says which in {@code threshold_source}, and, for a model without a
 * rule, why ({@link #whyNone}: no threshold given, or a calibration output without a logistic-4 fit for it,
 * with the reason its metrics row gives).
 */
final class Thresholds {
  /** One model's rule: a predicate on the score and a description. */
  record Rule(double threshold, String source, java.util.function.DoublePredicate bad) {
  }

  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, String> none = new LinkedHashMap<>();

  private Thresholds() {
  }

  Rule rule(String model) {
    return rules.get(model);
  }

  /** Why {@code model} has no rule (so no threshold and no share of bad images), or null when it has one. */
  String whyNone(String model) {
    return rules.containsKey(model) ? null : none.getOrDefault(model, "no threshold for " + model);
  }

  static Thresholds of(SparkSession spark, AuditOptions o, List<String> models) {
    Thresholds t = new Thresholds();
    Map<String, String> missing = new LinkedHashMap<>();
    Map<String, double[]> fits = o.calibration() == null ? Map.of() : calibrations(spark, o.calibration(), models, missing);
    for (String m : models) {
      boolean lower = o.directions().lowerBetter(m);
      if (fits.containsKey(m)) {
        double[] b = fits.get(m);
        double cut = o.mosCut();
        t.rules.put(m, new Rule(cut, "calibrated: logistic-4 from " + o.calibration() + " maps the score to predicted MOS; "
            + "bad when predicted MOS < " + cut, s -> MappingFunction.LOGISTIC4.value(b, s) < cut));
      } else if (o.thresholds().containsKey(m)) {
        double th = o.thresholds().get(m);
        String uncalibrated = missing.containsKey(m) ? " (not calibrated: " + missing.get(m) + ")" : "";
        t.rules.put(m, new Rule(th, "config: bad when " + m + (lower ? " > " : " < ") + th + uncalibrated,
            lower ? s -> s > th : s -> s < th));
      } else {
        t.none.put(m, missing.containsKey(m) ? "no share bad: not calibrated: " + missing.get(m)
            : "no share bad: no --threshold " + m + "=VALUE and no --calibration with --mos-cut");
      }
    }
    return t;
  }

  /**
   * The logistic-4 parameters of each model's pooled ('all') fit in a previous evaluate output (test split
   * first); for a model without one, why, in {@code missing} (with the metrics row's reason when there is a row).
   */
  private static Map<String, double[]> calibrations(SparkSession spark, String uri, List<String> models,
                                                    Map<String, String> missing) {
    Map<String, double[]> out = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    List<Row> rows = spark.read().parquet(uri + "/metrics").filter(col("group_by").equalTo("all"))
        .orderBy(col("split").equalTo("test").desc(), col("dataset"), col("level")).collectAsList();
    for (Row r : rows) {
      String m = r.getAs("model");
      if (!models.contains(m) || out.containsKey(m)) {
        continue;
      }
      String json = r.getAs("fit_params");
      double[] b = json == null ? null : FitParams.parse(json).logistic4();
      if (b != null) {
        out.put(m, b);
      } else {
        String reason = r.getAs("reason");
        reasons.putIfAbsent(m, uri + "/metrics has no logistic-4 fit for " + m + (reason == null ? "" : " (" + reason + ")"));
      }
    }
    for (String m : models) {
      if (!out.containsKey(m)) {
        missing.put(m, reasons.getOrDefault(m, m + " is not in " + uri + "/metrics"));
      }
    }
    return out;
  }
}
