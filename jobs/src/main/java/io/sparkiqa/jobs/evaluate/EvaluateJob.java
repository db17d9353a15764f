package io.sparkiqa.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sparkiqa.jobs.manifest.Schemas;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The evaluate stage: scores JOIN manifest on (image_id, level) -> {@code points/} and {@code metrics/}
 * per (model, dataset, split, level), plus one row per value of each {@code --group-by} attrs column
 * ({@code a+b} groups by the pair). Failed rows are counted in {@code n_failed}, never dropped silently.
 * Statistics are computed on the driver in a fixed order, so reruns give identical numbers.
 *
 * <pre>{@code
 * EvaluateJob.Result r = EvaluateJob.run(spark, scores, manifest, List.of("distortion"), "out/q");
 * }</pre>
 */
public final class EvaluateJob {
  private EvaluateJob() {
  }

  /** The metrics rows, in a stable order. */
  public record Result(List<MetricRow> metrics, long unmatchedScoreRows) {
  }

  public static Result run(SparkSession spark, Dataset<Row> scores, Dataset<Row> manifest, List<String> groupBy,
                           String outUri) {
    Dataset<Row> m = manifest.select("image_id", "level", "dataset", "split", "mos", "mos_scale", "attrs");
    Dataset<Row> joined = scores.select("image_id", "level", "model", "score", "status")
        .join(m, scala.jdk.javaapi.CollectionConverters.asScala(List.of("image_id", "level")).toSeq(), "inner");
    long unmatched = scores.count() - joined.count();
    Dataset<Row> points = joined.filter(col("status").equalTo("ok")).select(col("image_id"), col("level"),
        col("model"), col("dataset"), col("split"), col("score"), col("mos"),
        lit(null).cast("double").as("fitted_logistic4"), lit(null).cast("double").as("fitted_logistic5"),
        col("attrs"));
    spark.createDataFrame(points.orderBy("model", "dataset", "split", "level", "image_id").javaRDD(), Schemas.POINTS)
        .write().mode(SaveMode.Overwrite).parquet(outUri + "/points");

    List<Row> rows = joined.orderBy("model", "dataset", "split", "level", "image_id").collectAsList();
    List<MetricRow> metrics = compute(rows, groupBy);
    List<Row> out = new ArrayList<>();
    metrics.forEach(x -> out.add(x.toRow()));
    spark.createDataFrame(out, Schemas.METRICS).coalesce(1).write().mode(SaveMode.Overwrite).parquet(outUri + "/metrics");
    return new Result(metrics, unmatched);
  }

  /** Groups joined rows and computes each group's statistics; pure apart from reading the metric table. */
  static List<MetricRow> compute(List<Row> rows, List<String> groupBy) {
    Map<List<String>, Acc> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      String model = r.getAs("model");
      String dataset = r.getAs("dataset");
      String split = r.getAs("split");
      String level = r.getAs("level");
      Map<String, String> attrs = r.getJavaMap(r.fieldIndex("attrs"));
      add(groups, List.of(model, str(dataset), str(split), level, "all", "all"), r);
      for (String g : groupBy) {
        add(groups, List.of(model, str(dataset), str(split), level, g, groupValue(attrs, g)), r);
      }
    }
    List<MetricRow> out = new ArrayList<>();
    groups.forEach((k, acc) -> out.add(acc.toMetricRow(k)));
    out.sort((a, b) -> {
      int c = a.model().compareTo(b.model());
      c = c != 0 ? c : str(a.dataset()).compareTo(str(b.dataset()));
      c = c != 0 ? c : str(a.split()).compareTo(str(b.split()));
      c = c != 0 ? c : a.level().compareTo(b.level());
      c = c != 0 ? c : Boolean.compare(!a.groupBy().equals("all"), !b.groupBy().equals("all"));
      c = c != 0 ? c : a.groupBy().compareTo(b.groupBy());
      return c != 0 ? c : a.group().compareTo(b.group());
    });
    return out;
  }

  /** The group value of a row: the attrs value, or for {@code a+b} the values joined by {@code |}. */
  static String groupValue(Map<String, String> attrs, String spec) {
    List<String> parts = new ArrayList<>();
    for (String key : spec.split("\\+")) {
      String v = attrs == null ? null : attrs.get(key);
      parts.add(v == null ? "(none)" : v);
    }
    return String.join("|", parts);
  }

  private static void add(Map<List<String>, Acc> groups, List<String> key, Row r) {
    groups.computeIfAbsent(key, k -> new Acc()).add(r);
  }

  private static String str(String s) {
    return s == null ? "" : s;
  }

  /** Accumulates one group's pairs and failure count. */
  private static final class Acc {
    final List<double[]> pairs = new ArrayList<>();
    long failed;
    long unlabelled;
    String mosScale;

    void add(Row r) {
      if (!"ok".equals(r.getAs("status"))) {
        failed++;
        return;
      }
      Object mos = r.getAs("mos");
      if (mos == null) {
        unlabelled++;
        return;
      }
      if (mosScale == null) {
        mosScale = r.getAs("mos_scale");
      }
      pairs.add(new double[] {r.<Double>getAs("score"), (Double) mos});
    }

    MetricRow toMetricRow(List<String> k) {
      double[] s = new double[pairs.size()];
      double[] y = new double[pairs.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = pairs.get(i)[0];
        y[i] = pairs.get(i)[1];
      }
      GroupStats st = GroupStats.of(s, y);
      String reason = st.reason();
      if (unlabelled > 0) {
        String note = unlabelled + " scored row(s) without mos not evaluated";
        reason = reason == null ? note : reason + "; " + note;
      }
      boolean lower = MetricTable.contains(k.get(0)) && MetricTable.get(k.get(0)).spec().lowerBetter();
      return new MetricRow(k.get(0), emptyToNull(k.get(1)), emptyToNull(k.get(2)), k.get(3), k.get(4), k.get(5),
          s.length, failed, reason, lower, st.srcc(), st.krcc(), st.plcc(), mosScale);
    }

    private static String emptyToNull(String s) {
      return s.isEmpty() ? null : s;
    }
  }
}
