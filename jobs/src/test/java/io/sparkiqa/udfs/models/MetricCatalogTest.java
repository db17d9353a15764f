package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.udfs.catalog.CatalogEntry;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Aspect;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.score.BatchingScorer;
import io.sparkiqa.udfs.score.ImageLoader;
import io.sparkiqa.udfs.score.ImageScorer;
import io.sparkiqa.udfs.score.ScoreRecord;
import io.sparkiqa.udfs.score.ScoreRequest;
import io.sparkiqa.udfs.score.TimeBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric catalog: built-in metrics plus the specs a command names, each named score its own entry. A spec with
 * two {@code outputs} over one model gives two metrics with their own direction, range and aspect, each reading its
 * slice of the same output vector, sharing one forward pass in a task; clashing names and misplaced fields are
 * refused naming what to fix.
 */
class MetricCatalogTest {
  @TempDir
  Path tmp;

  /** The mobile NIMA fixture with {@code outputs} instead of its single head: the mean score and P(10). */
  private Path twoOutputs(String secondSlice) throws Exception {
    Path fixtures = ModelParityTest.fixtures();
    ObjectNode s = (ObjectNode) new ObjectMapper().readTree(fixtures.resolve("mobile_nima.json").toFile());
    s.remove(List.of("head", "lower_better", "range"));
    s.put("uri", fixtures.resolve("mobile_nima.onnx").toString()).put("aspect", "aesthetics");
    ArrayNode outputs = s.putArray("outputs");
    outputs.addObject().put("id", "nima_mean").put("lower_better", false).put("aspect", "quality")
        .putArray("range").add(1).add(10);
    ((ObjectNode) outputs.get(0)).putObject("head").put("type", "distribution");
    ObjectNode p10 = outputs.addObject().put("id", "nima_p10").put("lower_better", true);
    p10.putArray("range").add(0).add(1);
    p10.putObject("head").put("type", "scalar");
    ArrayNode slice = p10.putArray("slice");
    for (String v : secondSlice.split(",")) {
      slice.add(Integer.parseInt(v));
    }
    return Files.writeString(tmp.resolve("nima_two_" + secondSlice.replace(',', '_') + ".json"), s.toString());
  }

  @Test
  void aSpecWithTwoOutputsGivesTwoMetricsOverOneForwardPass() throws Exception {
    Path spec = twoOutputs("9,10");
    ModelSelection sel = ModelSelection.of("sharpness," + spec, new Configuration());
    assertEquals(List.of("sharpness", "nima_mean", "nima_p10"), sel.names());
    MetricCatalog c = sel.catalog();
    CatalogEntry mean = c.entry("nima_mean");
    CatalogEntry p10 = c.entry("nima_p10");
    assertEquals(false, mean.spec().lowerBetter());
    assertEquals(true, p10.spec().lowerBetter());
    assertEquals(Aspect.QUALITY, mean.spec().aspect(), "an output's own aspect wins");
    assertEquals(Aspect.AESTHETICS, p10.spec().aspect(), "else the spec's");
    assertEquals(List.of(1.0, 10.0), List.of(mean.spec().rangeLow(), mean.spec().rangeHigh()));
    assertEquals("deep", p10.kind());
    assertEquals("native", c.entry("sharpness").kind());
    String fixtureSha = new ObjectMapper().readTree(ModelParityTest.fixtures().resolve("mobile_nima.json").toFile())
        .get("sha256").asText();
    assertEquals(fixtureSha, p10.modelSha256(), "the model file's sha256 from the spec");
    assertEquals(io.sparkiqa.udfs.io.Sha256.hex(Files.readAllBytes(spec)), p10.specSha256(), "the spec text's sha256");
    assertEquals("aesthetics", p10.record().get("aspect"));
    assertEquals("mobile_nima", p10.record().get("spec_id"));

    RgbImage img = ModelParityTest.photo("kodim05");
    ModelMetric m = (ModelMetric) c.metric("nima_mean", new Configuration(), TaskResources.CPU);
    float[] row = m.forward(m.prepare(img))[0];
    double expectedMean = 0;
    for (int k = 0; k < row.length; k++) {
      expectedMean += (k + 1) * (double) row[k];
    }
    assertEquals(10, row.length);
    assertEquals(expectedMean, m.score(img, null).score(), 1e-12, "the distribution head over the whole vector");
    assertEquals(row[9], c.metric("nima_p10", new Configuration(), TaskResources.CPU).score(img, null).score(), 0.0,
        "the scalar head over the slice [9, 10)");

    // scored together in a task, the two outputs share the preprocessing and the forward pass
    List<Metric> both = c.metrics(List.of("nima_mean", "nima_p10"), new Configuration(), TaskResources.CPU);
    ModelMetric a = (ModelMetric) both.get(0);
    ModelMetric b = (ModelMetric) both.get(1);
    List<Preprocess.Tensor> prepared = a.prepare(img);
    assertSame(prepared, b.prepare(img), "prepared once");
    long before = ModelMetric.forwardPasses();
    assertEquals(expectedMean, a.scoreBatch(List.of(prepared)).get(0).score(), 1e-12);
    assertEquals(row[9], b.scoreBatch(List.of(prepared)).get(0).score(), 0.0);
    assertEquals(1, ModelMetric.forwardPasses() - before, "one forward pass for both scores");
    RgbImage other = ModelParityTest.photo("kodim07");
    assertNotSame(prepared, b.prepare(other), "another image is prepared again");
    assertEquals(MetricCatalog.builtIn().entries().size() + 2, c.entries().size());
  }

