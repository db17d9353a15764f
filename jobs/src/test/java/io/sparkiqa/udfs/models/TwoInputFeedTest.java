package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model of several inputs: a tensor's {@link Preprocess.Tensor#more} reach the model's second and later inputs in
 * order, through the real ONNX Runtime engine ({@code two_inputs.onnx}: mean(x) - 2 mean(ref) per row, from
 * scripts/fixtures/make_two_input_fixture.py), and a batch stacks each input separately.
 */
class TwoInputFeedTest {
  private static Preprocess.Tensor filled(float v) {
    float[] d = new float[3 * 4 * 4];
    java.util.Arrays.fill(d, v);
    return new Preprocess.Tensor(d, new long[] {1, 3, 4, 4});
  }

  @Test
  void eachTensorReachesItsInputAndBatchesStackPerInput() throws Exception {
    Path file = ModelParityTest.fixtures().resolve("two_inputs.onnx");
    ModelSpec spec = new ModelSpec("two_inputs", "OnnxRuntime", file.toString(), "0".repeat(64), "FR", false, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    Preprocess.Tensor a = filled(0.5f).with(List.of(filled(0.25f)));
    Preprocess.Tensor b = filled(1f).with(List.of(filled(-1f)));
    Preprocess.Tensor batch = ModelMetric.stack(List.of(a, b));
    assertEquals("[2, 3, 4, 4]+[2, 3, 4, 4]", batch.shapeKey());
    assertArrayEquals(new float[] {0.5f - 2 * 0.25f, 1f + 2f}, LoadedModels.predictOnce(spec, file, batch), 1e-7f,
        "x first, ref second, rows in batch order");
    Preprocess.Tensor other = filled(0.5f).with(List.of(new Preprocess.Tensor(new float[3 * 4 * 5], new long[] {1, 3, 4, 5})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelMetric.stack(List.of(a, other)));
    assertEquals("a batch needs equal shapes: [1, 3, 4, 4]+[1, 3, 4, 5] vs [1, 3, 4, 4]+[1, 3, 4, 4]", e.getMessage());
  }
}
