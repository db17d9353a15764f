package io.sparkiqa.jobs.evaluate;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.jobs.stats.Bootstrap;
import io.sparkiqa.jobs.stats.GroupStats;
import io.sparkiqa.jobs.stats.NonFinite;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The evaluate stage: scores JOIN manifest on (image_id, level) -> {@code metrics/}, {@code pairwise/}
 * and {@code points/}, per (model, dataset, split, level) and per value of each {@code --group-by}
 * attrs column ({@code a+b} groups by the pair). Failed rows are counted in {@code n_failed}, never
 * dropped silently; ok rows whose score is not finite in {@code n_nonfinite} ({@link NonFinite} says which
 * statistics leave them out, on both paths). A group whose MOS is lower = better ({@link #MOS_LOWER_BETTER}, e.g. a
 * DMOS) keeps its statistics signed against the published values and says so in {@code mos_lower_better}; the
 * pairwise table negates such a MOS ({@link PairwiseTable}).
 *
 * <p>Two paths: SRCC and PLCC of every group in Spark SQL ({@link SparkStatistics}); and, for groups of
 * at most {@code driverMaxN} pairs, every statistic (KRCC, fits, CIs, paired tests) on the driver in a
 * fixed order, so reruns give identical numbers. Larger groups keep the Spark values and say so in
 * {@code reason}.
 *
 * <pre>{@code
 * EvaluateJob.Result r = EvaluateJob.run(spark, scores, manifest, List.of("distortion"), "out/q",
 *     new EvaluateJob.Options(1000, 20261126L, 2_000_000L, Directions.catalog(MetricCatalog.builtIn(), System.out)));
 * }</pre>
 */
public final class EvaluateJob {
  static final List<String> KEYS = List.of("model", "dataset", "split", "level", "group_by", "group");
  /**
   * A manifest row whose published MOS is lower = better (a DMOS): {@code attrs['mos_lower_better']} is
   * {@code true}, as the full-reference dataset adapters write it and as a CSV manifest column of that name gives it.
   */
  static final Column MOS_LOWER_BETTER = coalesce(expr("lower(trim(attrs['mos_lower_better'])) = 'true'"), lit(false));

  private EvaluateJob() {
  }

  /**
   * Bootstrap replicates and seed, the largest group computed on the driver, and each model's direction
   * ({@link Directions}; by default the catalog's).
   */
  public record Options(int bootstrapB, long seed, long driverMaxN, Directions directions) {
  }

  /** The metrics and pairwise rows, in a stable order. */
  public record Result(List<MetricRow> metrics, List<PairwiseRow> pairwise, long unmatchedScoreRows) {
  }

  public static Result run(SparkSession spark, Dataset<Row> scores, Dataset<Row> manifest, List<String> groupBy,
                           String outUri, Options o) {
    Dataset<Row> m = manifest.select("image_id", "level", "dataset", "split", "mos", "mos_scale", "attrs");
    Dataset<Row> joined = scores.select("image_id", "level", "model", "score", "status")
        .join(m, seq(List.of("image_id", "level")), "inner")
        .withColumn("dataset", coalesce(col("dataset"), lit(""))).withColumn("split", coalesce(col("split"), lit("")))
        .cache();
    long unmatched = scores.count() - joined.count();
    Dataset<Row> grouped = explodeGroups(joined, groupBy).cache();

    Map<MetricRow.Key, Row> counts = new LinkedHashMap<>();
    Column labelled = col("status").equalTo(OK).and(col("mos").isNotNull());
    grouped.groupBy(cols(KEYS)).agg(
            sum(when(labelled, 1).otherwise(0)).as("n"),
            sum(when(col("status").notEqual(OK), 1).otherwise(0)).as("n_failed"),
            sum(when(col("status").equalTo(OK).and(col("mos").isNull()), 1).otherwise(0)).as("n_unlabelled"),
            sum(when(labelled.and(isnan(col("score")).or(col("score").isNull())), 1).otherwise(0)).as("n_nan"),
            sum(when(labelled.and(col("score").equalTo(lit(Double.POSITIVE_INFINITY))), 1).otherwise(0)).as("n_pos_inf"),
            sum(when(labelled.and(col("score").equalTo(lit(Double.NEGATIVE_INFINITY))), 1).otherwise(0)).as("n_neg_inf"),
            first("mos_scale", true).as("mos_scale"),
            sum(when(col("mos").isNotNull(), 1).otherwise(0)).as("n_mos"),
            sum(when(col("mos").isNotNull().and(MOS_LOWER_BETTER), 1).otherwise(0)).as("n_mos_lower"))
        .collectAsList().forEach(r -> counts.put(key(r), r));

    Dataset<Row> valid = grouped.filter(col("status").equalTo(OK).and(col("mos").isNotNull()))
        .withColumn("x", col("score")).withColumn("y", col("mos"));
    List<Row> small = counts.values().stream().filter(r -> r.getLong(r.fieldIndex("n")) <= o.driverMaxN()).toList();
    List<Row> large = counts.values().stream().filter(r -> r.getLong(r.fieldIndex("n")) > o.driverMaxN()).toList();
    Map<MetricRow.Key, Row> sparkStats = new HashMap<>();
    if (!large.isEmpty()) {
      Dataset<Row> largeKeys = spark.createDataFrame(large, large.get(0).schema()).select(cols(KEYS));
      SparkStatistics.compute(valid.join(broadcast(largeKeys), seq(KEYS)).select(concat(cols(KEYS), col("x"), col("y"))), KEYS)
          .collectAsList().forEach(r -> sparkStats.put(key(r), r));
    }
    Map<MetricRow.Key, List<Row>> driverRows = new LinkedHashMap<>();
    if (!small.isEmpty()) {
      Dataset<Row> smallKeys = spark.createDataFrame(small, counts.values().iterator().next().schema()).select(cols(KEYS));
      valid.join(broadcast(smallKeys), seq(KEYS)).select(concat(cols(KEYS), col("image_id"), col("x"), col("y")))
          .orderBy(concat(cols(KEYS), col("image_id"))).collectAsList()
          .forEach(r -> driverRows.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r));
    }

    Bootstrap bootstrap = new Bootstrap(o.bootstrapB(), o.seed());
    List<MetricRow> metrics = new ArrayList<>();
    for (Map.Entry<MetricRow.Key, Row> e : counts.entrySet()) {
      metrics.add(metricRow(e.getKey(), e.getValue(), driverRows.get(e.getKey()), sparkStats.get(e.getKey()), bootstrap, o));
    }
    metrics.sort(EvaluateJob::compare);
    Map<MetricRow.Key, Boolean> mosLower = new HashMap<>();
    counts.forEach((k, r) -> mosLower.put(k, r.<Long>getAs("n_mos_lower") > 0));
    List<PairwiseRow> pairwise = PairwiseTable.build(driverRows, bootstrap, o.directions(), mosLower);

    writePoints(spark, joined, metrics, outUri);
    List<Row> out = new ArrayList<>();
    metrics.forEach(x -> out.add(x.toRow()));
    spark.createDataFrame(out, Schemas.METRICS).coalesce(1).write().mode(SaveMode.Overwrite).parquet(outUri + "/metrics");
    List<Row> pw = new ArrayList<>();
    pairwise.forEach(x -> pw.add(x.toRow()));
    spark.createDataFrame(pw, Schemas.PAIRWISE).coalesce(1).write().mode(SaveMode.Overwrite).parquet(outUri + "/pairwise");
    grouped.unpersist();
    joined.unpersist();
    return new Result(metrics, pairwise, unmatched);
  }

  private static MetricRow metricRow(MetricRow.Key k, Row counts, List<Row> rows, Row spark, Bootstrap b, Options o) {
    long unlabelled = counts.getLong(counts.fieldIndex("n_unlabelled"));
    String note = join(unlabelled > 0 ? unlabelled + " scored row(s) without mos not evaluated" : null,
        mixedMosDirection(counts));
    return statistics(k, counts, rows, spark, b, o, note).withMosLowerBetter(counts.<Long>getAs("n_mos_lower") > 0);
  }

  /** A note when only some labelled rows of a group say mos_lower_better (the group is then taken as lower-better). */
  private static String mixedMosDirection(Row counts) {
    long lower = counts.<Long>getAs("n_mos_lower");
    long all = counts.<Long>getAs("n_mos");
    return lower > 0 && lower < all ? "attrs mos_lower_better is true on " + lower + " of " + all
        + " labelled rows only: the group is taken as lower-better" : null;
  }

  private static MetricRow statistics(MetricRow.Key k, Row counts, List<Row> rows, Row spark, Bootstrap b, Options o,
                                      String note) {
    long n = counts.getLong(counts.fieldIndex("n"));
    long failed = counts.getLong(counts.fieldIndex("n_failed"));
    String mosScale = counts.getAs("mos_scale");
    boolean lower = o.directions().lowerBetter(k.model());
    if (n > o.driverMaxN()) {
      NonFinite nf = new NonFinite(counts.getLong(counts.fieldIndex("n_nan")),
          counts.getLong(counts.fieldIndex("n_pos_inf")), counts.getLong(counts.fieldIndex("n_neg_inf")));
      Double srcc = spark == null || spark.<Long>getAs("n") < GroupStats.MIN_N ? null : finiteOrNull(spark.getAs("srcc"));
      Double plcc = spark == null || spark.<Long>getAs("n_finite") < GroupStats.MIN_N ? null
          : finiteOrNull(spark.getAs("plcc"));
      String why = "n = " + n + " above the driver bound " + o.driverMaxN()
          + ": SRCC and PLCC from Spark SQL only; no KRCC, fits or CIs";
      List<String> notes = new ArrayList<>(Arrays.asList(why, nf.note(), note));
      notes.removeIf(Objects::isNull);
      return MetricRow.sparkOnly(k, n, failed, nf.total(), lower, mosScale, srcc, plcc, String.join("; ", notes));
    }
    double[] x = new double[(int) n];
    double[] y = new double[(int) n];
    for (int i = 0; rows != null && i < rows.size(); i++) {
      Double score = rows.get(i).getAs("x");
      x[i] = score == null ? Double.NaN : score; // an ok row without a score counts as NaN
      y[i] = rows.get(i).getAs("y");
    }
    return MetricRow.of(k, failed, lower, mosScale, GroupStats.of(x, y, b), b, note);
  }

  /** One copy of each joined row per grouping: (all, all) plus one per --group-by spec. */
  static Dataset<Row> explodeGroups(Dataset<Row> joined, List<String> groupBy) {
    Dataset<Row> all = joined.withColumn("group_by", lit("all")).withColumn("group", lit("all"));
    for (String spec : groupBy) {
      List<Column> parts = new ArrayList<>();
      for (String key : spec.split("\\+")) {
        parts.add(coalesce(expr("attrs['" + key.replace("'", "\\'") + "']"), lit("(none)")));
      }
      all = all.unionByName(joined.withColumn("group_by", lit(spec))
          .withColumn("group", org.apache.spark.sql.functions.concat_ws("|", parts.toArray(Column[]::new))));
    }
    return all;
  }

  /** points/: every ok pair with its MOS and the fitted values of its (model, dataset, split, level) fits. */
  private static void writePoints(SparkSession spark, Dataset<Row> joined, List<MetricRow> metrics, String outUri) {
    Column f4 = lit(null).cast("double");
    Column f5 = lit(null).cast("double");
    for (MetricRow r : metrics) {
      if (!r.groupBy().equals("all") || r.fitParams() == null) {
        continue;
      }
      Column match = col("model").equalTo(r.model()).and(col("dataset").equalTo(str(r.dataset())))
          .and(col("split").equalTo(str(r.split()))).and(col("level").equalTo(r.level()));
      FitParams p = FitParams.parse(r.fitParams());
      if (p.logistic4() != null) {
        f4 = when(match, expr(io.sparkiqa.jobs.stats.MappingFunction.LOGISTIC4.sql(p.logistic4(), "score"))).otherwise(f4);
      }
      if (p.logistic5() != null) {
        f5 = when(match, expr(io.sparkiqa.jobs.stats.MappingFunction.LOGISTIC5.sql(p.logistic5(), "score"))).otherwise(f5);
      }
    }
    Dataset<Row> points = joined.filter(col("status").equalTo(OK)).select(col("image_id"), col("level"),
        col("model"), expr("nullif(dataset, '')").as("dataset"), expr("nullif(split, '')").as("split"), col("score"),
        col("mos"), f4.as("fitted_logistic4"), f5.as("fitted_logistic5"), col("attrs"));
    spark.createDataFrame(points.orderBy("model", "dataset", "split", "level", "image_id").javaRDD(), Schemas.POINTS)
        .write().mode(SaveMode.Overwrite).parquet(outUri + "/points");
  }

  static MetricRow.Key key(Row r) {
    return new MetricRow.Key(r.getAs("model"), emptyToNull(r.getAs("dataset")), emptyToNull(r.getAs("split")),
        r.getAs("level"), r.getAs("group_by"), r.getAs("group"));
  }

  private static int compare(MetricRow a, MetricRow b) {
    int c = a.model().compareTo(b.model());
    c = c != 0 ? c : str(a.dataset()).compareTo(str(b.dataset()));
    c = c != 0 ? c : str(a.split()).compareTo(str(b.split()));
    c = c != 0 ? c : a.level().compareTo(b.level());
    c = c != 0 ? c : Boolean.compare(!a.groupBy().equals("all"), !b.groupBy().equals("all"));
    c = c != 0 ? c : a.groupBy().compareTo(b.groupBy());
    return c != 0 ? c : a.group().compareTo(b.group());
  }

  private static Double finiteOrNull(Double d) {
    return d == null || !Double.isFinite(d) ? null : d;
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + "; " + b;
  }

  static String str(String s) {
    return s == null ? "" : s;
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  static Column[] concat(Column[] head, Column... tail) {
    List<Column> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(Column[]::new);
  }

  static scala.collection.immutable.Seq<String> seq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toSeq();
  }
}
