package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.PilResize;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LPIPS- and DISTS-shaped fixtures (scripts/families/lpips.py and dists.py: the contracts at small widths with
 * random weights; lpips_tiny on ONNX Runtime, dists_tiny as TorchScript on PyTorch) against the Python pipeline on
 * Kodak distorted pairs (512x384): the Java scores, computed in one batch, equal Python's within 1e-4 (float32
 * models; the differences are summation order), and each mutation Python computed (LPIPS fed [0, 1] instead of
 * [-1, 1], another image as the reference, no unit-normalisation; DISTS without the shorter-side-256 downscale)
 * differs from the Java score by more than 1e-3 on every pair, so the Java lane does what the contract says.
 */
class FullReferenceModelTest {
  private static final Path KODAK = TestSupport.repoRoot().resolve("udfs/src/test/resources/kodak-distorted");

  @TempDir
  Path tmp;

  static RgbImage image(Path file) throws Exception {
    return ImageDecoder.withDefaults().decode(Files.readAllBytes(file)).image();
  }

  static RgbImage kodak(String id) throws Exception {
    return image(KODAK.resolve(id + ".png"));
  }

  /** The fixture's metric, its spec text changed by replacing {@code from} with {@code to}. */
  ModelMetric metric(String id, String from, String to) throws Exception {
    Path fixtures = ModelParityTest.fixtures();
    ModelSpec original = ModelSpecs.parse(fixtures.resolve(id + ".json").toString(), new Configuration());
    Path dir = Files.createDirectories(tmp.resolve(id + Math.abs((from + to).hashCode())));
    if (!Files.exists(dir.resolve(original.uri()))) {
      Files.copy(fixtures.resolve(original.uri()), dir.resolve(original.uri()));
    }
    String text = Files.readString(fixtures.resolve(id + ".json"));
    assertTrue(text.contains(from), id + " spec has no " + from);
    Path spec = Files.writeString(dir.resolve(id + ".json"), from.isEmpty() ? text : text.replace(from, to));
    return new ModelMetric(ModelSpecs.load(spec.toString(), new Configuration()), spec.toString(), new Configuration());
  }

  /** Rows of {@code <id>_expected.csv}: image_id, ref_id, score, then one column per mutation. */
  static List<String[]> expected(String id) throws Exception {
    List<String> lines = Files.readAllLines(ModelParityTest.fixtures().resolve(id + "_expected.csv"));
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
  }

