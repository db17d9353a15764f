package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.udfs.catalog.CatalogEntry;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.Aspect;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
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
    assertEquals(mean.modelSha256(), p10.modelSha256());
    assertEquals(mean.specSha256(), p10.specSha256());
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
    assertTrue(!MetricCatalog.builtIn().contains("nima_mean"), "nothing is added to the built-in catalog");
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
      assertEquals(p10.score(ModelParityTest.photo("kodim23"), null).score(), score.get("nima_p10/kodim23"), 0.0,
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
    assertEquals(models.get("nima_mean").get("spec_sha256"), models.get("nima_p10").get("spec_sha256"));
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
    assertTrue(mixed.contains("field 'head'") && mixed.contains("when 'outputs' lists them"), mixed);
    String aspect = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecs.parseJson("m.json", good.json().replace("\"aesthetics\"", "\"beauty\""))).getMessage();
    assertTrue(aspect.contains("field 'aspect'"), aspect);
    assertEquals(10, MetricTable.specs().size(), "the built-in table is fixed");
  }
}
