package io.sparkiqa.udfs.score;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.BatchMetric;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricResult;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Scores loaded rows, batching the metrics that batch ({@link BatchMetric} with {@code maxBatch() > 1}):
 * each image is prepared at once and waits in a bucket of equally shaped inputs; a full bucket runs as one
 * forward pass. At most {@link #OPEN_BUCKETS} buckets per metric stay open: a new shape beyond that flushes
 * the oldest, so odd shapes run in small batches (of 1 when alone) and memory stays bounded. Other metrics
 * score at once through {@link ImageScorer}. {@link #finish} flushes what is left. Every row ends as one
 * record per metric, ok or failed; {@link #imagesDone()} / {@link #imagesFailed()} count rows whose records
 * are all out. One instance per task; not thread-safe.
 */
public final class BatchingScorer {
  static final int OPEN_BUCKETS = 4;

  private final ImageScorer scorer;
  private final List<Metric> now = new ArrayList<>();
  private final List<BatchMetric<Object>> batched = new ArrayList<>();
  private final Map<BatchMetric<Object>, LinkedHashMap<String, List<Pending>>> buckets = new IdentityHashMap<>();
  private final Map<ImageLoader.Loaded, int[]> open = new IdentityHashMap<>();
  private long done;
  private long failed;

  private record Pending(ImageLoader.Loaded loaded, Object input, long nanos) {
  }

  @SuppressWarnings("unchecked")
  public BatchingScorer(ImageScorer scorer) {
    this.scorer = scorer;
    for (Metric m : scorer.metrics()) {
      if (m instanceof BatchMetric<?> b && b.maxBatch() > 1) {
        batched.add((BatchMetric<Object>) b);
        buckets.put((BatchMetric<Object>) b, new LinkedHashMap<>());
      } else {
        now.add(m);
      }
    }
  }

  /** Scores what can be scored now; returns the records that are complete. */
  public List<ScoreRecord> offer(ImageLoader.Loaded loaded) {
    List<ScoreRecord> out = new ArrayList<>(scorer.score(loaded, now));
    // index 0: records still to come, 1: 1 if any failed
    int[] state = {batched.size(), out.stream().anyMatch(r -> !r.ok()) ? 1 : 0};
    open.put(loaded, state);
    for (BatchMetric<Object> m : batched) {
      if (!loaded.ok()) {
        out.addAll(complete(loaded, scorer.failAll(loaded, List.of(m))));
        continue;
      }
      long t0 = System.nanoTime();
      Object input;
      try {
        // a full-reference model is prepared with the row's reference, read through the task's reference cache
        String refUri = loaded.request().refUri();
        RgbImage ref = m.spec().needsReference() && refUri != null ? scorer.reference(refUri) : null;
        input = scorer.budget().run(() -> m.prepare(loaded.image(), ref), 1);
      } catch (TimeoutException e) {
        out.add(completeOne(loaded, scorer.record(loaded, m, null,
            scorer.budget().timeoutError("preparing the input of " + m.spec().name()), loaded.nanos() + System.nanoTime() - t0)));
        continue;
      } catch (MetricException e) {
        out.add(completeOne(loaded, scorer.record(loaded, m, null, e.reasonClass() + ": " + e.getMessage(),
            loaded.nanos() + System.nanoTime() - t0)));
        continue;
      } catch (RuntimeException e) {
        out.add(completeOne(loaded, scorer.record(loaded, m, null, "internal_error: " + e, loaded.nanos() + System.nanoTime() - t0)));
        continue;
      }
      LinkedHashMap<String, List<Pending>> mine = buckets.get(m);
      String key = m.shapeKey(input);
      List<Pending> bucket = mine.get(key);
      if (bucket != null && tensors(m, bucket) + m.size(input) > m.maxBatch()) {
        mine.remove(key);
        out.addAll(run(m, bucket));
        bucket = null;
      }
      if (bucket == null) {
        bucket = new ArrayList<>();
        mine.put(key, bucket);
      }
      bucket.add(new Pending(loaded, input, loaded.nanos() + System.nanoTime() - t0));
      if (tensors(m, bucket) >= m.maxBatch()) {
        mine.remove(key);
        out.addAll(run(m, bucket));
      } else if (mine.size() > OPEN_BUCKETS) {
        Iterator<List<Pending>> oldest = mine.values().iterator();
        List<Pending> b = oldest.next();
        oldest.remove();
        out.addAll(run(m, b));
      }
    }
    if (batched.isEmpty()) {
      finished(loaded);
    }
    return out;
  }

  /** Runs every waiting bucket; call once the input is exhausted. */
  public List<ScoreRecord> finish() {
    List<ScoreRecord> out = new ArrayList<>();
    for (BatchMetric<Object> m : batched) {
      for (List<Pending> b : buckets.get(m).values()) {
        out.addAll(run(m, b));
      }
      buckets.get(m).clear();
    }
    return out;
  }

  public long imagesDone() {
    return done;
  }

  public long imagesFailed() {
    return failed;
  }

  private List<ScoreRecord> run(BatchMetric<Object> m, List<Pending> bucket) {
    long t0 = System.nanoTime();
    List<MetricResult> results = null;
    String error = null;
    try {
      List<Object> inputs = bucket.stream().map(Pending::input).toList();
      results = scorer.budget().run(() -> m.scoreBatch(inputs), bucket.size());
    } catch (TimeoutException e) {
      error = scorer.budget().timeoutError(m.spec().name() + " on a batch of " + bucket.size() + " image(s)");
    } catch (MetricException e) {
      error = e.reasonClass() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      error = "internal_error: " + e;
    }
    long share = (System.nanoTime() - t0) / bucket.size();
    List<ScoreRecord> out = new ArrayList<>(bucket.size());
    for (int i = 0; i < bucket.size(); i++) {
      Pending p = bucket.get(i);
      String why = error != null ? error : io.sparkiqa.udfs.metrics.Defined.failure(m.spec(), results.get(i));
      out.add(completeOne(p.loaded(), scorer.record(p.loaded(), m, why == null ? results.get(i) : null, why,
          p.nanos() + share)));
    }
    return out;
  }

  private static int tensors(BatchMetric<Object> m, List<Pending> bucket) {
    int n = 0;
    for (Pending p : bucket) {
      n += m.size(p.input());
    }
    return n;
  }

  private List<ScoreRecord> complete(ImageLoader.Loaded loaded, List<ScoreRecord> records) {
    records.forEach(r -> completeOne(loaded, r));
    return records;
  }

  private ScoreRecord completeOne(ImageLoader.Loaded loaded, ScoreRecord r) {
    int[] state = open.get(loaded);
    state[0]--;
    if (!r.ok()) {
      state[1] = 1;
    }
    if (state[0] == 0) {
      finished(loaded);
    }
    return r;
  }

  private void finished(ImageLoader.Loaded loaded) {
    int[] state = open.remove(loaded);
    done++;
    failed += state[1];
  }
}
