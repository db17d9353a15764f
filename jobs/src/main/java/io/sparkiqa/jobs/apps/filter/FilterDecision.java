package io.sparkiqa.jobs.apps.filter;

import io.sparkiqa.jobs.apps.Wide;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The gate applied to one row of the {@link Wide} table: the row's manifest columns and group, then {@code kept},
 * and for a dropped row the rule it failed ({@code failed} for a failed score), the score compared (the predicted
 * MOS for a calibrated rule), the threshold and, for a failed score, its reason.
 */
final class FilterDecision implements MapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** The columns added to the manifest's. */
  static final StructType ADDED = new StructType().add("group", DataTypes.StringType).add("kept", DataTypes.BooleanType)
      .add("rule", DataTypes.StringType).add("score", DataTypes.DoubleType).add("threshold", DataTypes.DoubleType)
      .add("reason", DataTypes.StringType)
      .add("margin_rule", DataTypes.StringType).add("margin", DataTypes.DoubleType);

  private final List<FilterRule> rules;
  private final boolean any;
  private final boolean keepFailed;
  private final String groupBy;
  private final Map<String, Double> topThresholds;
  private final Map<String, Boolean> lowerBetter;
  private final int manifestColumns;

  /** @param topThresholds per {@code group + '\u0000' + model}, the score of the last row a keep-top rule keeps */
  FilterDecision(List<FilterRule> rules, boolean any, boolean keepFailed, String groupBy,
                 Map<String, Double> topThresholds, Map<String, Boolean> lowerBetter, int manifestColumns) {
    this.rules = new ArrayList<>(rules);
    this.any = any;
    this.keepFailed = keepFailed;
    this.groupBy = groupBy;
    this.topThresholds = new java.util.HashMap<>(topThresholds);
    this.lowerBetter = new java.util.HashMap<>(lowerBetter);
    this.manifestColumns = manifestColumns;
  }

  static String group(Row r, String groupBy) {
    if (groupBy == null) {
      return "all";
    }
    String g = Wide.key(r, groupBy);
    return g == null ? "(none)" : g;
  }

  @Override
  public Row call(Row r) {
    Object[] out = new Object[manifestColumns + ADDED.size()];
    for (int i = 0; i < manifestColumns; i++) {
      out[i] = r.get(i);
    }
    String group = group(r, groupBy);
    Map<String, Double> scores = Wide.scores(r);
    Map<String, String> errors = Wide.errors(r);
    out[manifestColumns] = group;
    for (FilterRule rule : rules) {
      if (!scores.containsKey(rule.model())) {
        String reason = errors.getOrDefault(rule.model(), "missing: no score of " + rule.model());
        fill(out, keepFailed, "failed", null, null, keepFailed ? null : reason);
        return RowFactory.create(out);
      }
    }
    FilterRule firstFailed = null;
    boolean anyPassed = false;
    for (FilterRule rule : rules) {
      Double th = rule.kind().equals("top") ? topThresholds.get(group + '\u0000' + rule.model()) : null;
      if (rule.keeps(scores.get(rule.model()), th, lowerBetter.getOrDefault(rule.model(), false))) {
        anyPassed = true;
      } else if (firstFailed == null) {
        firstFailed = rule;
      }
    }
    boolean kept = any ? anyPassed : firstFailed == null;
    if (kept) {
      fill(out, true, null, null, null, null);
      // the rule this accept came closest to failing, relative to its threshold
      double best = Double.POSITIVE_INFINITY;
      for (FilterRule rule : rules) {
        Double th = threshold(rule, group);
        if (th != null) {
          double gap = Math.abs(rule.compared(scores.get(rule.model())) - th);
          if (gap / (Math.abs(th) + 1e-9) < best) {
            best = gap / (Math.abs(th) + 1e-9);
            out[manifestColumns + 6] = rule.label();
            out[manifestColumns + 7] = gap;
          }
        }
      }
    } else {
      FilterRule f = firstFailed == null ? rules.get(0) : firstFailed;
      Double th = threshold(f, group);
      double compared = f.compared(scores.get(f.model()));
      fill(out, false, f.label(), compared, th, null);
      out[manifestColumns + 6] = f.label();
      out[manifestColumns + 7] = th == null ? null : Math.abs(compared - th);
    }
    return RowFactory.create(out);
  }

  private Double threshold(FilterRule rule, String group) {
    return rule.kind().equals("top") ? topThresholds.get(group + '\u0000' + rule.model()) : rule.value();
  }

  private void fill(Object[] out, boolean kept, String rule, Double score, Double threshold, String reason) {
    out[manifestColumns + 1] = kept;
    out[manifestColumns + 2] = rule;
    out[manifestColumns + 3] = score;
    out[manifestColumns + 4] = threshold;
    out[manifestColumns + 5] = reason;
  }
}
