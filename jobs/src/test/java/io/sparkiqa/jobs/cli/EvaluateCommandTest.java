package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.evaluate.PairwiseRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on existing scores: the full metrics table (CIs, fits, Fisher intervals, seed), the
 * pairwise table, and the driver bound: above it a group keeps Spark SQL's SRCC and PLCC, equal to the
 * driver's to 1e-12, and says so.
 */
class EvaluateCommandTest {
  @TempDir
  static Path tmp;
  static List<MetricRow> full;
  static List<MetricRow> sparkOnly;
  static List<PairwiseRow> pairwise;

  @BeforeAll
  static void scoreOnceEvaluateTwice() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = new StringBuilder("image_id,uri,ref_uri,dataset,mos,kind\n");
    int k = 0;
    for (int copy = 0; copy < 3; copy++) {
      for (String[] e : TestSupport.csv("/e2e/expected_scores.csv")) {
        m.append(e[0]).append("#").append(copy).append(',').append(TestSupport.uri(img.resolve(e[1]))).append(',')
            .append(TestSupport.uri(img.resolve(e[2]))).append(",e2e,").append((k * 7) % 11 + copy).append(',')
            .append(copy == 0 ? "a" : "b").append('\n');
        k++;
      }
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    Path scores = tmp.resolve("s");
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        "psnr,sharpness", "--out", scores.toString()));
    assertEquals(0, SparkIqa.execute("evaluate", "--master", "local[2]", "--scores", scores.resolve("scores").toString(),
        "--manifest", manifest.toString(), "--out", tmp.resolve("e1").toString(), "--bootstrap", "200", "--seed", "5",
        "--group-by", "kind"));
    assertEquals(0, SparkIqa.execute("evaluate", "--master", "local[2]", "--scores", scores.resolve("scores").toString(),
        "--manifest", manifest.toString(), "--out", tmp.resolve("e2").toString(), "--driver-max-n", "10"));
    SparkSession spark = TestSupport.localSpark();
    try {
      full = spark.read().parquet(tmp.resolve("e1/metrics").toString()).collectAsList().stream().map(MetricRow::fromRow).toList();
      sparkOnly = spark.read().parquet(tmp.resolve("e2/metrics").toString()).collectAsList().stream().map(MetricRow::fromRow).toList();
      pairwise = spark.read().parquet(tmp.resolve("e1/pairwise").toString()).collectAsList().stream().map(PairwiseRow::fromRow).toList();
    } finally {
      spark.stop();
    }
  }

  private static MetricRow find(List<MetricRow> rows, String model, String group) {
    return rows.stream().filter(r -> r.model().equals(model) && r.group().equals(group)).findFirst().orElseThrow();
  }

  @Test
  void fullMetricsRowsCarryIntervalsFitsAndSeed() {
    MetricRow r = find(full, "psnr", "all");
    assertEquals(18, r.n());
    assertEquals("driver", r.statsPath());
    assertTrue(r.srccCiLow() <= r.srcc() && r.srcc() <= r.srccCiHigh(), r.toString());
    assertTrue(r.srccFisherLow() < r.srcc() && r.srcc() < r.srccFisherHigh());
    assertNotNull(r.plccLogistic4());
    assertNotNull(r.plccLogistic5());
    assertNotNull(r.rmseLogistic4());
    assertTrue(r.fitParams().contains("\"logistic4\""), r.fitParams());
    assertEquals(200, r.bootstrapB());
    assertEquals(5L, r.seed());
    MetricRow small = find(full, "psnr", "a");
    assertEquals(6, small.n());
    assertNull(small.plccLogistic4());
    assertTrue(small.reason().contains("logistic4 not fitted: n < 8"), small.reason());
  }

  @Test
  void pairwiseRowsPerGroupWithHolm() {
    assertEquals(3, pairwise.size(), "one pair (psnr, sharpness) in each of all, kind=a, kind=b");
    PairwiseRow p = pairwise.stream().filter(x -> x.group().equals("all")).findFirst().orElseThrow();
    assertEquals("psnr", p.modelA());
    assertEquals("sharpness", p.modelB());
    assertEquals(18, p.n());
    assertEquals(p.srccA() - p.srccB(), p.deltaSrcc(), 1e-15);
    assertEquals(p.pBootstrap(), p.pHolm(), 1e-15, "a single pair in its group: Holm leaves p alone");
    assertNotNull(p.williamsT());
    assertNotNull(p.steigerZ());
  }

  @Test
  void aboveTheDriverBoundSparkValuesAreKeptAndLabelled() {
    for (String model : new String[] {"psnr", "sharpness"}) {
      MetricRow d = find(full, model, "all");
      MetricRow s = find(sparkOnly, model, "all");
      assertEquals("spark", s.statsPath());
      assertTrue(s.reason().startsWith("n = 18 above the driver bound 10"), s.reason());
      assertEquals(d.srcc(), s.srcc(), 1e-12);
      assertEquals(d.plcc(), s.plcc(), 1e-12);
      assertNull(s.krcc());
      assertNull(s.srccCiLow());
    }
  }
}
