package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.io.SerializableConf;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.score.BatchingScorer;
import io.sparkiqa.udfs.score.ImageLoader;
import io.sparkiqa.udfs.score.ImageScorer;
import io.sparkiqa.udfs.score.ReferenceCache;
import io.sparkiqa.udfs.score.ScoreRecord;
import io.sparkiqa.udfs.score.ScoreRequest;
import io.sparkiqa.udfs.score.TimeBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The executor side of the score job: for each work row (a manifest row plus the models still to run
 * on it) fetch and decode once, {@code decodeAhead} rows ahead on a background thread ({@link DecodeAhead}),
 * and score, batching deep models over equally shaped inputs ({@link BatchingScorer}), emitting
 * {@link io.sparkiqa.jobs.contracts.Schemas#SCORES} rows. Rows are produced lazily: a partition holds at most
 * the decode-ahead window and the open batches.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConf> conf;
  private final Limits limits;
  private final String runId;
  private final LongAccumulator imagesDone;
  private final LongAccumulator imagesFailed;
  private final MetricCatalog catalog;
  private final java.util.ArrayList<String> models;
  private final int decodeAhead;

  /** The per-image limits: pixel and byte caps and the time budget of each step ({@link TimeBudget}). */
  record Limits(long maxPixels, long maxBytes, Duration imageTimeout) implements java.io.Serializable {
  }

  ScorePartition(Broadcast<SerializableConf> conf, Limits limits, String runId, LongAccumulator imagesDone,
                 LongAccumulator imagesFailed, MetricCatalog catalog, List<String> models, int decodeAhead) {
    this.catalog = catalog;
    this.models = new java.util.ArrayList<>(models);
    this.decodeAhead = decodeAhead;
    this.conf = conf;
    this.limits = limits;
    this.runId = runId;
    this.imagesDone = imagesDone;
    this.imagesFailed = imagesFailed;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    MetricCatalog here = SpecShipping.onExecutor(catalog);
    // one scorer per model for the whole task: a multi-output spec's scores share their forward passes
    Map<String, Metric> metrics = new java.util.HashMap<>();
    // the task's device is read here, on the task thread: the models run on TimeBudget's worker thread
    List<Metric> all = here.metrics(models, conf.value().get(), SparkTaskResources.ofCurrentTask());
    for (int i = 0; i < models.size(); i++) {
      metrics.put(models.get(i), all.get(i));
    }
    TimeBudget loadBudget = new TimeBudget(limits.imageTimeout());
    TimeBudget scoreBudget = new TimeBudget(limits.imageTimeout());
    ImageLoader loader = new ImageLoader(new ImageBytes(conf.value().get(), limits.maxBytes()),
        new ImageDecoder(limits.maxPixels()), loadBudget);
    // one reference cache for the task: rows sharing a ref_uri read it once, whatever models each still needs
    ReferenceCache references = new ReferenceCache(new ImageBytes(conf.value().get(), limits.maxBytes())::read,
        new ImageDecoder(limits.maxPixels()));
    Map<List<String>, BatchingScorer> scorers = new LinkedHashMap<>();
    // each row decoded once, at the least JPEG reduction its models accept (full size for native metrics)
    DecodeAhead<Row, Item> ahead = new DecodeAhead<>(input, r -> {
      List<String> ms = r.getList(r.fieldIndex("models"));
      return new Item(ms, loader.load(request(r), ms.stream().map(metrics::get).toList()));
    }, decodeAhead);
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) ctx -> ahead.close());
    }
    return new Iterator<>() {
      private Iterator<ScoreRecord> pending = java.util.Collections.emptyIterator();
      private boolean finished;
      private long done;
      private long failed;

      @Override
      public boolean hasNext() {
        while (!pending.hasNext() && !finished) {
          if (ahead.hasNext()) {
            Item item = ahead.next();
            BatchingScorer s = scorers.computeIfAbsent(item.models(), ms -> new BatchingScorer(
                new ImageScorer(references, ms.stream().map(metrics::get).toList(), runId, scoreBudget)));
            pending = s.offer(item.loaded()).iterator();
          } else {
            List<ScoreRecord> rest = new ArrayList<>();
            scorers.values().forEach(s -> rest.addAll(s.finish()));
            pending = rest.iterator();
            finished = true;
            ahead.close();
          }
          count();
        }
        return pending.hasNext();
      }

      private void count() {
        long d = scorers.values().stream().mapToLong(BatchingScorer::imagesDone).sum();
        long f = scorers.values().stream().mapToLong(BatchingScorer::imagesFailed).sum();
        imagesDone.add(d - done);
        imagesFailed.add(f - failed);
        done = d;
        failed = f;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return toRow(pending.next());
      }
    };
  }

  private record Item(List<String> models, ImageLoader.Loaded loaded) {
  }

  private static ScoreRequest request(Row r) {
    return new ScoreRequest(r.getAs("image_id"), r.getAs("level"), r.getAs("uri"), r.getAs("ref_uri"),
        r.getAs("crop_top"), r.getAs("crop_left"), r.getAs("crop_bottom"), r.getAs("crop_right"));
  }

  static Row toRow(ScoreRecord s) {
    return RowFactory.create(s.imageId(), s.level(), s.model(), s.score(), s.status(), s.error(), s.width(),
        s.height(), s.format(), s.mode(), s.bitDepth(), s.exifOrientation(), s.hasAlpha(), s.contentSha256(),
        s.modelSha256(), s.preprocess(), s.runId(), s.millis(), CollectionConverters.asScala(s.diagnostics()));
  }
}
