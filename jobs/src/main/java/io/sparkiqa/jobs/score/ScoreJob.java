package io.sparkiqa.jobs.score;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.io.SerializableConf;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The score stage: validated manifest rows x requested models -> {@code scores/} (appended as new files,
 * one set per run). With {@code resume}, only the (image_id, level, model) triples not yet in
 * {@code scores/} are scored. Each image is fetched and decoded once for all of its models.
 *
 * <pre>{@code
 * ScoreJob.Result r = ScoreJob.run(spark, split.valid(), "out/q/scores",
 *     new ScoreJob.Options(List.of("psnr", "sharpness"), MetricCatalog.builtIn(), 64_000_000L, 1L << 30, runId, false), System.out);
 * }</pre>
 */
public final class ScoreJob {
  private ScoreJob() {
  }

  /** What to score and the per-image limits. */
  public record Options(List<String> models, MetricCatalog catalog, long maxPixels, long maxBytes, String runId,
                        boolean resume) {
  }

  /** Counts of this run: images (manifest rows) scored and score rows written, by status. */
  public record Result(long images, long imagesWithFailure, long rowsOk, long rowsFailed, long alreadyScored) {
  }

  public static Result run(SparkSession spark, Dataset<Row> valid, String scoresUri, Options o, PrintStream console) {
    o.models().forEach(o.catalog()::entry);
    Dataset<Row> models = spark.createDataset(o.models(), Encoders.STRING()).toDF("model");
    Dataset<Row> triples = valid.select("image_id", "level", "uri", "ref_uri", "crop_top", "crop_left",
        "crop_bottom", "crop_right").crossJoin(models);
    long alreadyScored = 0;
    if (o.resume() && exists(spark, scoresUri)) {
      Dataset<Row> done = spark.read().parquet(scoresUri).select("image_id", "level", "model").distinct();
      long before = triples.count();
      triples = triples.join(done, triples.col("image_id").equalTo(done.col("image_id"))
          .and(triples.col("level").equalTo(done.col("level")))
          .and(triples.col("model").equalTo(done.col("model"))), "left_anti");
      alreadyScored = before - triples.count();
    }
    Dataset<Row> work = triples.groupBy("image_id", "level", "uri", "ref_uri", "crop_top", "crop_left",
        "crop_bottom", "crop_right").agg(array_sort(collect_list(col("model"))).as("models")).cache();
    long total = work.count();
    if (total == 0) {
      work.unpersist();
      return new Result(0, 0, 0, 0, alreadyScored);
    }
    int parallelism = spark.sparkContext().defaultParallelism();
    long perTask = Long.parseLong(spark.conf().get("spark.sparkiqa.rowsPerTask", "64"));
    long wanted = Math.max(parallelism * 4L, (total + perTask - 1) / perTask);
    // whole waves: a last task running alone leaves the other slots idle (15 tasks on 2 slots cost ~6% here)
    wanted = (wanted + parallelism - 1) / parallelism * parallelism;
    int partitions = (int) Math.max(1, Math.min(total, wanted));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConf> conf = jsc.broadcast(new SerializableConf(spark.sparkContext().hadoopConfiguration()));
    LongAccumulator done = spark.sparkContext().longAccumulator("images scored");
    LongAccumulator failed = spark.sparkContext().longAccumulator("images with a failure");

    Dataset<Row> scores = work.repartition(partitions).sortWithinPartitions("ref_uri", "image_id", "level")
        .mapPartitions(new ScorePartition(conf, o.maxPixels(), o.maxBytes(), o.runId(), done, failed,
                SpecShipping.forJob(spark.sparkContext().getConf(), o.catalog()), o.models(),
                Integer.parseInt(spark.conf().get("spark.sparkiqa.decodeAhead", "4"))),
            Encoders.row(Schemas.SCORES));
    try (Progress p = new Progress(total, done::value, failed::value, console, 5000)) {
      scores.write().mode(SaveMode.Append).parquet(scoresUri);
    }
    work.unpersist();
    List<Row> counts = spark.read().parquet(scoresUri).filter(col("run_id").equalTo(o.runId()))
        .groupBy("status").count().collectAsList();
    long ok = 0;
    long bad = 0;
    for (Row c : counts) {
      if (OK.equals(c.getString(0))) {
        ok = c.getLong(1);
      } else {
        bad += c.getLong(1);
      }
    }
    return new Result(total, failed.value(), ok, bad, alreadyScored);
  }

  static boolean exists(SparkSession spark, String uri) {
    try {
      Path p = new Path(uri);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot check " + uri + ": " + e.getMessage(), e);
    }
  }
}
