package io.sparkiqa.udfs.models.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.udfs.score.ScoreRecord;
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
 * The inference-server lane end to end on a local Spark against scripts/kserve/v2_server.py on loopback: the bundled
 * ONNX model served over KServe v2 scores 12 Kodak photos as the in-JVM ONNX path does (within 1e-5); the server
 * SIGKILLed mid-run loses no row (the rest fail as server_unavailable, a transient class, after their retries) and
 * {@code --resume} with the server back scores exactly those, to the same values. conf/models/qalign.json against a
 * server answering fixed level logits gives the levels head's score of those logits.
 */
class InferenceServerTest {
  private static final double PARITY = 1e-5;
  private static final String SERVED = "kodak_nr_served";
  private static final int PHOTOS = 12;

  @TempDir
  Path tmp;

  /** conf/models/kodak_nr.json as a served spec: same preprocessing and head, batches of 2 to the server. */
  private Path servedKodakSpec() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode s = (ObjectNode) json.readTree(TestSupport.repoRoot().resolve("conf/models/kodak_nr.json").toFile());
    s.put("id", SERVED).put("engine", "InferenceServer");
    s.remove(List.of("uri", "engine_options"));
    ((ObjectNode) s.get("batch")).put("max", 2);
    s.putObject("server").put("model", "kodak_nr").put("input", "pixels").put("output", "quality")
        .put("timeout_s", 10).put("retries", 2).put("backoff_ms", 50);
    return Files.writeString(tmp.resolve(SERVED + ".json"), json.writeValueAsString(s));
  }

  private Path kodakManifest() throws Exception {
    StringBuilder m = new StringBuilder("image_id,uri\n");
    for (int i = 1; i <= PHOTOS; i++) {
      String id = String.format("kodim%02d", i);
      m.append(id).append(',').append(TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/" + id + ".png")))
          .append('\n');
    }
    return Files.writeString(tmp.resolve("kodak.csv"), m.toString());
  }

  /** Latest rows by "image_id|model". */
  private static Map<String, Row> latest(Path out) {
    SparkSession spark = TestSupport.localSpark();
    try {
      Map<String, Row> rows = new HashMap<>();
      for (Row r : LatestScores.read(spark, out.resolve("scores").toString()).collectAsList()) {
        rows.put(r.getAs("image_id") + "|" + r.getAs("model"), r);
      }
      return rows;
    } finally {
      spark.stop();
    }
  }

  private static TestSupport.Console score(Path manifest, String models, Path out, String url, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("score", "--master", "local[2]", "--manifest",
        manifest.toString(), "--models", models, "--out", out.toString(), "--conf", ServerUrl.KEY + "=" + url));
    args.addAll(List.of(more));
    return TestSupport.sparkiqa(args.toArray(String[]::new));
  }

  @Test
  void servedScoresEqualInJvmOnesAndAKilledServerLosesNoRow() throws Exception {
    String inJvm = TestSupport.repoRoot().resolve("conf/models/kodak_nr.json").toString();
    String models = inJvm + "," + servedKodakSpec();
    Path manifest = kodakManifest();
    Path out = tmp.resolve("out");
    String onnx = "kodak_nr=" + TestSupport.repoRoot().resolve("conf/models/kodak_nr.onnx");
    int port;
    long retriesBefore = InferenceClient.retries();
    try (V2ServerProcess server = V2ServerProcess.start(0, "--onnx", onnx, "--delay-ms", "100")) {
      port = server.port();
      server.killAfter(3);
      // 4 tasks of 3 photos (2 at a time): each sends a batch of 2, then one of 1
      TestSupport.Console first = score(manifest, models, out, server.url(), "--conf", "spark.default.parallelism=1");
      assertEquals(0, first.code(), first.output());
      assertFalse(server.alive(), "killed mid-run");
      assertTrue(server.infersSettled() >= 3);
      assertTrue(server.batches().stream().allMatch(b -> b == 1 || b == 2) && server.batches().contains(2),
          "batches of batch.max 2 (a task's last of 1): " + server.batches());
    }
    Map<String, Row> rows = latest(out);
    assertEquals(2 * PHOTOS, rows.size(), "2 models per photo: no row lost");
    int ok = 0;
    for (int i = 1; i <= PHOTOS; i++) {
      String id = String.format("kodim%02d", i);
      Row local = rows.get(id + "|kodak_nr");
      Row served = rows.get(id + "|" + SERVED);
      assertEquals("ok", local.getAs("status"), id);
      if ("ok".equals(served.getAs("status"))) {
        ok++;
        assertEquals((double) local.getAs("score"), (double) served.getAs("score"), PARITY, id);
      } else {
        String error = served.getAs("error");
        assertEquals("server_unavailable", ScoreRecord.reasonClass(error), error);
        assertTrue(ScoreRecord.TRANSIENT.contains(ScoreRecord.reasonClass(error)));
      }
    }
    assertTrue(ok >= 3 && ok < PHOTOS, ok + " served before the kill (3 or 4 answered batches of 1 or 2)");
    assertTrue(InferenceClient.retries() - retriesBefore >= PHOTOS - ok, "each failed batch (1 or 2 rows) retried twice");

    double maxDiff = 0;
    try (V2ServerProcess again = V2ServerProcess.start(port, "--onnx", onnx)) {
      TestSupport.Console resumed = score(manifest, models, out, again.url(), "--resume", "--conf",
          "spark.default.parallelism=1");
      assertEquals(0, resumed.code(), resumed.output());
      int requests = again.infersSettled();
      assertEquals(PHOTOS - ok, again.batches().stream().mapToInt(Integer::intValue).sum(),
          requests + " requests for the " + (PHOTOS - ok) + " failed rows only");
    }
    rows = latest(out);
    assertEquals(2 * PHOTOS, rows.size());
    for (int i = 1; i <= PHOTOS; i++) {
      String id = String.format("kodim%02d", i);
      Row served = rows.get(id + "|" + SERVED);
      assertEquals("ok", served.getAs("status"), id + ": " + served.getAs("error"));
      double diff = Math.abs((double) rows.get(id + "|kodak_nr").getAs("score") - (double) served.getAs("score"));
      maxDiff = Math.max(maxDiff, diff);
      assertTrue(diff <= PARITY, id + " differs by " + diff);
    }
    System.out.println("InferenceServerTest: served vs in-JVM kodak_nr on " + PHOTOS + " photos, max |diff| " + maxDiff);
  }

  @Test
  void servedSpecsValidateAndAMalformedServerUrlFailsBeforeSpark() throws Exception {
    String qalign = TestSupport.repoRoot().resolve("conf/models/qalign.json").toString();
    TestSupport.Console v = TestSupport.sparkiqa("models", "validate", qalign);
    assertEquals(0, v.code(), v.output());
    assertTrue(v.output().contains(qalign + ": ok (qalign, InferenceServer, scores [qalign (Levels head)], outputs "
        + "checked on the server, preprocess fixed448x448-pil-bicubic/nocrop/RGB/range[0.0,1.0]/mean[0.48145466,"
        + "0.4578275,0.40821073]/std[0.26862954,0.26130258,0.27577711]/NCHW)\n"), v.output());
    Path manifest = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\nkodim05,"
        + TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/kodim05.png")) + "\n");
    TestSupport.Console c = score(manifest, qalign, tmp.resolve("bad"), "127.0.0.1:8000");
    assertEquals(2, c.code(), c.output());
    assertTrue(c.output().contains("spark.sparkiqa.inferenceServer.url '127.0.0.1:8000': expected the inference "
        + "server's base URL, e.g. http://127.0.0.1:8000"), c.output());
    assertFalse(Files.exists(tmp.resolve("bad")), "refused before any job wrote its output");
  }

  @Test
  void qalignSpecGivesTheLevelsHeadScoreOfTheServedLogits() throws Exception {
    // excellent, good, fair, poor, bad: a Q-Align-like answer for a fairly good photo
    double[] logits = {1.5, 2.75, 0.5, -1.25, -3};
    Path spec = TestSupport.repoRoot().resolve("conf/models/qalign.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode asJson = (ObjectNode) json.readTree(spec.toFile());
    asJson.put("id", "qalign_json");
    ((ObjectNode) asJson.get("server")).put("binary", false);
    Path jsonSpec = Files.writeString(tmp.resolve("qalign_json.json"), json.writeValueAsString(asJson));
    StringBuilder m = new StringBuilder("image_id,uri\n");
    for (String id : List.of("kodim05", "kodim23")) {
      m.append(id).append(',').append(TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/" + id + ".png"))).append('\n');
    }
    Path manifest = Files.writeString(tmp.resolve("q.csv"), m.toString());
    Path out = tmp.resolve("q");
    try (V2ServerProcess server = V2ServerProcess.start(0, "--fixed", "qalign=level_logits:1.5,2.75,0.5,-1.25,-3")) {
      TestSupport.Console c = score(manifest, spec + "," + jsonSpec, out, server.url());
      assertEquals(0, c.code(), c.output());
      server.infersSettled();
      assertEquals(4, server.batches().stream().mapToInt(Integer::intValue).sum(), "2 photos x 2 specs, none twice");
    }
    // softmax over the five logits, weighted 5..1 (Q-Align's rule), computed here independently of Head
    double z = 0;
    for (double l : logits) {
      z += Math.exp(l);
    }
    double expected = 0;
    for (int k = 0; k < 5; k++) {
      expected += (5 - k) * Math.exp(logits[k]) / z;
    }
    assertEquals(4.0955, expected, 5e-5, "the value README quotes");
    Map<String, Row> rows = latest(out);
    assertEquals(4, rows.size());
    for (Row r : rows.values()) {
      assertEquals("ok", r.getAs("status"), r.toString());
      assertEquals(expected, (double) r.getAs("score"), 1e-12, r.toString());
      assertEquals(null, (String) r.getAs("model_sha256"), "no model file: the server holds it");
    }
  }
}
