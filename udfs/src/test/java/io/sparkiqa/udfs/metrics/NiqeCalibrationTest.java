package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * NIQE against the official LIVE MATLAB values (results_official.csv, full precision): I04, which has no
 * ill-conditioned windows, within 1e-9 relative; I03 and I06 within 0.1%, I08 within 1%, I19 within 0.5%
 * (their values hang on the sign of exactly-zero residuals in flat or symmetric windows, which the
 * diagnostics count).
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
  void illConditionedCountIsZeroOnlyOnI04AndEqualsAnIndependentCheck() throws Exception {
    for (String name : new String[] {"I03.bmp", "I04.bmp", "I06.bmp", "I08.bmp", "I19.bmp"}) {
      RgbImage img = CalibrationTest.image("dist_dir", name);
      MetricResult r = MetricTable.get("niqe").score(img, null);
      io.sparkiqa.udfs.matlab.GreyImage g = io.sparkiqa.udfs.matlab.Matlab.rgb2gray(img);
      int w = g.width() / 96 * 96;
      int h = g.height() / 96 * 96;
      long[][] px = new long[h][w];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          px[y][x] = (long) g.at(x, y);
        }
      }
      long expected = independentCount(px);
      assertEquals((double) expected, r.diagnostics().get("ill_conditioned_scale1"), name);
      if (name.equals("I04.bmp")) {
        assertEquals(0.0, r.diagnostics().get("ill_conditioned_windows"), name);
        assertEquals(0.0, r.diagnostics().get("flat_windows"), name);
      } else if (name.equals("I08.bmp")) {
        // no non-constant zero-residual window; its sensitivity comes from 4,315 constant windows
        assertTrue(r.diagnostics().get("flat_windows") > 0, name + " " + r.diagnostics());
      } else {
        assertTrue(r.diagnostics().get("ill_conditioned_windows") > 0, name + " " + r.diagnostics());
      }
    }
  }

  /**
   * Integer check written independently of IllConditioned: taps grouped by their unordered offset pair
   * {|dx|, |dy|} (in a 7x7 window each pair has its own distance, hence its own Gaussian weight).
   */
  private static long independentCount(long[][] px) {
    int h = px.length;
    int w = px[0].length;
    long n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long[][] sums = new long[4][4];
        boolean flat = true;
        for (int dy = -3; dy <= 3; dy++) {
          for (int dx = -3; dx <= 3; dx++) {
            long d = px[Math.min(h - 1, Math.max(0, y + dy))][Math.min(w - 1, Math.max(0, x + dx))] - px[y][x];
            int a = Math.min(Math.abs(dx), Math.abs(dy));
            int b = Math.max(Math.abs(dx), Math.abs(dy));
            sums[a][b] += d;
            flat &= d == 0;
          }
        }
        boolean zero = true;
        for (long[] row : sums) {
          for (long v : row) {
            zero &= v == 0;
          }
        }
        if (zero && !flat) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void imagesSmallerThanOneBlockFail() {
    MetricException e = assertThrows(MetricException.class,
        () -> MetricTable.get("niqe").score(new RgbImage(95, 200, new byte[3 * 95 * 200]), null));
    assertEquals("too_small", e.reasonClass());
  }
}
