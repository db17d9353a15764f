package io.sparkiqa.jobs.apps.filter;

import static org.apache.spark.sql.functions.col;

import io.sparkiqa.jobs.evaluate.FitParams;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Calibrated rules from an earlier {@code evaluate}/{@code run} output: for each model with a pooled ({@code all})
 * logistic-4 fit in its {@code metrics/} (test split first), a rule that keeps rows whose predicted MOS is at least
 * the cut. A model without a fit gets no calibrated rule, and the console says why.
 */
public final class Calibration {
  private Calibration() {
  }

  public static List<FilterRule> rules(SparkSession spark, String uri, List<String> models, double cut,
                                       PrintStream console) {
    List<FilterRule> out = new ArrayList<>();
    List<Row> rows = spark.read().parquet(uri + "/metrics").filter(col("group_by").equalTo("all"))
        .orderBy(col("split").equalTo("test").desc(), col("dataset"), col("level")).collectAsList();
    for (String m : models) {
      double[] b = null;
      for (Row r : rows) {
        String json = r.getAs("fit_params");
        if (m.equals(r.getAs("model")) && json != null && FitParams.parse(json).logistic4() != null) {
          b = FitParams.parse(json).logistic4();
          break;
        }
      }
      if (b == null) {
        console.println("warning: --calibration " + uri + " has no logistic-4 fit for " + m + ": no calibrated rule");
      } else {
        out.add(new FilterRule(m, "calibrated", ">=", cut, b));
      }
    }
    return out;
  }
}
