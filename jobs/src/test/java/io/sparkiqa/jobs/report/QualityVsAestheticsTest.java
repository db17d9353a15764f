package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality-vs-aesthetics view on a real local Spark {@code run}: two quality metrics (sharpness, psnr) and a
 * NIMA-shaped fixture whose spec says {@code aspect: aesthetics} (mobile_nima.json with that one field added) on the six
 * e2e images, grouped by their distortion. run.json records each model's aspect; the report's agreement cells equal the
 * SRCC recomputed here from scores/ (own ranking, no ties), and its first listed image is the one whose quality and
 * aesthetics percentiles differ most, recomputed here too.
 */
class QualityVsAestheticsTest {
  @TempDir
  Path tmp;

  @Test
  void aRunWithBothAspectsShowsTheirAgreementAndDisagreement() throws Exception {
    Path fixtures = Path.of(QualityVsAestheticsTest.class.getResource("/models/mobile_nima.json").toURI()).getParent();
    ObjectNode spec = (ObjectNode) new ObjectMapper().readTree(fixtures.resolve("mobile_nima.json").toFile());
    spec.put("id", "nima_aesthetic").put("aspect", "aesthetics").put("uri", fixtures.resolve("mobile_nima.onnx").toString());
    Path specFile = Files.writeString(tmp.resolve("nima_aesthetic.json"), spec.toString());
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = new StringBuilder("image_id,uri,ref_uri,mos,distortion\n");
    int k = 1;
    for (String[] e : TestSupport.csv("/e2e/expected_scores.csv")) {
      m.append(e[0]).append(',').append(TestSupport.uri(img.resolve(e[1]))).append(',')
          .append(TestSupport.uri(img.resolve(e[2]))).append(',').append(k++).append(',')
          .append(e[0].substring(e[0].indexOf('/') + 1)).append('\n');
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    Path out = tmp.resolve("run");
    TestSupport.Console run = TestSupport.sparkiqa("run", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness,psnr," + specFile, "--out", out.toString(), "--group-by", "distortion",
        "--bootstrap", "100");
    assertEquals(0, run.code(), run.output());
    assertEquals("aesthetics", new ObjectMapper().readTree(out.resolve("run.json").toFile())
        .path("models").path("nima_aesthetic").path("aspect").asText());

    Map<String, Map<String, Double>> scores = new HashMap<>();
    SparkSession spark = TestSupport.localSpark();
    try {
      for (Row r : spark.read().parquet(out.resolve("scores").toString()).filter("status = 'ok'").collectAsList()) {
        scores.computeIfAbsent(r.getAs("model"), x -> new HashMap<>()).put(r.getAs("image_id"), r.getAs("score"));
      }
    } finally {
      spark.stop();
    }
    List<String> ids = new ArrayList<>(scores.get("nima_aesthetic").keySet());
    ids.sort(String::compareTo);
    assertEquals(6, ids.size());
    String summary = Files.readString(out.resolve("summary.md"));
    assertTrue(summary.contains("\n## Quality vs aesthetics (direction-aligned SRCC)\n\n| group | psnr vs nima\\_aesthetic "
        + "| sharpness vs nima\\_aesthetic |\n"), summary);
    String all = "| all | " + cell(scores, ids, "psnr") + " | " + cell(scores, ids, "sharpness") + " |";
    assertTrue(summary.contains(all), all + "\n" + summary);
    assertTrue(summary.contains("| distortion = blur2 | — (n = 2) | — (n = 2) |"), "per-group rows: " + summary);

    // percentiles (1 = best): mean over the quality models, against the aesthetics model's
    Map<String, Double> q = new HashMap<>();
    for (String model : List.of("psnr", "sharpness")) {
      pct(scores.get(model), ids).forEach((id, p) -> q.merge(id, p / 2, Double::sum));
    }
    Map<String, Double> a = pct(scores.get("nima_aesthetic"), ids);
    String top = ids.stream().sorted((x, y) -> {
      int c = Double.compare(Math.abs(q.get(y) - a.get(y)), Math.abs(q.get(x) - a.get(x)));
      return c != 0 ? c : x.compareTo(y);
    }).findFirst().orElseThrow();
    String first = String.format(Locale.ROOT, "- %s: quality %.2f, aesthetics %.2f, difference %.2f", top, q.get(top),
        a.get(top), q.get(top) - a.get(top));
    assertTrue(summary.contains("(quality percentile − aesthetics percentile, 1 = best):\n\n" + first + "\n"),
        first + "\n" + summary);
    assertTrue(Files.readString(out.resolve("report.html")).contains("<h2>Quality vs aesthetics</h2>"));
  }

  /** "0.1234 (n = 6)": the SRCC of a quality model and the aesthetics model over the six images (no ties). */
  private static String cell(Map<String, Map<String, Double>> s, List<String> ids, String quality) {
    double[] rq = ranks(s.get(quality), ids);
    double[] ra = ranks(s.get("nima_aesthetic"), ids);
    double d2 = 0;
    for (int i = 0; i < ids.size(); i++) {
      d2 += (rq[i] - ra[i]) * (rq[i] - ra[i]);
    }
    int n = ids.size();
    return String.format(Locale.ROOT, "%.4f (n = %d)", 1 - 6 * d2 / (n * ((double) n * n - 1)), n);
  }

  private static double[] ranks(Map<String, Double> scores, List<String> ids) {
    double[] r = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      double v = scores.get(ids.get(i));
      r[i] = 1 + scores.values().stream().filter(x -> x < v).count();
    }
    return r;
  }

  private static Map<String, Double> pct(Map<String, Double> scores, List<String> ids) {
    double[] r = ranks(scores, ids);
    Map<String, Double> out = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      out.put(ids.get(i), (r[i] - 1) / (ids.size() - 1));
    }
    return out;
  }
}
