package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.image.TorchInterpolate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fixture (scripts/fixtures/make_model_fixtures.py: random weights, plain torch.nn) through DJL with
 * Java preprocessing equals the Python pipeline (PIL, torch interpolate, NumPy, onnxruntime / TorchScript)
 * within 1e-4 on six photos whose scores spread by > 1e-2: (a) a small CNN as ONNX and as TorchScript (PIL
 * bicubic to 64x64), (b) a MobileNet-style net with a 10-bin distribution (torch bilinear with antialias,
 * centre crop), (c) a CLIP RN50-style tower at native resolution with a prompt-pair head (TorchScript),
 * (d) a 5-level head over a 2x2 grid of crops. Mutations (BGR, bilinear for bicubic, antialias off, a crop
 * shifted by one pixel) each move a score by > 1e-3. On local[2] with 8 partitions the model is loaded once
 * per JVM and every predictor is closed.
 */
class ModelParityTest {
  static final List<String> FIXTURES = List.of("tiny_cnn", "tiny_cnn_pt", "mobile_nima", "clip_rn50_tiny", "levels5");

  @TempDir
  Path tmp;

  static Path fixtures() throws Exception {
    return Path.of(ModelParityTest.class.getResource("/models/tiny_cnn.json").toURI()).getParent();
  }

