package io.sparkiqa.jobs.evaluate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One row of the {@code metrics} table (DESIGN.md section 2). */
public record MetricRow(String model, String dataset, String split, String level, String groupBy, String group,
                        long n, long nFailed, String reason, boolean lowerBetter, Double srcc, Double krcc,
                        Double plcc, String mosScale) {

  public Row toRow() {
    return RowFactory.create(model, dataset, split, level, groupBy, group, n, nFailed, reason, lowerBetter, srcc,
        krcc, plcc, mosScale);
  }

  public static MetricRow fromRow(Row r) {
    return new MetricRow(r.getAs("model"), r.getAs("dataset"), r.getAs("split"), r.getAs("level"),
        r.getAs("group_by"), r.getAs("group"), r.<Long>getAs("n"), r.<Long>getAs("n_failed"), r.getAs("reason"),
        r.<Boolean>getAs("lower_better"), r.getAs("srcc"), r.getAs("krcc"), r.getAs("plcc"), r.getAs("mos_scale"));
  }
}
