package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NIQE against the official LIVE MATLAB values (results_official.csv, full precision): I04, which has no
 * ill-conditioned windows, within 1e-9 relative; I03 and I06 within 0.1%, I08 within 1%, I19 within 0.5%
 * (their values hang on the sign of exactly-zero residuals in flat or symmetric windows, which the
 * diagnostics count: I03 523 ill-conditioned + 2,756 flat, I06 7 + 1,242, I08 0 + 4,315, I19 20 + 59,841).
 */
class NiqeCalibrationTest {
  private static double niqe(String name) throws Exception {
    return MetricTable.get("niqe").score(CalibrationTest.image("dist_dir", name), null).score();
  }

  @Test
  void wellConditionedImageEqualsMatlab() throws Exception {
    assertEquals(3.65492152353770, niqe("I04.bmp"), 1e-9 * 3.65492152353770);
  }

  @Test
  void illConditionedImagesWithinTheirBounds() throws Exception {
    double[] off = CalibrationTest.official().get("niqe");
    assertEquals(off[0], niqe("I03.bmp"), 1e-3 * off[0], "I03");
    assertEquals(off[2], niqe("I06.bmp"), 1e-3 * off[2], "I06");
    assertEquals(off[3], niqe("I08.bmp"), 1e-2 * off[3], "I08");
    double i19 = niqe("I19.bmp");
    // exact zero residuals in its 59,841 constant windows bring I19 to 3.3e-3 (5.3e-2 without)
    assertEquals(off[4], i19, 5e-3 * off[4], "I19");
  }

  @Test
  void zeroResidualCountIsZeroOnlyOnI04AndEqualsAnIndependentCheck() throws Exception {
    for (String name : new String[] {"I03.bmp", "I04.bmp", "I06.bmp", "I08.bmp", "I19.bmp"}) {
      RgbImage img = CalibrationTest.image("dist_dir", name);
      Map<String, Double> d = MetricTable.get("niqe").score(img, null).diagnostics();
      long[] expected = IndependentZeroResidualCheck.count(img, img.width() / 96 * 96, img.height() / 96 * 96, false);
      assertEquals((double) expected[0], d.get("ill_conditioned_scale1"), name);
      assertEquals((double) expected[1], d.get("flat_scale1"), name);
      assertEquals(d.get("ill_conditioned_windows") + d.get("flat_windows"), d.get(MetricResult.ZERO_RESIDUAL_WINDOWS));
      if (name.equals("I04.bmp")) {
        assertEquals(0.0, d.get(MetricResult.ZERO_RESIDUAL_WINDOWS), name);
      } else {
        assertTrue(d.get(MetricResult.ZERO_RESIDUAL_WINDOWS) > 0, name + " " + d);
      }
    }
  }

  @Test
  void imagesSmallerThanOneBlockFail() {
    MetricException e = assertThrows(MetricException.class,
        () -> MetricTable.get("niqe").score(new RgbImage(95, 200, new byte[3 * 95 * 200]), null));
    assertEquals("too_small", e.reasonClass());
  }
}
