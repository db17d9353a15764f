package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.metrics.MetricResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The model families' host contracts (scripts/families: random-weight plain-torch fixtures, ONNX) through DJL with
 * Java preprocessing equal the Python host (families/hostref.py) within 1e-4 on six Kodak photos whose scores spread
 * by >= 1e-2: MUSIQ tokens (musiq_tiny), LIQE windows with logits averaged before the levels head (liqe_tiny),
 * CLIP-IQA attribute pairs as five outputs of one forward pass (clipiqa_tiny), and a two-scale input after a fixed
 * resize (arniqa_tiny). Each fixture's CSV also holds the Python scores of a mutated host (position hash shifted one
 * cell, mean of scores instead of mean of logits, window stride off by one, scale order swapped): the Java score
 * differs from each by > 1e-3 on some photo, so the contract detail is pinned.
 */
class FamilyParityTest {
  static final List<String> FAMILIES = List.of("musiq_tiny", "liqe_tiny", "clipiqa_tiny", "arniqa_tiny");

  /** Column name to (photo to Python score) of a family fixture's expected CSV. */
  static Map<String, Map<String, Double>> expected(String id) throws Exception {
    List<String> lines = Files.readAllLines(ModelParityTest.fixtures().resolve(id + "_expected.csv"));
    String[] header = lines.get(0).split(",");
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (int c = 1; c < header.length; c++) {
      Map<String, Double> col = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        col.put(line.split(",")[0], Double.parseDouble(line.split(",")[c]));
      }
      out.put(header[c], col);
    }
    return out;
  }

  /** Output id to the Java scores of the six photos, the spec's outputs sharing one forward pass. */
  static Map<String, Map<String, Double>> javaScores(String id) throws Exception {
    String uri = ModelParityTest.fixtures().resolve(id + ".json").toString();
    ModelSpec spec = ModelSpecs.load(uri, new Configuration());
    SharedForward shared = new SharedForward();
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (ModelOutput o : ModelSpecs.outputs(uri, spec)) {
      ModelMetric m = new ModelMetric(spec, o, uri, new Configuration(), TaskResources.CPU, shared);
      Map<String, Double> scores = new LinkedHashMap<>();
      for (String photo : expected(id).values().iterator().next().keySet()) {
        scores.put(photo, m.score(ModelParityTest.photo(photo), null).score());
      }
      out.put(o.id().equals(spec.id()) ? "score" : o.id(), scores);
    }
    return out;
  }

  private static double maxDiff(Map<String, Double> a, Map<String, Double> b) {
    return a.keySet().stream().mapToDouble(k -> Math.abs(a.get(k) - b.get(k))).max().orElseThrow();
  }

  @Test
  void everyFamilyEqualsItsPythonHostAndEveryMutationIsSeen() throws Exception {
    Map<String, String> mutations = Map.of("position_hash_shifted", "musiq_tiny", "mean_of_scores", "liqe_tiny",
        "stride_plus_one", "liqe_tiny", "scale_order_swapped", "arniqa_tiny");
    int mutationsSeen = 0;
    for (String id : FAMILIES) {
      Map<String, Map<String, Double>> python = expected(id);
      Map<String, Map<String, Double>> java = javaScores(id);
      for (Map.Entry<String, Map<String, Double>> col : python.entrySet()) {
        if (mutations.containsKey(col.getKey())) {
          double delta = maxDiff(java.get("score"), col.getValue());
          System.out.printf("%s mutation %s moves a score by %.3g%n", id, col.getKey(), delta);
          assertTrue(delta > 1e-3, id + " " + col.getKey() + " must differ by > 1e-3: " + delta);
          mutationsSeen++;
          continue;
        }
        double diff = maxDiff(java.get(col.getKey()), col.getValue());
        double spread = col.getValue().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
            - col.getValue().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.printf("%s %s parity: max |Java - Python| = %.3g (spread %.3g)%n", id, col.getKey(), diff, spread);
        assertTrue(diff <= 1e-4, id + " " + col.getKey() + ": Java vs Python max |diff| " + diff);
        assertTrue(spread >= 1e-2, id + " " + col.getKey() + ": scores must spread by >= 1e-2: " + spread);
      }
      assertEquals(python.size() - mutations.values().stream().filter(id::equals).count(), java.size(),
          id + ": one Java score per Python output");
    }
    assertEquals(4, mutationsSeen);
  }

  @Test
  void paddedTokenBatchesAndWindowBatchesEqualSingleImages() throws Exception {
    for (String id : List.of("musiq_tiny", "liqe_tiny")) {
      String uri = ModelParityTest.fixtures().resolve(id + ".json").toString();
      ModelMetric m = new ModelMetric(ModelSpecs.load(uri, new Configuration()), uri, new Configuration());
      List<List<Preprocess.Tensor>> batch = new ArrayList<>();
      List<Double> single = new ArrayList<>();
      // kodim04 is portrait: in MUSIQ its token count differs from the landscape photos', so the batch is padded
      for (String p : List.of("kodim01", "kodim04", "kodim05")) {
        batch.add(m.prepare(ModelParityTest.photo(p)));
        single.add(m.score(ModelParityTest.photo(p), null).score());
      }
      assertEquals(m.shapeKey(batch.get(0)), m.shapeKey(batch.get(1)), id + ": one bucket for all three");
      List<MetricResult> together = m.scoreBatch(batch);
      for (int i = 0; i < single.size(); i++) {
        assertEquals(single.get(i), together.get(i).score(), 1e-5, id + " image " + i);
      }
    }
    String musiq = ModelParityTest.fixtures().resolve("musiq_tiny.json").toString();
    ModelMetric m = new ModelMetric(ModelSpecs.load(musiq, new Configuration()), musiq, new Configuration());
    // 768 x 512: 224 x 149 -> 7 x 5 patches, 384 x 256 -> 12 x 8, native 24 x 16; 3 * 32 * 32 + 3 values each
    assertEquals("[1, 515, 3075]", java.util.Arrays.toString(m.prepare(ModelParityTest.photo("kodim01")).get(0).shape()));
  }
}
