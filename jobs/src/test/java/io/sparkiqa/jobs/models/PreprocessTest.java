package io.sparkiqa.jobs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricException;
import org.junit.jupiter.api.Test;

/** Resize policies as torchvision computes sizes, centre-crop offsets with Python's round, NCHW float32 values. */
class PreprocessTest {
  private static ModelSpec spec(String resize, String crops) throws Exception {
    return new ObjectMapper().readValue("{\"id\":\"t\",\"engine\":\"OnnxRuntime\",\"uri\":\"m.onnx\",\"sha256\":\"0\","
        + "\"mode\":\"NR\",\"lower_better\":false,\"range\":[0,1],\"input\":{\"color\":\"RGB\",\"value_range\":[0,1],"
        + "\"mean\":[0.5,0.5,0.5],\"std\":[0.25,0.25,0.25],\"layout\":\"NCHW\"},\"resize\":" + resize + ",\"crops\":" + crops
        + ",\"head\":{\"type\":\"scalar\"},\"trained_on\":[]}", ModelSpec.class);
  }

  private static RgbImage grey(int w, int h, int v) {
    byte[] b = new byte[3 * w * h];
    java.util.Arrays.fill(b, (byte) v);
    return new RgbImage(w, h, b);
  }

  @Test
  void sizesCropsAndValues() throws Exception {
    Preprocess shorter = new Preprocess(spec("{\"policy\":\"shorter_side\",\"size\":96,\"interpolation\":\"bicubic\","
        + "\"library\":\"pil\"}", "{\"policy\":\"none\"}"));
    RgbImage r = shorter.resize(grey(768, 512, 10));
    assertEquals(144, r.width());
    assertEquals(96, r.height());
    Preprocess cap = new Preprocess(spec("{\"policy\":\"longer_side_cap\",\"size\":128,\"interpolation\":\"bilinear\","
        + "\"library\":\"pil\"}", "{\"policy\":\"none\"}"));
    assertEquals(85, cap.resize(grey(512, 768, 10)).width());
    assertEquals(100, cap.resize(grey(100, 50, 10)).width(), "no upscaling under the cap");
    Preprocess crop = new Preprocess(spec("{\"policy\":\"none\"}", "{\"policy\":\"center\",\"width\":2,\"height\":1}"));
    // a 5x1 ramp: offset int(round(1.5)) = 2 (half to even), so the crop is samples 2 and 3
    byte[] ramp = new byte[15];
    for (int i = 0; i < 5; i++) {
      java.util.Arrays.fill(ramp, 3 * i, 3 * i + 3, (byte) (i * 10));
    }
    Preprocess.Tensor t = crop.apply(new RgbImage(5, 1, ramp));
    assertArrayEquals(new long[] {1, 3, 1, 2}, t.shape());
    assertEquals((20 / 255f - 0.5f) / 0.25f, t.data()[0], 0f);
    assertEquals((30 / 255f - 0.5f) / 0.25f, t.data()[1], 0f);
    ModelMetric m = new ModelMetric(spec("{\"policy\":\"none\"}", "{\"policy\":\"center\",\"width\":64,\"height\":64}"),
        "/nowhere/spec.json", new org.apache.hadoop.conf.Configuration());
    MetricException e = assertThrows(MetricException.class, () -> m.score(grey(32, 32, 1), null));
    assertEquals("too_small", e.reasonClass());
  }
}
