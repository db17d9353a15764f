package io.sparkiqa.jobs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkiqa audit} on the synthetic generated corpus (12 photos x 6 pseudo-generators + extras):
 * sharpness ranks the medians gen-a > gen-b > gen-c > gen-d; niqe and brisque score gen-a's median better
 * than gen-d's, gen-e's and gen-f's; the broken rows are failures with reasons, the duplicate is found,
 * rows reconcile; drift gives p > 0.05 for gen-a against itself and p < 1e-3 for gen-d against gen-a;
 * thresholds calibrated on a MOS run (logistic-4, cut on predicted MOS) call gen-d bad more often than gen-a.
 */
class AuditEndToEndTest {
  @TempDir
  Path tmp;

  @Test
  void auditsTheGeneratedCorpus() throws IOException {
    Path corpus = tmp.resolve("corpus");
    assertEquals(0, SparkIqa.execute("datasets", "gencorpus", "--photos", TestSupport.repoRoot().resolve("data/kodak").toString(),
        "--limit", "12", "--out", corpus.toString()));
    Path out = tmp.resolve("audit");
    assertEquals(0, SparkIqa.execute("audit", "--master", "local[2]", "--manifest", corpus.resolve("manifest.jsonl").toString(),
        "--models", "sharpness,niqe,brisque", "--out", out.toString(), "--group-by", "generator", "--threshold", "niqe=6",
        "--bootstrap", "200"));
    // drift: gen-a against itself, and gen-d against gen-a (each command stops its session: run them first)
    Path a = subset(corpus, "gen-a/kodim", "a.jsonl");
    Path d = subset(corpus, "gen-d/", "d.jsonl");
    // calibration: the logistic-4 of a run on a two-photo ladder maps niqe/sharpness to a predicted severity rank
    Path ladder = tmp.resolve("ladder");
    assertEquals(0, SparkIqa.execute("datasets", "ladder", "--photos", TestSupport.repoRoot().resolve("data/kodak").toString(),
        "--ids", "kodim01,kodim03", "--out", ladder.toString()));
    Path calib = tmp.resolve("calib");
    assertEquals(0, SparkIqa.execute("run", "--master", "local[2]", "--manifest", ladder.resolve("manifest.jsonl").toString(),
        "--models", "sharpness,niqe", "--out", calib.toString(), "--bootstrap", "50"));
    assertEquals(2, SparkIqa.execute("audit", "--manifest", a.toString(), "--models", "niqe", "--out",
        tmp.resolve("nope").toString(), "--calibration", calib.toString()));
    String[] cal = {"--calibration", calib.toString(), "--mos-cut", "3"};
    assertEquals(0, audit(a, tmp.resolve("auditA"), null, cal));
    assertEquals(0, audit(a, tmp.resolve("auditA2"), tmp.resolve("auditA"), "--direction", "sharpness=lower"));
    assertEquals(0, SparkIqa.execute("report", "--in", out.toString(), "--out", tmp.resolve("rerendered").toString(),
        "--direction", "niqe=higher"));
    assertTrue(Files.readString(tmp.resolve("rerendered/report.html")).contains("Direction of niqe: distributions/ was "
        + "computed as lower-better, but option says higher-better"));
    assertEquals(0, audit(d, tmp.resolve("auditD"), tmp.resolve("auditA"), cal));
    SparkSession spark = TestSupport.localSpark();
    try {
      Map<String, Double> median = spark.read().parquet(out.resolve("distributions").toString())
          .filter("group_by = 'generator' and n > 0").collectAsList().stream()
          .collect(Collectors.toMap(r -> r.getAs("model") + "|" + r.getAs("group"), r -> r.<Double>getAs("p50")));
      assertTrue(median.get("sharpness|gen-a") > median.get("sharpness|gen-b"), median.toString());
      assertTrue(median.get("sharpness|gen-b") > median.get("sharpness|gen-c"), median.toString());
      assertTrue(median.get("sharpness|gen-c") > median.get("sharpness|gen-d"), median.toString());
      for (String m : List.of("niqe", "brisque")) {
        for (String g : List.of("gen-d", "gen-e", "gen-f")) {
          assertTrue(median.get(m + "|gen-a") < median.get(m + "|" + g), m + " gen-a vs " + g + ": " + median);
        }
      }
      Row niqeAll = spark.read().parquet(out.resolve("distributions").toString())
          .filter("model = 'niqe' and group_by = 'all'").first();
      for (Row all : spark.read().parquet(out.resolve("distributions").toString()).filter("group_by = 'all'")
          .collectAsList()) {
        assertEquals(4L, all.<Long>getAs("n_failed"), "the four broken rows, as run.json's failed: " + all);
        assertEquals(79L, all.<Long>getAs("n") + all.<Long>getAs("n_failed") + all.<Long>getAs("n_nonfinite"),
            "every manifest row once per model: " + all);
      }
      assertTrue(niqeAll.<String>getAs("threshold_source").startsWith("config: bad when niqe > 6"));
      assertTrue(niqeAll.<Double>getAs("mean_ci_low") < niqeAll.<Double>getAs("mean")
          && niqeAll.<Double>getAs("mean") < niqeAll.<Double>getAs("mean_ci_high"));

      List<Row> failed = spark.read().parquet(out.resolve("scores").toString()).filter("status = 'failed'")
          .select("image_id", "error").distinct().collectAsList();
      Map<String, String> reasons = failed.stream().collect(Collectors.toMap(r -> r.getString(0),
          r -> r.getString(1).replaceFirst(":.*", ""), (x, y) -> x));
      assertEquals(Map.of("broken/truncated", "undecodable", "broken/empty", "empty", "broken/text", "unsupported_format",
          "broken/missing", "missing"), reasons);
      String runJson = Files.readString(out.resolve("run.json")).replaceAll("\\s", "");
      assertTrue(runJson.contains("\"rows_in\":79") && runJson.contains("\"scored_ok\":75")
          && runJson.contains("\"failed\":4") && runJson.contains("\"rejected\":0"), runJson);
      List<Row> dups = spark.read().parquet(out.resolve("duplicates").toString()).collectAsList();
      assertEquals(1, dups.size());
      assertEquals(List.of("gen-a/kodim01", "gen-a/kodim01/copy"), dups.get(0).getList(2));
      assertEquals(1L, spark.read().parquet(out.resolve("ingest").toString())
          .filter("facet = 'mode' and value = 'grey'").first().<Long>getAs("n"));
      assertEquals(9, spark.read().parquet(out.resolve("agreement").toString()).count());
      List<Row> dis = spark.read().parquet(out.resolve("disagreement").toString()).collectAsList();
      assertEquals(12, dis.size());
      assertTrue(dis.stream().allMatch(r -> r.getAs("thumbnail_jpeg") != null));
      List<Row> ext = spark.read().parquet(out.resolve("extremes").toString()).filter("model = 'sharpness'").collectAsList();
      assertEquals(24, ext.size());
      Row worst = ext.stream().filter(r -> r.getAs("kind").equals("worst") && r.<Integer>getAs("rank") == 1).findFirst().orElseThrow();
      assertTrue(worst.<String>getAs("image_id").startsWith("gen-d/"), worst.toString());
      String html = Files.readString(out.resolve("report.html"));
      assertTrue(html.contains("Worst and best images per model") && html.contains("data:image/jpeg;base64,")
          && html.contains("broken/missing") && html.contains("config: bad when niqe &gt; 6"));

      for (Row r : spark.read().parquet(tmp.resolve("auditA2/drift").toString()).collectAsList()) {
        assertTrue(r.<Double>getAs("ks_p") > 0.05, "self drift " + r);
      }
      List<Row> drift = spark.read().parquet(tmp.resolve("auditD/drift").toString()).filter("group_by = 'all'").collectAsList();
      assertEquals(2, drift.size());
      for (Row r : drift) {
        assertTrue(r.<Double>getAs("ks_p") < 1e-3, "gen-d vs gen-a " + r);
      }
      assertTrue(Files.readString(tmp.resolve("auditD/summary.md")).contains("## Drift"));
      Row calA = spark.read().parquet(tmp.resolve("auditA/distributions").toString())
          .filter("model = 'niqe' and group_by = 'all'").first();
      Row calD = spark.read().parquet(tmp.resolve("auditD/distributions").toString())
          .filter("model = 'niqe' and group_by = 'all'").first();
      assertTrue(calA.<String>getAs("threshold_source").startsWith("calibrated: logistic-4 from "), calA.toString());
      // --direction sharpness=lower on the same images: the distributions say so and the aligned agreement flips sign
      String sharpAll = "model = 'sharpness' and group_by = 'all'";
      assertFalse(spark.read().parquet(tmp.resolve("auditA/distributions").toString()).filter(sharpAll).first()
          .<Boolean>getAs("lower_better"));
      assertTrue(spark.read().parquet(tmp.resolve("auditA2/distributions").toString()).filter(sharpAll).first()
          .<Boolean>getAs("lower_better"));
      String pair = "model_a = 'sharpness' and model_b = 'niqe'";
      double agreeA = spark.read().parquet(tmp.resolve("auditA/agreement").toString()).filter(pair).first().getAs("agreement");
      double agreeA2 = spark.read().parquet(tmp.resolve("auditA2/agreement").toString()).filter(pair).first().getAs("agreement");
      assertTrue(Math.abs(agreeA) > 0.1 && agreeA2 == -agreeA, agreeA + " / " + agreeA2);
      String worstA2 = spark.read().parquet(tmp.resolve("auditA2/extremes").toString())
          .filter("model = 'sharpness' and kind = 'worst' and rank = 1").first().getAs("image_id");
      String bestA = spark.read().parquet(tmp.resolve("auditA/extremes").toString())
          .filter("model = 'sharpness' and kind = 'best' and rank = 1").first().getAs("image_id");
      assertEquals(bestA, worstA2, "taken as lower-better, the sharpest image is the worst");
      assertTrue(Files.readString(tmp.resolve("auditA2/run.json")).replaceAll("\\s", "")
          .contains("\"sharpness\":{\"lower_better\":true,\"direction_source\":\"option\"}"));
      assertTrue(calD.<Double>getAs("share_bad") > calA.<Double>getAs("share_bad"),
          "blur sigma 4 is predicted worse more often: " + calA + " / " + calD);
    } finally {
      spark.stop();
    }
  }

  private static Path subset(Path corpus, String prefix, String name) throws IOException {
    List<String> lines = Files.readAllLines(corpus.resolve("manifest.jsonl")).stream()
        .filter(l -> l.contains("\"image_id\":\"" + prefix)).toList();
    return Files.write(corpus.resolve(name), lines);
  }

  private static int audit(Path manifest, Path out, Path baseline, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("audit", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness,niqe", "--out", out.toString(), "--bootstrap", "50", "--top-k", "3"));
    if (baseline != null) {
      args.addAll(List.of("--baseline", baseline.toString()));
    }
    args.addAll(List.of(extra));
    return SparkIqa.execute(args.toArray(String[]::new));
  }
}