  static Map<String, Double> expected(String id) throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(fixtures().resolve(id + "_expected.csv")).subList(1, 7)) {
      m.put(line.split(",")[0], Double.parseDouble(line.split(",")[1]));
    }
    return m;
  }

  static RgbImage photo(String name) throws Exception {
    return ImageDecoder.withDefaults().decode(Files.readAllBytes(TestSupport.repoRoot().resolve("data/kodak/" + name + ".png")))
        .image();
  }

  /** The fixture's metric, its spec text changed by replacing {@code from} with {@code to}. */
  private ModelMetric metric(String id, String from, String to) throws Exception {
    ModelSpec original = ModelSpecs.parse(fixtures().resolve(id + ".json").toString(), new Configuration());
    Path dir = Files.createDirectories(tmp.resolve(id + Math.abs((from + to).hashCode())));
    Path model = dir.resolve(original.uri());
    if (!Files.exists(model)) {
      Files.copy(fixtures().resolve(original.uri()), model);
    }
    String text = Files.readString(fixtures().resolve(id + ".json"));
    assertTrue(from.isEmpty() || text.contains(from), id + " spec has no " + from);
    Path spec = Files.writeString(dir.resolve(id + ".json"), from.isEmpty() ? text : text.replace(from, to));
    return new ModelMetric(ModelSpecs.load(spec.toString(), new Configuration()), spec.toString(), new Configuration());
  }

  @Test
  void everyFixtureEqualsThePythonPipeline() throws Exception {
    for (String id : FIXTURES) {
      ModelMetric m = metric(id, "", "");
      double maxDiff = 0;
      for (Map.Entry<String, Double> e : expected(id).entrySet()) {
        maxDiff = Math.max(maxDiff, Math.abs(m.score(photo(e.getKey()), null).score() - e.getValue()));
      }
      assertTrue(maxDiff <= 1e-4, id + ": Java vs Python max |diff| " + maxDiff);
      DoubleSummaryStatistics spread = expected(id).values().stream().mapToDouble(Double::doubleValue).summaryStatistics();
      assertTrue(spread.getMax() - spread.getMin() >= 1e-2, id + ": Python scores must spread by >= 1e-2");
      System.out.printf("%s parity: max |Java - Python| = %.3g (scores spread %.3g); preprocess %s%n", id, maxDiff,
          spread.getMax() - spread.getMin(), m.spec().preprocess());
    }
  }

  /** Largest move of a score over the six photos when the mutation is applied. */
  private double move(String id, ModelMetric mutated) throws Exception {
    double move = 0;
    for (Map.Entry<String, Double> e : expected(id).entrySet()) {
      move = Math.max(move, Math.abs(mutated.score(photo(e.getKey()), null).score() - e.getValue()));
    }
    return move;
  }

  /** The scores with every crop box moved one pixel to the right (and down, where there is room). */
  private double shiftedCropMove(String id) throws Exception {
    ModelMetric m = metric(id, "", "");
    Preprocess pre = new Preprocess(m.modelSpec());
    double move = 0;
    for (Map.Entry<String, Double> e : expected(id).entrySet()) {
      TorchInterpolate.Planes p = pre.resize(photo(e.getKey()));
      List<Preprocess.Tensor> crops = new ArrayList<>();
      for (int[] b : pre.boxes(p.width(), p.height())) {
        int top = Math.min(b[0] + 1, p.height() - b[2]);
        int left = Math.min(b[1] + 1, p.width() - b[3]);
        crops.add(pre.normalise(p, top, left, b[2], b[3]));
      }
      move = Math.max(move, Math.abs(m.scoreBatch(List.of(crops)).get(0).score() - e.getValue()));
    }
    return move;
  }

  @Test
  void mutationsOfThePreprocessingMoveScores() throws Exception {
    Map<String, Double> moves = new LinkedHashMap<>();
    moves.put("tiny_cnn BGR", move("tiny_cnn", metric("tiny_cnn", "\"RGB\"", "\"BGR\"")));
    moves.put("tiny_cnn bilinear for bicubic", move("tiny_cnn", metric("tiny_cnn", "\"bicubic\"", "\"bilinear\"")));
    moves.put("tiny_cnn_pt BGR", move("tiny_cnn_pt", metric("tiny_cnn_pt", "\"RGB\"", "\"BGR\"")));
    moves.put("mobile_nima antialias off", move("mobile_nima", metric("mobile_nima", "\"antialias\": true",
        "\"antialias\": false")));
    moves.put("mobile_nima bicubic for bilinear", move("mobile_nima", metric("mobile_nima", "\"bilinear\"", "\"bicubic\"")));
    moves.put("mobile_nima centre crop shifted 1 px", shiftedCropMove("mobile_nima"));
    moves.put("levels5 grid crops shifted 1 px", shiftedCropMove("levels5"));
    moves.put("clip_rn50_tiny BGR", move("clip_rn50_tiny", metric("clip_rn50_tiny", "\"RGB\"", "\"BGR\"")));
    moves.forEach((k, v) -> {
      System.out.printf("mutation %s moves a score by %.3g%n", k, v);
      assertTrue(v > 1e-3, k + " must move a score by > 1e-3: " + v);
    });
    assertEquals("fixed64x64-pil-bicubic/nocrop/RGB/range[0.0,1.0]/mean[0.485,0.456,0.406]/std[0.229,0.224,0.225]/NCHW",
        metric("tiny_cnn", "", "").spec().preprocess());
    assertTrue(metric("mobile_nima", "", "").spec().preprocess().startsWith("shorter_side160-torch-bilinear-aa/center144x144/"));
    assertTrue(metric("levels5", "", "").spec().preprocess().startsWith("shorter_side192-pil-bicubic/grid4x128x128/"));
  }

  @Test
  void batchesEqualSingleImages() throws Exception {
    for (String id : List.of("mobile_nima", "levels5", "tiny_cnn_pt")) {
      ModelMetric m = metric(id, "", "");
      List<List<Preprocess.Tensor>> batch = new ArrayList<>();
      List<Double> single = new ArrayList<>();
      for (String p : List.of("kodim01", "kodim02", "kodim03", "kodim05")) {
        batch.add(m.prepare(photo(p)));
        single.add(m.score(photo(p), null).score());
      }
      List<io.sparkiqa.udfs.metrics.MetricResult> together = m.scoreBatch(batch);
      for (int i = 0; i < single.size(); i++) {
        assertEquals(single.get(i), together.get(i).score(), 1e-5, id + " image " + i);
      }
    }
  }

  @Test
  void oneEngineLoadPerJvmOnLocal2WithEightPartitionsAndEveryPredictorClosed() throws Exception {
    String specUri = fixtures().resolve("tiny_cnn.json").toString();
    String photo = TestSupport.repoRoot().resolve("data/kodak/kodim01.png").toString();
    LoadedModels.closeAll();
    int before = LoadedModels.engineLoads();
    SparkSession spark = TestSupport.localSpark();
    try {
      List<Double> scores = spark.range(0, 16, 1, 8).mapPartitions((MapPartitionsFunction<Long, Double>) it -> {
        ModelSpec spec = ModelSpecs.load(specUri, new Configuration());
        ModelMetric metric = new ModelMetric(spec, specUri, new Configuration());
        RgbImage img = ImageDecoder.withDefaults().decode(Files.readAllBytes(Path.of(photo))).image();
        List<Double> out = new ArrayList<>();
        while (it.hasNext()) {
          it.next();
          out.add(metric.score(img, null).score());
        }
        return out.iterator();
      }, Encoders.DOUBLE()).collectAsList();
      assertEquals(16, scores.size());
      assertTrue(scores.stream().allMatch(s -> Math.abs(s - scores.get(0)) == 0));
      assertEquals(before + 1, LoadedModels.engineLoads(), "one engine load for 8 partitions on local[2]");
      assertTrue(LoadedModels.openPredictors() >= 1 && LoadedModels.openPredictors() <= 8,
          "one predictor per task thread: " + LoadedModels.openPredictors());
    } finally {
      spark.stop();
    }
    LoadedModels.closeAll();
    assertEquals(0, LoadedModels.openPredictors());
  }

  @Test
  void theScoreJobTakesASpecFileNextToBuiltInMetrics() throws Exception {
    Path dir = fixtures();
    StringBuilder m = new StringBuilder("image_id,uri\n");
    for (String p : List.of("kodim01", "kodim02", "kodim03")) {
      m.append(p).append(',').append(TestSupport.repoRoot().resolve("data/kodak/" + p + ".png").toUri()).append('\n');
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    Path out = tmp.resolve("out");
    assertEquals(0, io.sparkiqa.jobs.cli.SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness," + dir.resolve("tiny_cnn.json"), "--out", out.toString()));
    SparkSession spark = TestSupport.localSpark();
    try {
      List<org.apache.spark.sql.Row> rows = spark.read().parquet(out.resolve("scores").toString())
          .filter("model = 'tiny_cnn'").orderBy("image_id").collectAsList();
      assertEquals(3, rows.size());
      Map<String, Double> expected = expected("tiny_cnn");
      for (org.apache.spark.sql.Row r : rows) {
        assertEquals("ok", r.getAs("status"));
        assertEquals(expected.get(r.<String>getAs("image_id")), r.<Double>getAs("score"), 1e-4);
        assertEquals(64, r.<String>getAs("model_sha256").length());
        assertTrue(r.<String>getAs("preprocess").startsWith("fixed64x64-pil-bicubic"));
      }
    } finally {
      spark.stop();
    }
    com.fasterxml.jackson.databind.JsonNode models = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("run.json").toFile()).get("models");
    com.fasterxml.jackson.databind.JsonNode deep = models.get("tiny_cnn");
    assertEquals("deep", deep.get("kind").asText());
    assertEquals("OnnxRuntime", deep.get("engine").asText());
    assertEquals(sha256(Files.readAllBytes(dir.resolve("tiny_cnn.onnx"))), deep.get("sha256").asText());
    assertEquals(sha256(Files.readAllBytes(dir.resolve("tiny_cnn.json"))), deep.get("spec_sha256").asText());
    assertEquals("native", models.get("sharpness").get("kind").asText());
    assertTrue(models.get("sharpness").get("sha256").isNull());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
