package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * NIQE against the official LIVE MATLAB values (results_official.csv, full precision): I04, which has no
 * ill-conditioned windows, within 1e-9 relative; I03 and I06 within 0.1%, I08 within 1% (their values
 * hang on the sign of exactly-zero residuals in flat or symmetric windows, see IQA reference section H).
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
    assertTrue(Double.isFinite(i19) && Math.abs(i19 - off[4]) / off[4] < 0.1, "I19 " + i19 + " vs " + off[4]);
  }

  @Test
  void imagesSmallerThanOneBlockFail() {
    MetricException e = assertThrows(MetricException.class,
        () -> MetricTable.get("niqe").score(new RgbImage(95, 200, new byte[3 * 95 * 200]), null));
    assertEquals("too_small", e.reasonClass());
  }
}
