package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
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
 * The four family fixtures and a built-in metric in one `sparkiqa score` on local[2]: one scores row per (image, model
 * output) (the CLIP-IQA spec gives five), a missing image failed once per output, the reconciliation counting
 * outputs, the scores equal to the Python hosts'; then `sparkiqa evaluate` on those scores carries each output's own
 * direction (from the scores' run.json) into its metrics rows.
 */
class FamilyRunTest {
  @TempDir
  Path tmp;

  @Test
  void oneRowPerImageAndOutputReconciledWithEachOutputsDirection() throws Exception {
    List<String> photos = List.of("kodim01", "kodim02", "kodim04", "kodim06");
    StringBuilder m = new StringBuilder("image_id,uri,dataset,mos\n");
    for (int i = 0; i < photos.size(); i++) {
      m.append(photos.get(i)).append(',').append(TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/"
          + photos.get(i) + ".png"))).append(",kodak,").append(new int[] {3, 1, 4, 2}[i]).append('\n');
    }
    m.append("missing,").append(TestSupport.uri(tmp.resolve("missing.png"))).append(",kodak,3\n");
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    StringBuilder models = new StringBuilder("sharpness");
    for (String id : FamilyParityTest.FAMILIES) {
      models.append(',').append(ModelParityTest.fixtures().resolve(id + ".json"));
    }
    Path out = tmp.resolve("out");
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        models.toString(), "--out", out.toString()));
    Path eval = tmp.resolve("eval");
    assertEquals(0, SparkIqa.execute("evaluate", "--master", "local[2]", "--scores", out.resolve("scores").toString(),
        "--manifest", manifest.toString(), "--out", eval.toString(), "--bootstrap", "20"));

    List<String> outputs = List.of("sharpness", "musiq_tiny", "liqe_tiny", "clipiqa.quality", "clipiqa.sharpness",
        "clipiqa.noisiness", "clipiqa.brightness", "clipiqa.colorfulness", "arniqa_tiny");
    Map<String, Map<String, Double>> expected = new HashMap<>();
    for (String id : FamilyParityTest.FAMILIES) {
      FamilyParityTest.expected(id).forEach((col, scores) -> expected.put("score".equals(col) ? id : col, scores));
    }
    SparkSession spark = TestSupport.localSpark();
    try {
      List<Row> rows = spark.read().parquet(out.resolve("scores").toString()).collectAsList();
      assertEquals(5 * outputs.size(), rows.size(), "one row per (image, model output)");
      Map<String, Integer> perKey = new HashMap<>();
      for (Row r : rows) {
        String image = r.getAs("image_id");
        String model = r.getAs("model");
        perKey.merge(image + "|" + model, 1, Integer::sum);
        assertTrue(outputs.contains(model), model);
        if (image.equals("missing")) {
          assertTrue(r.<String>getAs("error").startsWith("missing:"), r.toString());
        } else {
          assertEquals("ok", r.getAs("status"), r.toString());
          if (expected.containsKey(model)) {
            assertEquals(expected.get(model).get(image), r.<Double>getAs("score"), 1e-4, image + " " + model);
          }
        }
      }
      assertTrue(perKey.values().stream().allMatch(n -> n == 1), perKey.toString());
      Map<String, Boolean> lower = new HashMap<>();
      for (Row r : spark.read().parquet(eval.resolve("metrics").toString()).filter("group_by = 'all'").collectAsList()) {
        lower.put(r.getAs("model"), r.getAs("lower_better"));
      }
      assertEquals(outputs.size(), lower.size(), lower.toString());
      outputs.forEach(o -> assertEquals(o.equals("clipiqa.noisiness"), lower.get(o), o + " direction in evaluate"));
    } finally {
      spark.stop();
    }
    JsonNode scores = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("reconciliation").get("scores");
    assertEquals(outputs.size(), scores.get("models").size());
    assertEquals(5 * outputs.size(), scores.get("expected").asLong());
    assertEquals(4 * outputs.size(), scores.get("ok").asLong());
    assertEquals(outputs.size(), scores.get("failed").asLong());
    assertEquals(0, scores.get("unaccounted").asLong());
  }
}
