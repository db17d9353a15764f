package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
import io.sparkiqa.udfs.score.BatchingScorer;
import io.sparkiqa.udfs.score.ImageLoader;
import io.sparkiqa.udfs.score.ImageScorer;
import io.sparkiqa.udfs.score.ScoreRecord;
import io.sparkiqa.udfs.score.ScoreRequest;
import io.sparkiqa.udfs.score.TimeBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Shape-bucketed batching with real models: the CLIP-style tower at native resolution (batch.max 4) gets the
 * five landscape photos as a batch of 4 and a batch of 1, the portrait photo alone; the 5-level model (4 grid
 * crops per image, batch.max 16) runs 4 images then 2; a built-in metric scores at once; a missing file fails
 * every metric; scores equal the Python pipeline and the image counts reconcile.
 */
class BatchingTest {
  @Test
  void bucketsByShapeAndScoresEqualThePythonPipeline() throws Exception {
    Configuration conf = new Configuration();
    List<Metric> metrics = new ArrayList<>();
    for (String id : List.of("clip_rn50_tiny", "levels5")) {
      String uri = ModelParityTest.fixtures().resolve(id + ".json").toString();
      metrics.add(new ModelMetric(ModelSpecs.load(uri, conf), uri, conf));
    }
    metrics.add(MetricTable.get("sharpness"));
    ImageBytes bytes = new ImageBytes(conf, 1L << 30);
    ImageScorer scorer = new ImageScorer(bytes, ImageDecoder.withDefaults(), metrics, "run", new TimeBudget(TimeBudget.DEFAULT));
    BatchingScorer batching = new BatchingScorer(scorer);
    ImageLoader loader = new ImageLoader(bytes, ImageDecoder.withDefaults(), new TimeBudget(TimeBudget.DEFAULT));
    List<ScoreRecord> out = new ArrayList<>();
    long passes = ModelMetric.forwardPasses();
    List<String> photos = List.of("kodim01", "kodim02", "kodim03", "kodim04", "kodim05", "kodim06", "missing");
    for (String p : photos) {
      String uri = TestSupport.repoRoot().resolve("data/kodak/" + p + ".png").toUri().toString();
      out.addAll(batching.offer(loader.load(new ScoreRequest(p, null, uri, null, null, null, null, null))));
    }
    assertTrue(batching.imagesDone() < photos.size(), "some images wait in open batches");
    out.addAll(batching.finish());
    assertEquals(3 + 2, ModelMetric.forwardPasses() - passes, "clip: 4 + 1 landscape, 1 portrait; levels5: 4 + 2");
    assertEquals(photos.size() * 3, out.size());
    assertEquals(photos.size(), batching.imagesDone());
    assertEquals(1, batching.imagesFailed());
    for (String id : List.of("clip_rn50_tiny", "levels5")) {
      Map<String, Double> expected = ModelParityTest.expected(id);
      for (ScoreRecord r : out) {
        if (r.model().equals(id) && expected.containsKey(r.imageId())) {
          assertEquals(ScoreRecord.OK, r.status());
          assertEquals(expected.get(r.imageId()), r.score(), 1e-4, id + " " + r.imageId());
        }
      }
    }
    assertEquals(3, out.stream().filter(r -> r.imageId().equals("missing") && !r.ok()).count());
  }
}