  /** {@code v} rounded to two significant digits, as README states it. */
  private static String twoDigits(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).toPlainString();
  }

  /**
   * @param spread       the Python scores' spread as README states it
   * @param moves        per mutation column, the smallest and largest |Java - mutated| over the pairs, as README's
   *                     table states them
   */
  private void parityAndMutations(String id, String spread, List<List<String>> moves) throws Exception {
    int mutations = moves.size();
    ModelMetric m = metric(id, "", "");
    List<String[]> rows = expected(id);
    assertEquals(6, rows.size());
    assertEquals(3 + mutations, rows.get(0).length);
    List<List<Preprocess.Tensor>> prepared = new ArrayList<>();
    for (String[] r : rows) {
      prepared.add(m.prepare(kodak(r[0]), kodak(r[1])));
    }
    List<MetricResult> scores = m.scoreBatch(prepared);
    double maxDiff = 0;
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    double[] least = new double[mutations];
    double[] most = new double[mutations];
    java.util.Arrays.fill(least, Double.MAX_VALUE);
    for (int i = 0; i < rows.size(); i++) {
      double python = Double.parseDouble(rows.get(i)[2]);
      double java = scores.get(i).score();
      maxDiff = Math.max(maxDiff, Math.abs(java - python));
      lo = Math.min(lo, python);
      hi = Math.max(hi, python);
      for (int k = 3; k < rows.get(i).length; k++) {
        double mutated = Double.parseDouble(rows.get(i)[k]);
        least[k - 3] = Math.min(least[k - 3], Math.abs(java - mutated));
        most[k - 3] = Math.max(most[k - 3], Math.abs(java - mutated));
        assertTrue(Math.abs(java - mutated) > 1e-3, id + " " + rows.get(i)[0] + ": the Java score " + java
            + " is within 1e-3 of mutation column " + k + " (" + mutated + ")");
      }
    }
    assertTrue(maxDiff <= 1e-4, id + ": max |Java - Python| " + maxDiff);
    assertTrue(hi - lo >= 1e-2, id + ": the Python scores spread by " + (hi - lo));
    assertEquals(spread, twoDigits(hi - lo), id + " spread as README states it");
    for (int k = 0; k < mutations; k++) {
      assertEquals(moves.get(k), List.of(twoDigits(least[k]), twoDigits(most[k])), id + " mutation " + k + " as README states it");
    }
    System.out.printf("%s: max |Java - Python| %.3g over %d pairs, Python spread %.4f%n", id, maxDiff, rows.size(), hi - lo);
  }

  @Test
  void lpipsEqualsThePythonPipelineAndNoMutation() throws Exception {
    // columns: range_0_1, other_reference, no_unit_norm
    parityAndMutations("lpips_tiny", "0.087", List.of(List.of("0.042", "0.10"), List.of("0.20", "0.27"),
        List.of("0.028", "0.035")));
  }

  @Test
  void distsEqualsThePythonPipelineAndNoMutation() throws Exception {
    // columns: no_resize, other_reference
    parityAndMutations("dists_tiny", "0.017", List.of(List.of("0.0042", "0.015"), List.of("0.060", "0.077")));
  }

  @Test
  void imageAndReferenceGoThroughOnePreprocessing() throws Exception {
    RgbImage ref = kodak("h01_ref");
    for (String id : List.of("lpips_tiny", "dists_tiny")) {
      ModelMetric m = metric(id, "", "");
      List<Preprocess.Tensor> pairs = m.prepare(ref, ref);
      assertEquals(1, pairs.size());
      Preprocess.Tensor t = pairs.get(0);
      assertEquals(1, t.more().size());
      assertArrayEquals(t.data(), t.more().get(0).data(), id);
      assertArrayEquals(t.shape(), t.more().get(0).shape(), id);
      // DISTS downscales 512x384 to 341x256 (shorter side 256, PIL bilinear); LPIPS keeps the size
      assertEquals(id.equals("dists_tiny") ? "[1, 3, 256, 341]+[1, 3, 256, 341]" : "[1, 3, 384, 512]+[1, 3, 384, 512]",
          t.shapeKey());
      // an image against itself: LPIPS sums squared differences of equal taps (exactly 0); DISTS' terms are 1 up to
      // float32 rounding of var against mean(x^2) - mean^2
      assertEquals(0.0, m.score(ref, ref).score(), id.equals("lpips_tiny") ? 0.0 : 1e-5, id);
    }
    // LPIPS' [-1, 1]: the lane maps 8-bit 0 to -1 and 255 to 1
    float[] first = metric("lpips_tiny", "", "").prepare(ref, ref).get(0).data();
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : first) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertTrue(min < -0.9f && max > 0.9f && min >= -1f && max <= 1f, "LPIPS input in [-1, 1]: " + min + ".." + max);
  }

  @Test
  void aReferenceOfAnotherSizeFailsTheRowUnlessTheSpecResizesIt() throws Exception {
    RgbImage image = kodak("h01_blur30");
    RgbImage large = image(TestSupport.repoRoot().resolve("data/kodak/kodim05.png"));
    ModelMetric strict = metric("lpips_tiny", "", "");
    MetricException e = assertThrows(MetricException.class, () -> strict.prepare(image, large));
    assertEquals("ref_size_mismatch", e.reasonClass());
    assertEquals("image is 512x384 but the reference is 768x512", e.getMessage());
    MetricException none = assertThrows(MetricException.class, () -> strict.prepare(image, null));
    assertEquals("no_reference", none.reasonClass());
    MetricException nr = assertThrows(MetricException.class, () -> strict.prepare(image));
    assertEquals("no_reference", nr.reasonClass());

    ModelMetric resizing = metric("lpips_tiny", "\"size\": \"must_match\"", "\"size\": \"resize\", \"interpolation\": \"bilinear\"");
    double resized = resizing.score(image, large).score();
    RgbImage byHand = PilResize.resize(large, 512, 384, PilResize.Filter.BILINEAR);
    assertEquals(strict.score(image, byHand).score(), resized, 0.0, "the reference resized to the image, PIL bilinear");
    assertTrue(resizing.spec().preprocess().endsWith("/ref-resize-pil-bilinear"), resizing.spec().preprocess());
    assertTrue(strict.spec().preprocess().endsWith("/ref-must_match"), strict.spec().preprocess());
  }

  @Test
  void onnxInputsAreFedByTheSpecsNamesWhateverOrderTheFileDeclares() throws Exception {
    // two_inputs_swapped.onnx declares (ref, x) and computes mean(x) - 2 mean(ref)
    Path file = ModelParityTest.fixtures().resolve("two_inputs_swapped.onnx");
    Preprocess.Tensor x = filled(0.5f).with(List.of(filled(0.25f)));
    ModelSpec.Reference names = new ModelSpec.Reference(List.of("x", "ref"), "must_match", null);
    ModelSpec fr = new ModelSpec("swapped", "OnnxRuntime", file.toString(), "1".repeat(64), "FR", false, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, names, null, null);
    assertArrayEquals(new float[] {0.5f - 2 * 0.25f}, LoadedModels.predictOnce(fr, file, x), 1e-7f, "by name");
    ModelSpec positional = new ModelSpec("swapped", "OnnxRuntime", file.toString(), "2".repeat(64), "NR", false, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    assertArrayEquals(new float[] {0.25f - 2 * 0.5f}, LoadedModels.predictOnce(positional, file, x), 1e-7f,
        "unnamed tensors go by the file's order: the pair would be swapped");
  }

  private static Preprocess.Tensor filled(float v) {
    float[] d = new float[3 * 4 * 4];
    java.util.Arrays.fill(d, v);
    return new Preprocess.Tensor(d, new long[] {1, 3, 4, 4});
  }
}
