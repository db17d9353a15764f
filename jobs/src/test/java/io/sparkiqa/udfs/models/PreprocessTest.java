package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricException;
import org.junit.jupiter.api.Test;

/**
 * Resize policies as torchvision computes sizes, centre-crop and grid offsets with Python's round, the torch
 * resize path, NCHW float32 values, the canonical id.
 */
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
    io.sparkiqa.udfs.image.TorchInterpolate.Planes r = shorter.resize(grey(768, 512, 10));
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
    Preprocess.Tensor t = crop.apply(new RgbImage(5, 1, ramp)).get(0);
    assertArrayEquals(new long[] {1, 3, 1, 2}, t.shape());
    assertEquals((20 / 255f - 0.5f) / 0.25f, t.data()[0], 0f);
    assertEquals((30 / 255f - 0.5f) / 0.25f, t.data()[1], 0f);
    ModelMetric m = new ModelMetric(spec("{\"policy\":\"none\"}", "{\"policy\":\"center\",\"width\":64,\"height\":64}"),
        "/nowhere/spec.json", new org.apache.hadoop.conf.Configuration());
    Preprocess grid = new Preprocess(spec("{\"policy\":\"none\"}", "{\"policy\":\"grid\",\"n\":9,\"width\":4,\"height\":3}"));
    // 3x3 grid on 11x8: left offsets round(j * 7 / 2) = 0, 4 (3.5 to even), 7; top round(i * 5 / 2) = 0, 2, 5
    java.util.List<int[]> boxes = grid.boxes(11, 8);
    assertEquals(9, boxes.size());
    assertArrayEquals(new int[] {0, 4, 3, 4}, boxes.get(1));
    assertArrayEquals(new int[] {2, 7, 3, 4}, boxes.get(5));
    assertArrayEquals(new int[] {5, 0, 3, 4}, boxes.get(6));
    assertEquals(9, grid.apply(grey(11, 8, 5)).size());
    Preprocess torch = new Preprocess(spec("{\"policy\":\"fixed\",\"width\":7,\"height\":5,\"interpolation\":\"bicubic\","
        + "\"library\":\"torch\",\"antialias\":true}", "{\"policy\":\"none\"}"));
    Preprocess.Tensor flat = torch.apply(grey(30, 20, 51)).get(0);
    assertArrayEquals(new long[] {1, 3, 5, 7}, flat.shape());
    assertEquals((51 / 255f - 0.5f) / 0.25f, flat.data()[17], 1e-6f, "a flat image stays flat through the filter");
    assertEquals("fixed7x5-torch-bicubic-aa/nocrop/RGB/range[0.0,1.0]/mean[0.5,0.5,0.5]/std[0.25,0.25,0.25]/NCHW",
        Preprocess.id(torch.spec()));
    MetricException e = assertThrows(MetricException.class, () -> m.score(grey(32, 32, 1), null));
    assertEquals("too_small", e.reasonClass());
  }

  @Test
  void bgrAndPerChannelNormalisationAgreeOnBothPaths() throws Exception {
    ModelSpec bgr = new ObjectMapper().readValue(("{'id':'t','engine':'OnnxRuntime','uri':'m.onnx','sha256':'0','mode':'NR',"
        + "'lower_better':false,'range':[0,1],'input':{'color':'BGR','value_range':[0,255],'mean':[100,110,120],"
        + "'std':[50,60,70],'layout':'NHWC'},'resize':{'policy':'none'},'crops':{'policy':'none'},"
        + "'head':{'type':'scalar'},'trained_on':[]}").replace('\'', '"'), ModelSpec.class);
    Preprocess p = new Preprocess(bgr);
    RgbImage px = new RgbImage(2, 1, new byte[] {10, 20, 30, 40, 50, 60});
    Preprocess.Tensor bytes = p.apply(px).get(0);
    Preprocess.Tensor floats = p.normalise(Preprocess.planes(px), 0, 0, 1, 2);
    assertArrayEquals(floats.data(), bytes.data(), 0f);
    assertArrayEquals(new long[] {1, 1, 2, 3}, bytes.shape());
    // channel 0 of the model is blue, with the first mean and std; [0, 1] scaled to [0, 255] in float32
    assertEquals((30 / 255f * 255f - 100f) / 50f, bytes.data()[0], 0f);
    assertEquals((20 / 255f * 255f - 110f) / 60f, bytes.data()[1], 0f);
    assertEquals((10 / 255f * 255f - 120f) / 70f, bytes.data()[2], 0f);
  }
}
