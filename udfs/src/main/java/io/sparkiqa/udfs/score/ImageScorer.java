package io.sparkiqa.udfs.score;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.ImageInfo;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Defined;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Scores a loaded manifest row ({@link ImageLoader}: read and decoded once, cropped to the row's box) with
 * the requested metrics: decodes the reference at most once for a run of rows that share it (a {@link ReferenceCache},
 * shared by the task's scorers), and turns every problem into a failed {@link ScoreRecord} with a reason. One instance per task;
 * not thread-safe. {@link BatchingScorer} drives it and batches the deep models itself:
 *
 * <pre>{@code
 * BatchingScorer s = new BatchingScorer(new ImageScorer(bytes, decoder, List.of(MetricTable.get("psnr")), runId,
 *     new TimeBudget(TimeBudget.DEFAULT)));
 * List<ScoreRecord> rows = s.offer(loader.load(request));   // never throws for bad input
 * rows.addAll(s.finish());                                   // one row per metric and request in all
 * }</pre>
 */
public final class ImageScorer {
  private static final int REF_CACHE = 8;

  private final List<Metric> metrics;
  private final String runId;
  private final TimeBudget budget;
  private final ReferenceCache references;

  public List<Metric> metrics() {
    return metrics;
  }

  /**
   * @param budget the time limit of each metric call (and reference decode) on one image ({@link TimeBudget}); used
   *               on the calling thread only
   */
  public ImageScorer(ImageBytes bytes, ImageDecoder decoder, List<Metric> metrics, String runId, TimeBudget budget) {
    this(new ReferenceCache(bytes::read, decoder), metrics, runId, budget);
  }

  /** A scorer reading references through {@code references} (one cache for all the scorers of a task). */
  public ImageScorer(ReferenceCache references, List<Metric> metrics, String runId, TimeBudget budget) {
    this.references = references;
    this.metrics = List.copyOf(metrics);
    this.runId = runId;
    this.budget = budget;
  }

  TimeBudget budget() {
    return budget;
  }

  /** Scores a loaded row with the given metrics (a failed load fails every one of them). */
  List<ScoreRecord> score(ImageLoader.Loaded loaded, List<Metric> which) {
    if (!loaded.ok()) {
      return failAll(loaded, which);
    }
    List<ScoreRecord> out = new ArrayList<>(which.size());
    for (Metric m : which) {
      long t1 = System.nanoTime();
      MetricResult r = null;
      String error = null;
      try {
        RgbImage ref = null;
        if (m.spec().needsReference() && loaded.request().refUri() != null) {
          ref = reference(loaded.request().refUri());
        }
        RgbImage reference = ref;
        r = budget.run(() -> m.score(loaded.image(), reference), 1);
        Defined.check(m.spec(), r);
      } catch (TimeoutException e) {
        error = budget.timeoutError(m.spec().name() + " on this image");
      } catch (MetricException e) {
        error = e.reasonClass() + ": " + e.getMessage();
      } catch (RuntimeException e) {
        error = "internal_error: " + e;
      }
      out.add(record(loaded, m, r, error, loaded.nanos() + System.nanoTime() - t1));
    }
    return out;
  }

  /** The row's decoded reference ({@link ReferenceCache}). */
  RgbImage reference(String refUri) throws MetricException {
    return references.get(refUri, budget);
  }

  List<ScoreRecord> failAll(ImageLoader.Loaded loaded, List<Metric> which) {
    List<ScoreRecord> out = new ArrayList<>(which.size());
    for (Metric m : which) {
      out.add(record(loaded, m, null, loaded.failure(), loaded.nanos()));
    }
    return out;
  }

  /** The scores row of one metric on one loaded row: ok with the result, or failed with the error. */
  ScoreRecord record(ImageLoader.Loaded loaded, Metric m, MetricResult result, String error, long nanos) {
    boolean ok = error == null;
    ScoreRequest req = loaded.request();
    ImageInfo info = loaded.decoded() == null ? null : loaded.decoded().info();
    return new ScoreRecord(req.imageId(), req.level(), m.spec().name(), ok ? result.score() : null,
        ok ? ScoreRecord.OK : ScoreRecord.FAILED, error,
        info == null ? null : info.width(), info == null ? null : info.height(),
        info == null ? null : info.format(), info == null ? null : info.mode(),
        info == null ? null : info.bitDepth(), info == null ? null : info.exifOrientation(),
        info == null ? null : info.hasAlpha(), loaded.sha256(), m.modelSha256(), m.spec().preprocess(), runId,
        nanos / 1_000_000, ok ? result.diagnostics() : Map.of());
  }
}
