package io.sparkiqa.udfs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
import io.sparkiqa.udfs.models.ModelMetric;
import io.sparkiqa.udfs.models.ModelSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A task's rows that share a reference read it once: two scorers (rows needing different models, as in a resumed run)
 * with a native and the deep full-reference metric (lpips_tiny, batched by 4) ask one {@link ReferenceCache}; real
 * reads through {@link ImageBytes} are counted. The deep metric is batched with the references it was prepared with
 * (its batched scores equal one-by-one scoring), and a reference of another size fails its row for both metrics.
 */
class ReferenceReadsTest {
  private static final Path KODAK = TestSupport.repoRoot().resolve("udfs/src/test/resources/kodak-distorted");

  @Test
  void rowsSharingAReferenceReadItOncePerTask() throws Exception {
    Configuration conf = new Configuration();
    String specUri = TestSupport.repoRoot().resolve("jobs/src/test/resources/models/lpips_tiny.json").toString();
    ModelMetric lpips = new ModelMetric(ModelSpecs.load(specUri, conf), specUri, conf);
    ImageBytes bytes = new ImageBytes(conf, 1L << 26);
    Map<String, AtomicInteger> reads = new TreeMap<>();
    ReferenceCache cache = new ReferenceCache(uri -> {
      reads.computeIfAbsent(Path.of(java.net.URI.create(uri)).getFileName().toString(), k -> new AtomicInteger())
          .incrementAndGet();
      return bytes.read(uri);
    }, ImageDecoder.withDefaults());
    TimeBudget budget = new TimeBudget(TimeBudget.DEFAULT);
    BatchingScorer withPsnr = new BatchingScorer(new ImageScorer(cache, List.of(MetricTable.get("psnr"), lpips), "r", budget));
    BatchingScorer withSsim = new BatchingScorer(new ImageScorer(cache, List.of(MetricTable.get("ssim"), lpips), "r", budget));
    ImageLoader loader = new ImageLoader(bytes, ImageDecoder.withDefaults(), budget);
    List<ScoreRecord> out = new ArrayList<>();
    int row = 0;
    for (String h : List.of("h01", "h02")) {
      for (String d : List.of("blur15", "blur30", "jpeg10", "jpeg40", "noise10", "noise25")) {
        ScoreRequest req = new ScoreRequest(h + "_" + d, "image", uri(KODAK.resolve(h + "_" + d + ".png")),
            uri(KODAK.resolve(h + "_ref.png")), null, null, null, null);
        out.addAll((row++ % 2 == 0 ? withPsnr : withSsim).offer(loader.load(req)));
      }
    }
    ScoreRequest mismatch = new ScoreRequest("h01_small_ref", "image", uri(KODAK.resolve("h01_blur15.png")),
        uri(TestSupport.repoRoot().resolve("data/kodak/kodim05.png")), null, null, null, null);
    out.addAll(withPsnr.offer(loader.load(mismatch)));
    out.addAll(withPsnr.finish());
    out.addAll(withSsim.finish());

    assertEquals(Map.of("h01_ref.png", 1, "h02_ref.png", 1, "kodim05.png", 1), Map.copyOf(toInts(reads)));
    assertEquals(26, out.size(), "one record per (row, metric)");
    for (ScoreRecord r : out) {
      if (r.imageId().equals("h01_small_ref")) {
        assertEquals("ref_size_mismatch: ", r.error().substring(0, r.error().indexOf(':') + 2), r.model());
        continue;
      }
      assertEquals(ScoreRecord.OK, r.status(), r.imageId() + " " + r.model() + " " + r.error());
      if (r.model().equals("lpips_tiny")) {
        String h = r.imageId().substring(0, 3);
        double alone = lpips.score(decode(KODAK.resolve(r.imageId() + ".png")), decode(KODAK.resolve(h + "_ref.png"))).score();
        assertEquals(alone, r.score(), 1e-6, r.imageId() + ": batched as scored alone");
      }
    }
    assertEquals(13, withPsnr.imagesDone() + withSsim.imagesDone());
    assertEquals(1, withPsnr.imagesFailed() + withSsim.imagesFailed());
  }

  @Test
  void theCacheHoldsTheLastEightReferences() throws Exception {
    ImageBytes bytes = new ImageBytes(new Configuration(), 1L << 26);
    List<String> reads = new ArrayList<>();
    ReferenceCache cache = new ReferenceCache(uri -> {
      reads.add(uri);
      return bytes.read(uri);
    }, ImageDecoder.withDefaults());
    TimeBudget budget = new TimeBudget(TimeBudget.DEFAULT);
    List<String> refs = new ArrayList<>();
    for (String h : List.of("h01", "h02")) {
      for (String d : List.of("blur15", "blur30", "jpeg10", "jpeg40", "noise10")) {
        refs.add(uri(KODAK.resolve(h + "_" + d + ".png")));
      }
    }
    for (String r : refs.subList(0, 8)) {
      cache.get(r, budget);
    }
    cache.get(refs.get(0), budget);
    assertEquals(8, reads.size(), "8 held: the first is still there");
    cache.get(refs.get(8), budget);
    cache.get(refs.get(1), budget);
    assertEquals(List.of(refs.get(8), refs.get(1)), reads.subList(8, 10), "the 9th pushed out the least recently used");
    assertEquals(8, ReferenceCache.SIZE);
  }

  private static Map<String, Integer> toInts(Map<String, AtomicInteger> m) {
    Map<String, Integer> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private static io.sparkiqa.udfs.image.RgbImage decode(Path p) throws Exception {
    return ImageDecoder.withDefaults().decode(java.nio.file.Files.readAllBytes(p)).image();
  }

  private static String uri(Path p) {
    return p.toUri().toString();
  }
}