  @Test
  void theScorerRunsEachBatchOnceForBothOutputsAlsoWithManyShapesOpen() throws Exception {
    // the CLIP fixture runs at native resolution: images of other sizes keep other tensor shapes, so several buckets
    // stay open and the scorer flushes all of the first output's before the second's
    Path fixtures = ModelParityTest.fixtures();
    ObjectNode clip = (ObjectNode) new ObjectMapper().readTree(fixtures.resolve("clip_rn50_tiny.json").toFile());
    ObjectNode head = (ObjectNode) clip.remove("head");
    clip.remove(List.of("lower_better", "range"));
    clip.put("uri", fixtures.resolve("clip_rn50_tiny.pt").toString());
    ArrayNode outputs = clip.putArray("outputs");
    ObjectNode good = outputs.addObject().put("id", "clip_good").put("lower_better", false);
    good.set("head", head);
    good.putArray("range").add(0).add(1);
    ObjectNode first = outputs.addObject().put("id", "clip_e0").put("lower_better", false);
    first.putObject("head").put("type", "scalar");
    first.putArray("range").add(-1e9).add(1e9);
    first.putArray("slice").add(0).add(1);
    Path spec = Files.writeString(tmp.resolve("clip_two.json"), clip.toString());
    MetricCatalog c = ModelSelection.of(spec.toString(), new Configuration()).catalog();
    List<Metric> both = c.metrics(List.of("clip_good", "clip_e0"), new Configuration(), TaskResources.CPU);
    RgbImage land = ModelParityTest.photo("kodim05");
    RgbImage port = ModelParityTest.photo("kodim04");
    RgbImage[] images = {land, port, crop(land, 600, 512), crop(land, 512, 300), crop(port, 400, 640)};
    ImageBytes bytes = new ImageBytes(new Configuration(), 1L << 30);
    ImageLoader loader = new ImageLoader(bytes, ImageDecoder.withDefaults(), new TimeBudget(TimeBudget.DEFAULT));
    BatchingScorer scorer = new BatchingScorer(new ImageScorer(bytes, ImageDecoder.withDefaults(), both, "t", new TimeBudget(TimeBudget.DEFAULT)));
    List<ImageLoader.Loaded> loaded = new java.util.ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      loaded.add(loader.load(new ScoreRequest("i" + i, null, TestSupport.uri(png(images[i], "i" + i)), null, null, null,
          null, null)));
    }
    long before = ModelMetric.forwardPasses();
    List<ScoreRecord> records = new java.util.ArrayList<>();
    for (ImageLoader.Loaded l : loaded) {
      records.addAll(scorer.offer(l));
    }
    records.addAll(scorer.finish());
    assertEquals(5, ModelMetric.forwardPasses() - before, "five shapes, one forward pass each for both outputs");
    assertEquals(10, records.size());
    for (ScoreRecord r : records) {
      int i = Integer.parseInt(r.imageId().substring(1));
      Metric alone = c.metric(r.model(), new Configuration(), TaskResources.CPU);
      assertEquals(alone.score(images[i], null).score(), r.score(), 1e-5, r.toString());
    }
  }

  private Path png(RgbImage img, String name) throws Exception {
    java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(img.width(), img.height(),
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    byte[] p = img.rgb();
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        int i = 3 * (y * img.width() + x);
        b.setRGB(x, y, (p[i] & 0xff) << 16 | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff));
      }
    }
    Path f = tmp.resolve(name + ".png");
    javax.imageio.ImageIO.write(b, "png", f.toFile());
    return f;
  }

  private static RgbImage crop(RgbImage img, int w, int h) {
    byte[] out = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(img.rgb(), 3 * y * img.width(), out, 3 * y * w, 3 * w);
    }
    return new RgbImage(w, h, out);
  }

  @Test
  void theScoreCommandWritesOneRowPerOutputAndRecordsEach() throws Exception {
    Path spec = twoOutputs("9,10");
    StringBuilder m = new StringBuilder("image_id,uri\n");
    for (String id : List.of("kodim05", "kodim07", "kodim23")) {
      m.append(id).append(',').append(TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/" + id + ".png"))).append('\n');
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    Path out = tmp.resolve("out");
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        spec.toString(), "--out", out.toString()));
    SparkSession spark = TestSupport.localSpark();
    try {
      Map<String, Double> score = new java.util.TreeMap<>();
      for (Row r : spark.read().parquet(out.resolve("scores").toString()).collectAsList()) {
        assertEquals("ok", r.getAs("status"), r.toString());
        score.put(r.getAs("model") + "/" + r.getAs("image_id"), r.getAs("score"));
      }
      assertEquals(6, score.size(), score.toString());
      ModelMetric p10 = (ModelMetric) ModelSelection.of(spec.toString(), new Configuration()).catalog()
          .metric("nima_p10", new Configuration(), TaskResources.CPU);
      // batches and thread counts differ between the job and one image alone: within 1e-5, as ModelParityTest's batches
      assertEquals(p10.score(ModelParityTest.photo("kodim23"), null).score(), score.get("nima_p10/kodim23"), 1e-5,
          "the job's score equals the metric's on its own");
    } finally {
      spark.stop();
    }
    JsonNode models = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("models");
    List<String> names = new java.util.ArrayList<>();
    models.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("nima_mean", "nima_p10"), names);
    assertEquals("mobile_nima", models.get("nima_p10").get("spec_id").asText());
    assertTrue(models.get("nima_p10").get("lower_better").asBoolean());
    assertEquals("quality", models.get("nima_mean").get("aspect").asText());
    assertEquals(io.sparkiqa.udfs.io.Sha256.hex(Files.readAllBytes(spec)), models.get("nima_p10").get("spec_sha256").asText());
    assertEquals(models.get("nima_mean").get("spec_sha256"), models.get("nima_p10").get("spec_sha256"));
    assertEquals("NR", models.get("nima_p10").get("mode").asText());
    assertEquals("[0.0,1.0]", models.get("nima_p10").get("range").toString());
    assertEquals(Preprocess.id(ModelSpecs.parse(spec.toString(), new Configuration())),
        models.get("nima_p10").get("preprocess").asText());
    assertEquals("OnnxRuntime", models.get("nima_p10").get("engine").asText());
  }

  @Test
  void clashesAndMisplacedFieldsAreRefusedNamingTheFix() throws Exception {
    Configuration conf = new Configuration();
    String tooFar = assertThrows(IllegalArgumentException.class,
        () -> ModelSelection.of(twoOutputs("9,11").toString(), conf)).getMessage();
    assertTrue(tooFar.contains("field 'outputs[1].slice'") && tooFar.contains("gives 10 outputs"), tooFar);

    ShippedSpec good = ModelSelection.read(twoOutputs("9,10").toString(), conf);
    String builtIn = assertThrows(IllegalArgumentException.class, () -> MetricCatalog.of(List.of(
        new ShippedSpec("x", "x.json", good.json().replace("nima_p10", "niqe"), good.modelUri(), null)))).getMessage();
    assertTrue(builtIn.contains("'niqe' is the name of a built-in metric"), builtIn);
    String twice = assertThrows(IllegalArgumentException.class, () -> MetricCatalog.of(List.of(good,
        new ShippedSpec("y", "other.json", good.json(), good.modelUri(), null)))).getMessage();
    assertTrue(twice.contains("two specs give the model id 'nima_mean'") && twice.contains("other.json"), twice);

    ObjectNode both = (ObjectNode) new ObjectMapper().readTree(good.json());
    both.putObject("head").put("type", "scalar");
    String mixed = assertThrows(IllegalArgumentException.class, () -> ModelSpecs.parseJson("m.json", both.toString()))
        .getMessage();
    assertTrue(mixed.contains("field 'head'") && mixed.contains("when 'outputs' gives one per output"), mixed);
    ObjectNode range = (ObjectNode) new ObjectMapper().readTree(good.json());
    range.putArray("range").add(0).add(1);
    String misplaced = assertThrows(IllegalArgumentException.class, () -> ModelSpecs.parseJson("m.json", range.toString()))
        .getMessage();
    assertTrue(misplaced.contains("field 'range'"), misplaced);
    String nullSlice = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecs.parseJson("m.json", good.json().replace("\"slice\":[9,10]", "\"slice\":[null,10]"))).getMessage();
    assertTrue(nullSlice.contains("field 'outputs[1].slice'"), nullSlice);
    String aspect = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecs.parseJson("m.json", good.json().replace("\"aesthetics\"", "\"beauty\""))).getMessage();
    assertTrue(aspect.contains("field 'aspect'"), aspect);
  }
}
