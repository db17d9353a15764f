package io.sparkiqa.udfs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Aspect;
import io.sparkiqa.udfs.metrics.BatchMetric;
import io.sparkiqa.udfs.metrics.MetricResult;
import io.sparkiqa.udfs.metrics.MetricSpec;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --image-timeout}: a step that never returns and ignores interrupts (a spinning metric, a batch forward pass,
 * a stalled read) fails its rows with {@code timeout} and the task goes on to the next image, whose other metrics
 * are scored as usual.
 */
class TimeBudgetTest {
  private static final Duration BUDGET = Duration.ofMillis(500);
  /** Spinning steps stop when the class is done, so they do not burn the test JVM's cores afterwards. */
  private static volatile boolean spin = true;

  /** OpenCV's native libraries load on the first decode, which must not count against the first row's budget. */
  @BeforeAll
  static void loadOpenCv() throws Exception {
    ImageDecoder.withDefaults().decode(java.nio.file.Files.readAllBytes(Path.of("src/test/resources/decode/rgb.png")));
  }

  @AfterAll
  static void stopSpinning() {
    spin = false;
  }

  /** Never returns while the test runs, and swallows every interrupt (sleeping, so abandoned steps cost no CPU). */
  private static void spinIgnoringInterrupts() {
    while (spin) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        // ignored on purpose: the step cannot be stopped, only abandoned
      }
    }
  }

  private static final MetricSpec SPIN = new MetricSpec("spin", MetricSpec.Mode.NR, false, 0, 1, "none", Aspect.QUALITY,
      "spins forever, ignoring interrupts");

  /** A batched metric whose forward pass never returns. */
  private static final class SpinningBatch implements BatchMetric<RgbImage> {
    @Override
    public MetricSpec spec() {
      return new MetricSpec("spin_batch", MetricSpec.Mode.NR, false, 0, 1, "none", Aspect.QUALITY, "spins");
    }

    @Override
    public MetricResult score(RgbImage image, RgbImage reference) {
      return scoreBatch(List.of(image)).get(0);
    }

    @Override
    public RgbImage prepare(RgbImage image) {
      return image;
    }

    @Override
    public String shapeKey(RgbImage prepared) {
      return "all";
    }

    @Override
    public int size(RgbImage prepared) {
      return 1;
    }

    @Override
    public int maxBatch() {
      return 2;
    }

    @Override
    public List<MetricResult> scoreBatch(List<RgbImage> prepared) {
      spinIgnoringInterrupts();
      return List.of();
    }
  }

  /** A file system whose every lookup stalls, as an object store that stopped answering. */
  public static final class StallingFileSystem extends RawLocalFileSystem {
    @Override
    public String getScheme() {
      return "stall";
    }

    @Override
    public URI getUri() {
      return URI.create("stall:///");
    }

    @Override
    public FileStatus getFileStatus(org.apache.hadoop.fs.Path p) {
      spinIgnoringInterrupts();
      return null;
    }
  }

  private static String image(String name) {
    return Path.of("src/test/resources/decode", name).toAbsolutePath().toUri().toString();
  }

  @Test
  void aSpinningMetricTimesOutPerImageAndTheOthersAreScored() {
    Configuration conf = new Configuration();
    ImageBytes bytes = new ImageBytes(conf, 1L << 30);
    io.sparkiqa.udfs.metrics.Metric spinning = new io.sparkiqa.udfs.metrics.Metric() {
      @Override
      public MetricSpec spec() {
        return SPIN;
      }

      @Override
      public MetricResult score(RgbImage image, RgbImage reference) {
        spinIgnoringInterrupts();
        return MetricResult.of(0);
      }
    };
    TimeBudget budget = new TimeBudget(BUDGET);
    ImageLoader loader = new ImageLoader(bytes, ImageDecoder.withDefaults(), new TimeBudget(BUDGET));
    BatchingScorer scorer = new BatchingScorer(new ImageScorer(bytes, ImageDecoder.withDefaults(),
        List.of(spinning, MetricTable.get("sharpness"), new SpinningBatch()), "t", budget));
    List<ScoreRecord> rows = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (String f : List.of("rgb.png", "grey.jpg", "rgb.jpg")) {
        rows.addAll(scorer.offer(loader.load(new ScoreRequest(f, "image", image(f), null, null, null, null, null))));
      }
      rows.addAll(scorer.finish());
    });
    Map<String, String> outcome = new TreeMap<>();
    rows.forEach(r -> outcome.put(r.imageId() + "|" + r.model(), r.ok() ? "ok" : ScoreRecord.reasonClass(r.error())));
    Map<String, String> expected = new TreeMap<>();
    for (String f : List.of("rgb.png", "grey.jpg", "rgb.jpg")) {
      expected.put(f + "|spin", "timeout");
      expected.put(f + "|sharpness", "ok");
      expected.put(f + "|spin_batch", "timeout");
    }
    assertEquals(expected, outcome);
    assertEquals(9, rows.size(), "one row per image and metric");
    assertEquals(3, scorer.imagesDone());
    assertEquals(3, scorer.imagesFailed());
    // 3 single-image steps and 2 batches (of 2 and of 1 image) were abandoned, each leaving its thread behind
    assertEquals(5, budget.abandoned());
    String error = rows.stream().filter(r -> r.model().equals("spin")).findFirst().orElseThrow().error();
    assertEquals("timeout: spin on this image took over 500 ms (--image-timeout); the step was abandoned", error);
  }

  @Test
  void aStalledReadFailsTheRowWithTimeout() {
    Configuration conf = new Configuration();
    conf.set("fs.stall.impl", StallingFileSystem.class.getName());
    conf.setBoolean("fs.stall.impl.disable.cache", true);
    ImageLoader loader = new ImageLoader(new ImageBytes(conf, 1L << 30), ImageDecoder.withDefaults(),
        new TimeBudget(BUDGET));
    ImageLoader.Loaded stalled = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> loader.load(new ScoreRequest("a", "image", "stall:///a.png", null, null, null, null, null)));
    assertEquals("timeout: reading and decoding the image took over 500 ms (--image-timeout); the step was abandoned",
        stalled.failure());
    ImageLoader.Loaded next = loader.load(new ScoreRequest("b", "image", image("rgb.png"), null, null, null, null, null));
    assertTrue(next.ok(), "the next row loads on a fresh thread: " + next.failure());
  }

  @Test
  void aBudgetMustBePositive() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new TimeBudget(Duration.ZERO));
    assertEquals("the per-image time budget must be positive, got PT0S", e.getMessage());
  }
}
