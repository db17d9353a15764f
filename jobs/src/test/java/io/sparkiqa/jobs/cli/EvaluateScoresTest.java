package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkiqa.jobs.TestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} as its own command: a model's direction comes from {@code --direction}, then the run.json next
 * to the scores, then the catalog (a lower-better deep model scored by an earlier {@code score} keeps its negative
 * sign and direction-corrected pairwise delta), and scores made elsewhere (a CSV written by a small Python script,
 * as a user would) are evaluated with every table and the report; a scores file without {@code score} stops with
 * exit 2 before Spark starts.
 */
class EvaluateScoresTest {
  @TempDir
  Path tmp;

  private record Out(int code, String text) {
  }

  private static Out cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream tee = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
    try {
      return new Out(SparkIqa.execute(args), buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** image_id,uri,mos for the six e2e images (mos 1..6). */
  private Path manifest() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = new StringBuilder("image_id,uri,mos\n");
    int k = 1;
    for (String[] e : TestSupport.csv("/e2e/expected_scores.csv")) {
      m.append(e[0]).append(',').append(TestSupport.uri(img.resolve(e[1]))).append(',').append(k++).append('\n');
    }
    return Files.writeString(tmp.resolve("m.csv"), m.toString());
  }

  @Test
  void aLowerBetterSpecKeepsItsDirectionWhenEvaluatedSeparately() throws Exception {
    Path fixtures = Path.of(EvaluateScoresTest.class.getResource("/models/tiny_cnn.json").toURI()).getParent();
    ObjectNode spec = (ObjectNode) new ObjectMapper().readTree(fixtures.resolve("tiny_cnn.json").toFile());
    spec.put("id", "tiny_cnn_lower").put("lower_better", true).put("uri", fixtures.resolve("tiny_cnn.onnx").toString());
    Path specFile = Files.writeString(tmp.resolve("tiny_cnn_lower.json"), spec.toString());
    Path m = manifest();
    // score, then evaluate as a separate command: the catalog is the command's own (nothing global remembers the
    // spec), so evaluate knows the direction only from the run.json beside the scores
    Out sc = cli("score", "--master", "local[2]", "--manifest", m.toString(), "--models", "sharpness," + specFile,
        "--out", tmp.resolve("s").toString());
    assertEquals(0, sc.code(), sc.text());
    Out ev = cli("evaluate", "--master", "local[2]", "--scores", tmp.resolve("s/scores").toString(), "--manifest",
        m.toString(), "--out", tmp.resolve("e").toString(), "--bootstrap", "200");
    assertEquals(0, ev.code(), ev.text());
    assertFalse(ev.text().contains("warning: direction"), ev.text());

    SparkSession spark = TestSupport.localSpark();
    try {
      Row lower = metricsRow(spark, tmp.resolve("e"), "tiny_cnn_lower");
      Row sharp = metricsRow(spark, tmp.resolve("e"), "sharpness");
      assertTrue(lower.<Boolean>getAs("lower_better"), "the spec's direction reached the separate evaluate");
      assertFalse(sharp.<Boolean>getAs("lower_better"));
      double a = lower.getAs("srcc");
      double b = sharp.getAs("srcc");
      assertTrue(Math.abs(a) > 0.1, "the model's SRCC is far from 0, so its sign matters: " + a);
      Row pw = spark.read().parquet(tmp.resolve("e/pairwise").toString()).filter("group_by = 'all'").first();
      double expected = "tiny_cnn_lower".equals(pw.getAs("model_a")) ? -a - b : b - (-a);
      assertEquals(expected, pw.<Double>getAs("delta_srcc"), 1e-12, "direction-corrected delta SRCC");
    } finally {
      spark.stop();
    }
    JsonNode directions = new ObjectMapper().readTree(tmp.resolve("e/run.json").toFile()).get("directions");
    assertEquals("run.json", directions.get("tiny_cnn_lower").get("direction_source").asText());
    assertTrue(directions.get("tiny_cnn_lower").get("lower_better").asBoolean());
  }

  @Test
  void scoresMadeElsewhereAreEvaluatedWithTheirDirection() throws Exception {
    Path m = manifest();
    Path csv = tmp.resolve("vendor_scores.csv");
    // a user's own pipeline: image name and a lower-better score (distance from the best MOS), nothing else
    String script = String.join("\n",
        "import csv, sys",
        "rows = list(csv.DictReader(open(sys.argv[1])))",
        "with open(sys.argv[2], 'w', newline='') as f:",
        "    w = csv.writer(f)",
        "    w.writerow(['image_id', 'model', 'score'])",
        "    for i, r in enumerate(rows):",
        "        w.writerow([r['image_id'], 'vendor', 7 - float(r['mos']) + 0.01 * (i % 2)])",
        "    for i, r in enumerate(rows):",
        "        w.writerow([r['image_id'], 'other', '' if i == 0 else float(r['mos']) ** 2])",
        "    for r in rows:",
        "        w.writerow([r['image_id'], 'niqe', float(r['mos'])])");
    Process p = new ProcessBuilder(TestSupport.python(), "-c", script, m.toString(), csv.toString()).inheritIO().start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "the Python script wrote the CSV");

    Out ev = cli("evaluate", "--master", "local[2]", "--scores", csv.toString(), "--manifest", m.toString(), "--out",
        tmp.resolve("e").toString(), "--bootstrap", "200", "--direction", "vendor=lower", "--direction", "niqe=higher");
    assertEquals(0, ev.code(), ev.text());
    assertTrue(ev.text().contains("warning: direction of other is unknown"), ev.text());
    assertTrue(ev.text().contains("warning: direction of niqe: --direction says higher-better, the catalog says "
        + "lower-better; using higher-better (option)"), ev.text());
    for (String t : List.of("metrics", "pairwise", "points", "rejects", "report.html", "summary.md", "run.json")) {
      assertTrue(Files.exists(tmp.resolve("e").resolve(t)), t);
    }
    SparkSession spark = TestSupport.localSpark();
    try {
      Row vendor = metricsRow(spark, tmp.resolve("e"), "vendor");
      assertTrue(vendor.<Boolean>getAs("lower_better"));
      assertEquals(6L, vendor.<Long>getAs("n"));
      assertEquals(-1.0, vendor.<Double>getAs("srcc"), 1e-12, "signed: lower-better scores rank against MOS");
      Row other = metricsRow(spark, tmp.resolve("e"), "other");
      assertFalse(other.<Boolean>getAs("lower_better"));
      assertEquals(5L, other.<Long>getAs("n"));
      assertEquals(1L, other.<Long>getAs("n_failed"), "an empty score is a failed row, counted");
      // on the 5 images both scored, vendor (lower-better, SRCC -1) and other (SRCC +1) are equally good once
      // oriented: delta 0; taken as higher-better, vendor would trail by 2
      Row pw = spark.read().parquet(tmp.resolve("e/pairwise").toString())
          .filter("group_by = 'all' and ((model_a = 'other' and model_b = 'vendor') or (model_a = 'vendor' and model_b = 'other'))")
          .first();
      assertEquals(0.0, pw.<Double>getAs("delta_srcc"), 1e-12, "direction-corrected delta SRCC");
      assertFalse(metricsRow(spark, tmp.resolve("e"), "niqe").<Boolean>getAs("lower_better"), "--direction wins");
    } finally {
      spark.stop();
    }
    JsonNode directions = new ObjectMapper().readTree(tmp.resolve("e/run.json").toFile()).get("directions");
    assertEquals("option", directions.get("vendor").get("direction_source").asText());
    assertEquals("assumed", directions.get("other").get("direction_source").asText());

    // re-rendering takes the directions evaluate recorded; a different --direction is checked against metrics/
    Out same = cli("report", "--master", "local[2]", "--in", tmp.resolve("e").toString(), "--out", tmp.resolve("r1").toString());
    assertEquals(0, same.code(), same.text());
    assertFalse(same.text().contains("was computed as"), same.text());
    Out changed = cli("report", "--master", "local[2]", "--in", tmp.resolve("e").toString(), "--out",
        tmp.resolve("r2").toString(), "--direction", "vendor=higher");
    assertEquals(0, changed.code(), changed.text());
    String note = "Direction of vendor: metrics/ was computed as lower-better, but option says higher-better";
    assertTrue(changed.text().contains("warning: " + note) && changed.text().contains("run.json says lower-better"),
        changed.text());
    assertTrue(Files.readString(tmp.resolve("r2/report.html")).contains(note), "the report says it too");
    assertTrue(Files.readString(tmp.resolve("r2/summary.md")).contains(note));
    assertFalse(Files.readString(tmp.resolve("r1/report.html")).contains("was computed as"));

    // the same scores as JSON lines whose first row is a failed one without a score field (as JSON writers leave it)
    StringBuilder jsonl = new StringBuilder();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      String[] f = line.split(",", -1);
      jsonl.append(f[2].isEmpty() ? String.format("{\"image_id\":\"%s\",\"model\":\"%s\"}%n", f[0], f[1])
          : String.format("{\"image_id\":\"%s\",\"model\":\"%s\",\"score\":%s}%n", f[0], f[1], f[2]));
    }
    List<String> lines = new java.util.ArrayList<>(jsonl.toString().lines().toList());
    lines.sort((a, b) -> Boolean.compare(a.contains("score"), b.contains("score")));
    Path json = Files.write(tmp.resolve("vendor_scores.jsonl"), lines);
    Out fromJson = cli("evaluate", "--master", "local[2]", "--scores", json.toString(), "--manifest", m.toString(),
        "--out", tmp.resolve("ej").toString(), "--bootstrap", "200", "--direction", "vendor=lower");
    assertEquals(0, fromJson.code(), fromJson.text());
    SparkSession again = TestSupport.localSpark();
    try {
      Row other = metricsRow(again, tmp.resolve("ej"), "other");
      assertEquals(5L, other.<Long>getAs("n"));
      assertEquals(1L, other.<Long>getAs("n_failed"));
      assertEquals(-1.0, metricsRow(again, tmp.resolve("ej"), "vendor").<Double>getAs("srcc"), 1e-12);
    } finally {
      again.stop();
    }
  }

  @Test
  void aScoresFileWithoutScoreStopsBeforeSparkStarts() throws Exception {
    Path m = manifest();
    Path csv = Files.writeString(tmp.resolve("no_score.csv"), "image_id,model,value\nkodim03/jpeg30,vendor,1.0\n");
    Out ev = cli("evaluate", "--scores", csv.toString(), "--manifest", m.toString(), "--out", tmp.resolve("e").toString());
    assertEquals(2, ev.code(), ev.text());
    assertTrue(ev.text().contains("no column 'score'"), ev.text());
    assertFalse(Files.exists(tmp.resolve("e")));
    // with a master Spark cannot parse, the column is still what stops it: the check runs before Spark starts
    Out early = cli("evaluate", "--master", "nonsense://x", "--scores", csv.toString(), "--manifest", m.toString(),
        "--out", tmp.resolve("e").toString());
    assertEquals(2, early.code(), early.text());
    assertTrue(early.text().contains("no column 'score'"), early.text());

    Path text = Files.writeString(tmp.resolve("text_score.csv"), "image_id,model,score\nkodim03/jpeg30,vendor,high\n");
    Out typed = cli("evaluate", "--master", "local[1]", "--scores", text.toString(), "--manifest", m.toString(), "--out",
        tmp.resolve("e2").toString());
    assertEquals(2, typed.code(), typed.text());
    assertTrue(typed.text().contains("column 'score' must be numeric, found string"), typed.text());
  }

  private static Row metricsRow(SparkSession spark, Path out, String model) {
    return spark.read().parquet(out.resolve("metrics").toString())
        .filter("model = '" + model + "' and group_by = 'all'").first();
  }
}
