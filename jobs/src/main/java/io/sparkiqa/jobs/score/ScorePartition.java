package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.io.SerializableConf;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
import io.sparkiqa.udfs.score.ImageScorer;
import io.sparkiqa.udfs.score.ScoreRecord;
import io.sparkiqa.udfs.score.ScoreRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The executor side of the score job: for each work row (a manifest row plus the models still to run
 * on it) fetch, decode once and score, emitting {@link io.sparkiqa.jobs.manifest.Schemas#SCORES} rows.
 * Rows are produced lazily, so a partition never holds more than one image's results.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConf> conf;
  private final long maxPixels;
  private final long maxBytes;
  private final String runId;
  private final LongAccumulator imagesDone;
  private final LongAccumulator imagesFailed;
  private final java.util.HashMap<String, String> specs;

  ScorePartition(Broadcast<SerializableConf> conf, long maxPixels, long maxBytes, String runId,
                 LongAccumulator imagesDone, LongAccumulator imagesFailed, java.util.HashMap<String, String> specs) {
    this.specs = specs;
    this.conf = conf;
    this.maxPixels = maxPixels;
    this.maxBytes = maxBytes;
    this.runId = runId;
    this.imagesDone = imagesDone;
    this.imagesFailed = imagesFailed;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    io.sparkiqa.jobs.models.SpecMetrics.ensure(specs, conf.value().get());
    ImageBytes bytes = new ImageBytes(conf.value().get(), maxBytes);
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    Map<List<String>, ImageScorer> scorers = new HashMap<>();
    return new Iterator<>() {
      private Iterator<Row> pending = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!pending.hasNext() && input.hasNext()) {
          pending = scoreOne(input.next(), bytes, decoder, scorers);
        }
        return pending.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return pending.next();
      }
    };
  }

  private Iterator<Row> scoreOne(Row r, ImageBytes bytes, ImageDecoder decoder, Map<List<String>, ImageScorer> scorers) {
    List<String> models = r.getList(r.fieldIndex("models"));
    ImageScorer scorer = scorers.computeIfAbsent(models, ms -> {
      List<Metric> metrics = new ArrayList<>();
      ms.forEach(m -> metrics.add(MetricTable.get(m)));
      return new ImageScorer(bytes, decoder, metrics, runId);
    });
    ScoreRequest req = new ScoreRequest(r.getAs("image_id"), r.getAs("level"), r.getAs("uri"), r.getAs("ref_uri"),
        r.getAs("crop_top"), r.getAs("crop_left"), r.getAs("crop_bottom"), r.getAs("crop_right"));
    List<ScoreRecord> recs = scorer.score(req);
    imagesDone.add(1);
    if (recs.stream().anyMatch(x -> !x.ok())) {
      imagesFailed.add(1);
    }
    List<Row> rows = new ArrayList<>(recs.size());
    for (ScoreRecord s : recs) {
      rows.add(toRow(s));
    }
    return rows.iterator();
  }

  static Row toRow(ScoreRecord s) {
    return RowFactory.create(s.imageId(), s.level(), s.model(), s.score(), s.status(), s.error(), s.width(),
        s.height(), s.format(), s.mode(), s.bitDepth(), s.exifOrientation(), s.hasAlpha(), s.contentSha256(),
        s.modelSha256(), s.preprocess(), s.runId(), s.millis(), CollectionConverters.asScala(s.diagnostics()));
  }
}
