package io.sparkiqa.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The tiny CNN fixture (ONNX, random weights; scripts/fixtures/make_model_fixtures.py) through DJL's ONNX
 * Runtime engine with Java preprocessing (Pillow-exact bicubic resize, float32 normalisation) equals the
 * Python pipeline (PIL, NumPy, onnxruntime) within 1e-4 on six photos whose scores spread by > 1e-2;
 * mutations (BGR, bilinear) move a score by > 1e-3; on local[2] with 8 partitions the model is loaded
 * once per JVM and every predictor is closed.
 */
class ModelParityTest {
  @TempDir
  Path tmp;

  private static Path fixtures() throws Exception {
    return Path.of(ModelParityTest.class.getResource("/models/tiny_cnn.json").toURI()).getParent();
  }

  private static Map<String, Double> expected() throws Exception {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(fixtures().resolve("tiny_cnn_expected.csv")).subList(1, 7)) {
      m.put(line.split(",")[0], Double.parseDouble(line.split(",")[1]));
    }
    return m;
  }

  private static RgbImage photo(String name) throws Exception {
    return ImageDecoder.withDefaults().decode(Files.readAllBytes(TestSupport.repoRoot().resolve("data/kodak/" + name + ".png")))
        .image();
  }

  private ModelMetric metric(String from, String to) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("spec" + Math.abs((from + to).hashCode())));
    Files.copy(fixtures().resolve("tiny_cnn.onnx"), dir.resolve("tiny_cnn.onnx"));
    Path spec = Files.writeString(dir.resolve("tiny_cnn.json"),
        Files.readString(fixtures().resolve("tiny_cnn.json")).replace(from, to));
    return new ModelMetric(ModelSpecs.load(spec.toString(), new Configuration()), spec.toString(), new Configuration());
  }

  @Test
  void javaEqualsThePythonPipelineAndMutationsShow() throws Exception {
    ModelMetric m = metric("", "");
    ModelMetric bgr = metric("\"RGB\"", "\"BGR\"");
    ModelMetric bilinear = metric("\"bicubic\"", "\"bilinear\"");
    double maxDiff = 0;
    double bgrMove = 0;
    double bilinearMove = 0;
    for (Map.Entry<String, Double> e : expected().entrySet()) {
      RgbImage img = photo(e.getKey());
      double s = m.score(img, null).score();
      maxDiff = Math.max(maxDiff, Math.abs(s - e.getValue()));
      bgrMove = Math.max(bgrMove, Math.abs(bgr.score(img, null).score() - e.getValue()));
      bilinearMove = Math.max(bilinearMove, Math.abs(bilinear.score(img, null).score() - e.getValue()));
    }
    assertTrue(maxDiff <= 1e-4, "Java vs Python max |diff| " + maxDiff);
    assertTrue(bgrMove > 1e-3, "BGR must move a score: " + bgrMove);
    assertTrue(bilinearMove > 1e-3, "bilinear must move a score: " + bilinearMove);
    System.out.printf("tiny_cnn parity: max |Java - Python| = %.3g; BGR moves %.3g, bilinear %.3g%n", maxDiff, bgrMove,
        bilinearMove);
    assertEquals("fixed64x64-pil-bicubic/nocrop/RGB/range[0.0,1.0]/mean[0.485,0.456,0.406]/std[0.229,0.224,0.225]/NCHW",
        m.spec().preprocess());
  }

  @Test
  void oneEngineLoadPerJvmOnLocal2WithEightPartitionsAndEveryPredictorClosed() throws Exception {
    Path dir = fixtures();
    String specUri = dir.resolve("tiny_cnn.json").toString();
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
      Map<String, Double> expected = expected();
      for (org.apache.spark.sql.Row r : rows) {
        assertEquals("ok", r.getAs("status"));
        assertEquals(expected.get(r.<String>getAs("image_id")), r.<Double>getAs("score"), 1e-4);
        assertEquals(64, r.<String>getAs("model_sha256").length());
        assertTrue(r.<String>getAs("preprocess").startsWith("fixed64x64-pil-bicubic"));
      }
    } finally {
      spark.stop();
    }
  }
}
