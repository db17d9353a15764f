package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DMOS-style full-reference set end to end: a label file in the unified layout for the six real Kodak distorted
 * crops and their references (test resources e2e/), with a constructed DMOS (lower = better) that reverses their
 * PSNR order except for one adjacent swap, goes through {@code datasets prepare --dataset csiq} and
 * {@code run --models psnr,ssim --group-by dis_type}. PSNR's raw SRCC stays signed against the published DMOS
 * (-(1 - 6·2/(6·35)) = -0.942857...), the direction-corrected value and the pairwise table's are positive, the flag
 * reaches metrics/, and the report has the DMOS note and the per-distortion table.
 */
class FullReferenceDmosTest {
  /** One adjacent swap among 6 ranks: SRCC = 1 - 6 * 2 / (6 * (36 - 1)). */
  private static final double RHO = 1 - 12.0 / 210;

  @TempDir
  Path tmp;

  @Test
  void rawSrccIsSignedAndTheCorrectedOneIsPositive() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    // the e2e images by descending PSNR (expected_scores.csv), each given a DMOS rising with its place in that order
    List<String[]> byPsnr = new java.util.ArrayList<>(TestSupport.csv("/e2e/expected_scores.csv"));
    byPsnr.sort((a, b) -> Double.compare(Double.parseDouble(b[3]), Double.parseDouble(a[3])));
    double[] dmos = {0.10, 0.20, 0.35, 0.30, 0.50, 0.70}; // places 3 and 4 swapped
    StringBuilder labels = new StringBuilder("dis_img_path,dis_type,ref_img_path,score\n");
    for (int i = 0; i < byPsnr.size(); i++) {
      String[] e = byPsnr.get(i);
      labels.append(e[1]).append(',').append(e[0].substring(e[0].indexOf('/') + 1).replaceAll("[0-9]+$", ""))
          .append(',').append(e[2]).append(',').append(dmos[i]).append('\n');
    }
    Path file = Files.writeString(tmp.resolve("dmos.txt"), labels.toString());

    TestSupport.Console prep = TestSupport.sparkiqa("datasets", "prepare", "--master", "local[2]", "--dataset", "csiq",
        "--labels", file.toString(), "--images", img.toString(), "--out", tmp.resolve("prep").toString());
    assertEquals(0, prep.code(), prep.output());
    assertTrue(prep.output().contains("csiq: 6 manifest rows, 0 rejected"), prep.output());
    Path out = tmp.resolve("run");
    TestSupport.Console run = TestSupport.sparkiqa("run", "--master", "local[2]", "--manifest",
        tmp.resolve("prep/manifest").toString(), "--models", "psnr,ssim", "--out", out.toString(), "--group-by",
        "dis_type", "--bootstrap", "200");
    assertEquals(0, run.code(), run.output());

    SparkSession spark = TestSupport.localSpark();
    try {
      Map<String, Row> metrics = new HashMap<>();
      spark.read().parquet(out.resolve("metrics").toString()).collectAsList()
          .forEach(r -> metrics.put(r.getAs("model") + "|" + r.getAs("group"), r));
      Row psnr = metrics.get("psnr|all");
      assertEquals(6L, psnr.<Long>getAs("n"));
      assertEquals(false, psnr.getAs("lower_better"));
      assertEquals(true, psnr.getAs("mos_lower_better"));
      assertEquals(-RHO, psnr.<Double>getAs("srcc"), 1e-12, "raw SRCC is signed against the published DMOS");
      Row ssim = metrics.get("ssim|all");
      assertEquals(true, ssim.getAs("mos_lower_better"));
      assertEquals(List.of("blur", "jpeg", "noise"), metrics.keySet().stream().filter(k -> k.startsWith("psnr|")
          && !k.endsWith("|all")).map(k -> k.substring(5)).sorted().toList(), "one metrics row per dis_type");

      Row pw = spark.read().parquet(out.resolve("pairwise").toString()).filter("group_by = 'all'").first();
      assertEquals("psnr", pw.getAs("model_a"));
      assertEquals(RHO, pw.<Double>getAs("srcc_a"), 1e-12, "the pairwise table corrects the human scale too");
      assertEquals(-ssim.<Double>getAs("srcc"), pw.<Double>getAs("srcc_b"), 1e-12);
    } finally {
      spark.stop();
    }
    String summary = Files.readString(out.resolve("summary.md"));
    assertTrue(summary.contains(" | image | all | 6 | 0 | false | true | -0.9429 | 0.9429 |"), summary);
    assertTrue(summary.contains("The target of csiq is lower = better (a DMOS; mos_lower_better)"), summary);
    assertTrue(summary.contains("### dis\\_type — csiq / — / image"), summary);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<h2>Per-group SRCC</h2>"), "per-distortion table in the report");
    assertTrue(!html.contains("Quality vs aesthetics"), "no aesthetics model, no quality-vs-aesthetics view");
  }
}
