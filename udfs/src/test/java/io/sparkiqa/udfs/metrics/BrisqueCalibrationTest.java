package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.RgbImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BRISQUE against the LIVE release: its worked example (test_ind -> test_ind_scaled -> 19.9357, value by
 * value), I04 (no zero-residual window) to the printed 6 digits, I03 within 0.01, I08 within 1%, I06 and
 * I19 reported with their counts; the counts equal an independent integer check (zero padding).
 */
class BrisqueCalibrationTest {
  private static String resource(String name) throws Exception {
    try (InputStream in = BrisqueCalibrationTest.class.getResourceAsStream("/brisque/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** A libsvm line "1 1:v1 2:v2 ..." as 36 doubles (absent indices are 0). */
  private static double[] libsvmLine(String text) {
    double[] v = new double[36];
    String[] tok = text.trim().split("\\s+");
    for (int i = 1; i < tok.length; i++) {
      String[] kv = tok[i].split(":");
      v[Integer.parseInt(kv[0]) - 1] = Double.parseDouble(kv[1]);
    }
    return v;
  }

  @Test
  void workedExampleScalesValueByValueAndPredicts() throws Exception {
    double[] features = libsvmLine(resource("test_ind"));
    double[] scaled = libsvmLine(resource("test_ind_scaled"));
    for (int i = 0; i < 36; i++) {
      double mine = LibsvmText.printfG(BrisqueSvr.LIVE.scale(i, LibsvmText.printfF(features[i])));
      assertEquals(scaled[i], mine, 0.0, "feature " + (i + 1));
    }
    assertEquals(19.9357, LibsvmText.printfG(BrisqueSvr.LIVE.predict(scaled)), 0.0);
    assertEquals(19.9357, BrisqueSvr.LIVE.score(features), 0.0);
    assertEquals(Double.parseDouble(resource("output").trim()), 19.9357, 0.0);
    assertEquals(774, BrisqueSvr.LIVE.supportVectors());
  }

  @Test
  void textRoundingIsCsPrintf() {
    assertEquals(0.174561, LibsvmText.printfF(0.1745614999), 0.0);
    assertEquals(-0.000000, LibsvmText.printfF(-1e-9), 0.0);
    assertEquals(1.5e-5, LibsvmText.printfG(1.50000049e-5), 0.0);
    assertEquals(-0.0895638, LibsvmText.printfG(-0.08956384999), 0.0);
    // 123456.5 is exact in binary: a tie, rounded to even as glibc's printf does
    assertEquals(123456, LibsvmText.printfG(123456.5), 0.0);
    assertEquals(123458, LibsvmText.printfG(123457.5), 0.0);
  }

  @Test
  void calibrationImagesWithinTheirBounds() throws Exception {
    double[] off = CalibrationTest.official().get("brisque");
    assertEquals(-0.107618, brisque("I04.bmp").score(), 1e-5, "I04");
    assertEquals(off[0], brisque("I03.bmp").score(), 0.01, "I03");
    assertEquals(off[3], brisque("I08.bmp").score(), 0.01 * off[3], "I08");
    // reported, not bounded: their official values hang on the sign of rounding noise
    for (String name : new String[] {"I06.bmp", "I19.bmp"}) {
      MetricResult r = brisque(name);
      assertTrue(Double.isFinite(r.score()), name);
      assertTrue(r.diagnostics().get(MetricResult.ZERO_RESIDUAL_WINDOWS) > 0, name);
    }
  }

  @Test
  void zeroResidualCountsEqualAnIndependentCheck() throws Exception {
    for (String name : new String[] {"I03.bmp", "I04.bmp", "I06.bmp", "I08.bmp", "I19.bmp"}) {
      RgbImage img = CalibrationTest.image("dist_dir", name);
      Map<String, Double> d = brisque(name).diagnostics();
      long[] expected = IndependentZeroResidualCheck.count(img, img.width(), img.height(), true);
      assertEquals((double) expected[0], d.get("ill_conditioned_scale1"), name);
      assertEquals((double) expected[1], d.get("flat_scale1"), name);
      if (name.equals("I04.bmp")) {
        assertEquals(0.0, d.get(MetricResult.ZERO_RESIDUAL_WINDOWS), name);
      } else {
        assertTrue(d.get(MetricResult.ZERO_RESIDUAL_WINDOWS) > 0, name + " " + d);
      }
    }
    // zero padding and replicate borders see different windows at the edges
    RgbImage i19 = CalibrationTest.image("dist_dir", "I19.bmp");
    assertNotEquals(IndependentZeroResidualCheck.count(i19, i19.width(), i19.height(), false)[1],
        IndependentZeroResidualCheck.count(i19, i19.width(), i19.height(), true)[1]);
  }

  @Test
  void tinyImagesFail() {
    MetricException e = assertThrows(MetricException.class,
        () -> MetricTable.get("brisque").score(new RgbImage(13, 200, new byte[3 * 13 * 200]), null));
    assertEquals("too_small", e.reasonClass());
  }

  private static MetricResult brisque(String name) throws Exception {
    return MetricTable.get("brisque").score(CalibrationTest.image("dist_dir", name), null);
  }
}
