package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * PIQE against MATLAB's values (2 decimals in results_official.csv): every calibration image rounds to the
 * official value (|diff| <= 0.005, tighter than the 0.1); a flat image scores 100, as documented.
 */
class PiqeCalibrationTest {
  @Test
  void calibrationImagesRoundToTheOfficialValues() throws Exception {
    double[] off = CalibrationTest.official().get("piqe");
    String[] names = {"I03.bmp", "I04.bmp", "I06.bmp", "I08.bmp", "I19.bmp"};
    for (int i = 0; i < names.length; i++) {
      double s = MetricTable.get("piqe").score(CalibrationTest.image("dist_dir", names[i]), null).score();
      assertEquals(off[i], s, 0.005, names[i]);
    }
  }

  @Test
  void flatAndOddSizedImages() throws Exception {
    byte[] grey = new byte[3 * 37 * 21];
    Arrays.fill(grey, (byte) 128);
    MetricResult flat = MetricTable.get("piqe").score(new RgbImage(37, 21, grey), null);
    assertEquals(100.0, flat.score(), 0.0);
    assertEquals(0.0, flat.diagnostics().get("active_blocks"));
    // a checkerboard of 1-pixel squares: every block active, no flat edge run, scored below 100
    byte[] check = new byte[3 * 48 * 48];
    for (int i = 0; i < 48 * 48; i++) {
      Arrays.fill(check, 3 * i, 3 * i + 3, (byte) (((i % 48) + (i / 48)) % 2 == 0 ? 30 : 220));
    }
    MetricResult r = MetricTable.get("piqe").score(new RgbImage(48, 48, check), null);
    assertEquals(9.0, r.diagnostics().get("active_blocks"));
    assertEquals(0.0, r.diagnostics().get("impaired_blocks"));
    assertTrue(r.score() < 100, "" + r.score());
  }
}
