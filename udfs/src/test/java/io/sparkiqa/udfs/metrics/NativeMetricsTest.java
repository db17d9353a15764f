package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Closed-form checks; the values on real images are checked against skimage/numpy in the jobs e2e test. */
class NativeMetricsTest {
  private static RgbImage flat(int w, int h, int v) {
    byte[] b = new byte[3 * w * h];
    Arrays.fill(b, (byte) v);
    return new RgbImage(w, h, b);
  }

  @Test
  void psnrOfAConstantErrorIsClosedForm() throws Exception {
    double db = MetricTable.get("psnr").score(flat(8, 8, 100), flat(8, 8, 110)).score();
    assertEquals(10 * Math.log10(255.0 * 255.0 / 100.0), db, 1e-12);
  }

  @Test
  void psnrOfIdenticalImagesIsPositiveInfinity() throws Exception {
    assertEquals(Double.POSITIVE_INFINITY, MetricTable.get("psnr").score(flat(4, 4, 7), flat(4, 4, 7)).score());
  }

  @Test
  void psnrRefusesAReferenceOfAnotherSizeAndAMissingOne() {
    Metric psnr = MetricTable.get("psnr");
    MetricException e = assertThrows(MetricException.class, () -> psnr.score(flat(4, 4, 1), flat(4, 5, 1)));
    assertEquals("ref_size_mismatch", e.reasonClass());
    assertEquals("no_reference", assertThrows(MetricException.class, () -> psnr.score(flat(4, 4, 1), null)).reasonClass());
  }

  @Test
  void sharpnessOfACheckerboardIsClosedForm() throws Exception {
    // grey checkerboard 0/255: every interior Laplacian is +-4*255, half each -> variance (4*255)^2
    int w = 6;
    int h = 6;
    byte[] b = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        Arrays.fill(b, 3 * (y * w + x), 3 * (y * w + x) + 3, (byte) ((x + y) % 2 == 0 ? 0 : 255));
      }
    }
    double v = MetricTable.get("sharpness").score(new RgbImage(w, h, b), null).score();
    assertEquals(Math.pow(4 * 255 * (0.299 + 0.587 + 0.114), 2), v, 1e-6);
  }

  @Test
  void sharpnessOfAFlatImageIsZeroAndTinyImagesFail() throws Exception {
    assertEquals(0.0, MetricTable.get("sharpness").score(flat(5, 5, 80), null).score());
    MetricException e = assertThrows(MetricException.class, () -> MetricTable.get("sharpness").score(flat(2, 9, 1), null));
    assertEquals("too_small", e.reasonClass());
  }

  @Test
  void theTableKnowsModeDirectionAndRange() {
    MetricSpec p = MetricTable.get("psnr").spec();
    assertEquals(MetricSpec.Mode.FR, p.mode());
    assertEquals(false, p.lowerBetter());
    assertEquals(Double.POSITIVE_INFINITY, p.rangeHigh());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricTable.get("nope"));
    assertTrue(e.getMessage().contains("psnr, sharpness"), e.getMessage());
  }
}
