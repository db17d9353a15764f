package io.sparkiqa.jobs.apps.sweep;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.score.SpecShipping;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.io.SerializableConf;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * {@code sparkiqa sweep}: per image, a quality ladder encoded in memory and scored ({@link SweepPartition}) into
 * {@code rungs/} (one row per image x rung x model, appended per run: readers take the latest row,
 * {@link LatestScores}); then {@code curves/} (per group, codec, quality and model: mean bytes, bits per pixel and
 * score), {@code choices/} (per image, codec and target: the chosen quality and the bytes saved,
 * {@link ChooseQuality}) and {@code summary/} (per group, codec and target: the distribution of chosen qualities
 * and savings).
 */
public final class SweepJob {
  public static final StructType RUNGS = new StructType().add("image_id", DataTypes.StringType, false)
      .add("level", DataTypes.StringType, false).add("codec", DataTypes.StringType)
      .add("quality", DataTypes.IntegerType).add("model", DataTypes.StringType, false)
      .add("score", DataTypes.DoubleType).add("status", DataTypes.StringType, false)
      .add("error", DataTypes.StringType).add("bytes", DataTypes.LongType).add("original_bytes", DataTypes.LongType)
      .add("width", DataTypes.IntegerType).add("height", DataTypes.IntegerType).add("group", DataTypes.StringType)
      .add("run_id", DataTypes.StringType, false).add("millis", DataTypes.LongType, false);
  static final StructType CHOICES = new StructType().add("image_id", DataTypes.StringType)
      .add("group", DataTypes.StringType).add("codec", DataTypes.StringType).add("target", DataTypes.StringType)
      .add("model", DataTypes.StringType).add("chosen_q", DataTypes.IntegerType)
      .add("chosen_level", DataTypes.StringType).add("chosen_bytes", DataTypes.LongType)
      .add("original_bytes", DataTypes.LongType).add("bytes_saved", DataTypes.LongType)
      .add("saved_fraction", DataTypes.DoubleType).add("reason", DataTypes.StringType);

  private SweepJob() {
  }

  /**
   * @param groupBy   manifest column or attrs key of the groups, or null for one group
   * @param keepRungs write every encoded rung under {@code rung_files/}
   */
  public record Options(List<String> models, MetricCatalog catalog, List<Rung> rungs, List<SweepTarget> targets,
                        String groupBy, long maxPixels, long maxBytes, String runId, boolean resume, boolean keepRungs) {
  }

  /** Images swept this run, encodes, score rows written, and the seconds the encode-and-score stage took. */
  public record Result(long images, long encodes, long scores, double seconds, long alreadySwept) {
  }

  public static Result run(SparkSession spark, Dataset<Row> valid, Options o, String out) {
    Column group = o.groupBy() == null ? lit("all") : coalesce(Wide.key(o.groupBy()), lit("(none)"));
    Dataset<Row> work = valid.select(col("image_id"), col("level"), col("uri"), group.as("group"));
    String rungsUri = out + "/rungs";
    long already = 0;
    if (o.resume() && OutputFiles.exists(spark.sparkContext().hadoopConfiguration(), rungsUri)) {
      long expected = (long) o.rungs().size() * o.models().size();
      Dataset<Row> done = LatestScores.of(spark.read().schema(RUNGS).parquet(rungsUri))
          .filter(col("level").isin(o.rungs().stream().map(Rung::level).toArray()).and(col("model").isin(o.models().toArray()))
              .and(col("status").equalTo("ok").or(expr("split(error, ':')[0]").isin(
                  io.sparkiqa.udfs.score.ScoreRecord.TRANSIENT.toArray()).unary_$bang())))
          .groupBy("image_id").count().filter(col("count").equalTo(expected)).select("image_id");
      long before = work.count();
      work = work.join(done, scala.jdk.javaapi.CollectionConverters.asScala(List.of("image_id")).toSeq(), "left_anti");
      already = before - work.count();
    }
    long n = work.count();
    long encodes = 0;
    double seconds = 0;
    if (n > 0) {
      Broadcast<SerializableConf> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
          .broadcast(new SerializableConf(spark.sparkContext().hadoopConfiguration()));
      LongAccumulator acc = spark.sparkContext().longAccumulator("rungs encoded");
      SweepPartition p = new SweepPartition(conf, SpecShipping.forJob(spark.sparkContext().getConf(), o.catalog()),
          o.models(), o.rungs(), o.maxPixels(), o.maxBytes(), o.runId(), o.keepRungs() ? out + "/rung_files" : null, acc);
      int parts = (int) Math.max(1, Math.min(n, 4L * spark.sparkContext().defaultParallelism()));
      long t0 = System.nanoTime();
      work.repartition(parts).mapPartitions(p, Encoders.row(RUNGS)).write().mode(SaveMode.Append).parquet(rungsUri);
      seconds = (System.nanoTime() - t0) / 1e9;
      encodes = acc.value();
    }
    Dataset<Row> latest = LatestScores.of(spark.read().schema(RUNGS).parquet(rungsUri)).cache();
    latest.filter(col("status").equalTo("ok")).groupBy("group", "codec", "quality", "level", "model")
        .agg(count(lit(1)).as("n"), avg("bytes").as("mean_bytes"),
            avg(col("bytes").multiply(8.0).divide(col("width").multiply(col("height")))).as("mean_bpp"),
            avg("score").as("mean_score"))
        .orderBy("group", "model", "codec", "quality").coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(out + "/curves");
    List<String> codecs = o.rungs().stream().map(Rung::codec).distinct().toList();
    latest.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new ChooseQuality(o.targets(), codecs), Encoders.row(CHOICES))
        .write().mode(SaveMode.Overwrite).parquet(out + "/choices");
    spark.read().parquet(out + "/choices").groupBy("group", "codec", "target")
        .agg(count(lit(1)).as("images"), count("chosen_q").as("with_q"), min("chosen_q").as("q_min"),
            expr("percentile(chosen_q, 0.25)").as("q_p25"), expr("percentile(chosen_q, 0.5)").as("q_median"),
            expr("percentile(chosen_q, 0.75)").as("q_p75"), max("chosen_q").as("q_max"),
            sum(when(col("chosen_q").isNotNull(), col("original_bytes"))).as("original_bytes_with_q"),
            sum("chosen_bytes").as("chosen_bytes"),
            expr("percentile(saved_fraction, 0.5)").as("saved_fraction_median"),
            avg("saved_fraction").as("saved_fraction_mean"))
        .orderBy("group", "codec", "target").coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/summary");
    long scores = latest.count();
    latest.unpersist();
    return new Result(n, encodes, scores, seconds, already);
  }
}
