package io.sparkiqa.jobs.score;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;

import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.io.SerializableConf;
import io.sparkiqa.udfs.score.ScoreRecord;
import io.sparkiqa.udfs.score.TimeBudget;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The score stage: validated manifest rows x requested models -> {@code scores/}, appended as new files and
 * committed chunk by chunk ({@link Chunks}), so a run killed midway keeps what it finished. With {@code resume},
 * the (image_id, level, model) triples not yet in {@code scores/} are scored, and so are those whose latest row is
 * a transient failure ({@link ScoreRecord#TRANSIENT}); permanent failures are kept, unless the row came from another
 * model file than the catalog's now (its {@code model_sha256} differs: a retrained model under the same id), whose
 * rows are all scored again. Readers take the latest row per triple ({@link LatestScores}). Each image is fetched
 * and decoded once for all of its models.
 *
 * <pre>{@code
 * ScoreJob.Result r = ScoreJob.run(spark, split.valid(), "out/q/scores",
 *     new ScoreJob.Options(List.of("psnr", "sharpness"), MetricCatalog.builtIn(), 64_000_000L, 1L << 30, runId, false), System.out);
 * }</pre>
 */
public final class ScoreJob {
  private static final scala.collection.immutable.Seq<String> TRIPLE =
      scala.jdk.javaapi.CollectionConverters.asScala(List.of("image_id", "level", "model")).toList();

  /**
   * Default work rows per score task. Each task pays a fixed cost (its closure and Spark's Hadoop settings
   * deserialized, the models looked up, a Parquet file opened, written, committed, and later read back): at 64 rows
   * that was ~5% of a light model's time.
   */
  static final long ROWS_PER_TASK = 256;

  private ScoreJob() {
  }

  /**
   * What to score and the per-image limits.
   *
   * @param imageTimeout the time budget of each step on one image ({@code --image-timeout}, {@link TimeBudget})
   */
  public record Options(List<String> models, MetricCatalog catalog, long maxPixels, long maxBytes, String runId,
                        boolean resume, Duration imageTimeout) {
    public Options(List<String> models, MetricCatalog catalog, long maxPixels, long maxBytes, String runId,
                   boolean resume) {
      this(models, catalog, maxPixels, maxBytes, runId, resume, TimeBudget.DEFAULT);
    }
  }

  /**
   * Counts of this run: images (manifest rows) scored and score rows written, by status; triples already in
   * {@code scores/} and kept, transient failures scored again, and triples scored again because their latest row
   * came from another model file.
   */
  public record Result(long images, long imagesWithFailure, long rowsOk, long rowsFailed, long alreadyScored,
                       long rescored, long otherModelFile) {
  }

  public static Result run(SparkSession spark, Dataset<Row> valid, String scoresUri, Options o, PrintStream console) {
    o.models().forEach(o.catalog()::entry);
    if (o.models().isEmpty()) {
      return new Result(0, 0, 0, 0, 0, 0, 0);
    }
    Dataset<Row> rows = valid.select("image_id", "level", "uri", "ref_uri", "crop_top", "crop_left", "crop_bottom",
        "crop_right");
    long alreadyScored = 0;
    long rescored = 0;
    long otherModelFile = 0;
    Dataset<Row> work;
    if (o.resume() && exists(spark, scoresUri)) {
      Dataset<Row> triples = rows.crossJoin(spark.createDataset(o.models(), Encoders.STRING()).toDF("model"));
      Dataset<Row> latest = LatestScores.read(spark, scoresUri).select("image_id", "level", "model", "status", "error",
          "model_sha256", "run_id").cache();
      requireLaterThan(latest, o.runId());
      Column outdated = otherModelFile(o);
      Dataset<Row> keep = latest.filter(not(transientFailure().or(outdated))).select("image_id", "level", "model");
      Dataset<Row> again = latest.filter(transientFailure()).select("image_id", "level", "model");
      long before = triples.count();
      rescored = triples.join(again, TRIPLE, "left_semi").count();
      otherModelFile = triples.join(latest.filter(outdated.and(not(transientFailure())))
          .select("image_id", "level", "model"), TRIPLE, "left_semi").count();
      triples = triples.join(keep, TRIPLE, "left_anti");
      alreadyScored = before - triples.count();
      latest.unpersist();
      work = triples.groupBy("image_id", "level", "uri", "ref_uri", "crop_top", "crop_left", "crop_bottom",
          "crop_right").agg(array_sort(collect_list(col("model"))).as("models")).cache();
    } else {
      // a fresh run: every row needs every model, so no shuffle gathers them (valid rows are unique by (image_id,
      // level): the validator rejects duplicates); a projection of valid, cached already when valid is (the commands
      // cache it)
      work = rows.withColumn("models", array(o.models().stream().sorted().map(functions::lit).toArray(Column[]::new)));
      work = valid.storageLevel().equals(StorageLevel.NONE()) ? work.cache() : work;
    }
    Dataset<Row> cached = work.storageLevel().equals(StorageLevel.NONE()) ? null : work;
    long total = work.count();
    if (total == 0) {
      unpersist(cached);
      return new Result(0, 0, 0, 0, alreadyScored, rescored, otherModelFile);
    }
    Chunks chunks = Chunks.of(total, spark.conf());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConf> conf = jsc.broadcast(new SerializableConf(spark.sparkContext().hadoopConfiguration()));
    LongAccumulator done = spark.sparkContext().longAccumulator("images scored");
    LongAccumulator failed = spark.sparkContext().longAccumulator("images with a failure");
    ScorePartition score = new ScorePartition(conf, new ScorePartition.Limits(o.maxPixels(), o.maxBytes(),
        o.imageTimeout()), o.runId(), done, failed, SpecShipping.forJob(spark.sparkContext().getConf(), o.catalog()),
        o.models(), Integer.parseInt(spark.conf().get("spark.sparkiqa.decodeAhead", "4")));
    try (Progress p = new Progress(total, done::value, failed::value, console, 5000)) {
      writeChunks(spark, work, total, chunks, score, scoresUri, console);
    } finally {
      unpersist(cached);
    }
    List<Row> counts = LatestScores.all(spark, scoresUri).filter(col("run_id").equalTo(o.runId()))
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
    return new Result(total, failed.value(), ok, bad, alreadyScored, rescored, otherModelFile);
  }

  /**
   * Rows scored by another file of a model than the catalog's now: the row's {@code model_sha256} is set (model
   * metrics record it) and differs from the catalog entry's (native metrics have none).
   */
  private static Column otherModelFile(Options o) {
    Column outdated = lit(false);
    for (String m : o.models()) {
      String sha = o.catalog().entry(m).modelSha256();
      if (sha != null) {
        outdated = outdated.or(col("model").equalTo(m).and(col("model_sha256").isNotNull())
            .and(col("model_sha256").notEqual(sha)));
      }
    }
    return outdated;
  }

  /**
   * A resumed run's rows must sort after the rows it heals: a run id is its start time, so a clock behind the one that
   * wrote {@code scores/} would make readers keep the old rows.
   */
  private static void requireLaterThan(Dataset<Row> latest, String runId) {
    Row newest = latest.agg(org.apache.spark.sql.functions.max("run_id")).first();
    if (!newest.isNullAt(0) && newest.getString(0).compareTo(runId) >= 0) {
      throw new IllegalStateException("scores/ holds rows of run " + newest.getString(0) + ", which sorts after this "
          + "run's id " + runId + ": is this machine's clock behind the one that wrote them? Fix the clock and resume");
    }
  }

  /**
   * Scores and commits each chunk ({@link Chunks}) of the {@code total} rows of {@code work} in turn, appending to
   * {@code scoresUri}. One chunk needs neither the chunk column nor a job to size the chunks.
   */
  private static void writeChunks(SparkSession spark, Dataset<Row> work, long total, Chunks chunks,
                                  ScorePartition score, String scoresUri, PrintStream console) {
    if (chunks.count() == 1) {
      writeChunk(spark, work, total, score, scoresUri, 0, 1);
      return;
    }
    Dataset<Row> chunked = work.withColumn("_chunk", chunks.column()).cache();
    try {
      List<Row> sizes = chunked.groupBy("_chunk").count().orderBy("_chunk").collectAsList();
      for (int k = 0; k < sizes.size(); k++) {
        Row c = sizes.get(k);
        writeChunk(spark, chunked.filter(col("_chunk").equalTo(c.getInt(0))).drop("_chunk"), c.getLong(1), score,
            scoresUri, k, sizes.size());
        if (sizes.size() > 1) {
          console.println("committed chunk " + (k + 1) + "/" + sizes.size() + " to scores/");
        }
      }
    } finally {
      chunked.unpersist();
    }
  }

  /** Scores and commits chunk {@code k} (of {@code of}), {@code rows} work rows. */
  private static void writeChunk(SparkSession spark, Dataset<Row> part, long rows, ScorePartition score,
                                 String scoresUri, int k, int of) {
    try {
      part.repartition(partitions(spark, rows)).sortWithinPartitions("ref_uri", "image_id", "level")
          .mapPartitions(score, Encoders.row(Schemas.SCORES)).write().mode(SaveMode.Append).parquet(scoresUri);
    } catch (Exception e) { // Spark rethrows the committer's IOException unchecked
      throw ChunkFailure.of(e, k, of, scoresUri, spark.sparkContext().hadoopConfiguration());
    }
  }

  /** Rows whose latest status is a failure of a {@link ScoreRecord#TRANSIENT} class. */
  private static Column transientFailure() {
    Column reasonClass = trim(substring_index(coalesce(col("error"), lit("")), ":", 1));
    return col("status").equalTo(ScoreRecord.FAILED).and(reasonClass.isin(ScoreRecord.TRANSIENT.toArray()));
  }

  /** Tasks for a chunk of {@code rows} work rows: ~rowsPerTask each, at least 4 per slot, in whole waves. */
  private static int partitions(SparkSession spark, long rows) {
    int parallelism = spark.sparkContext().defaultParallelism();
    long perTask = Long.parseLong(spark.conf().get("spark.sparkiqa.rowsPerTask", Long.toString(ROWS_PER_TASK)));
    long wanted = Math.max(parallelism * 4L, (rows + perTask - 1) / perTask);
    // whole waves: a last task running alone leaves the other slots idle (15 tasks on 2 slots cost ~6% here)
    wanted = (wanted + parallelism - 1) / parallelism * parallelism;
    return (int) Math.max(1, Math.min(rows, wanted));
  }

  private static void unpersist(Dataset<Row> cached) {
    if (cached != null) {
      cached.unpersist();
    }
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
