package io.sparkiqa.udfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * PilResize against Pillow 12.3 ({@code scripts/fixtures/make_resize_fixtures.py}): bilinear, bicubic and
 * Lanczos, down and up, integer and fractional scales, one axis only: every sample equal. Negative control:
 * OpenCV-like plain bicubic without the widened support differs.
 */
class PilResizeTest {
  private static RgbImage png(String name) throws Exception {
    try (InputStream in = PilResizeTest.class.getResourceAsStream("/pil-resize/" + name)) {
      return ImageDecoder.withDefaults().decode(in.readAllBytes()).image();
    }
  }

  @Test
  void equalsPillowOnEverySample() throws Exception {
    RgbImage input = png("input.png");
    int cases = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        PilResizeTest.class.getResourceAsStream("/pil-resize/expected.csv"), StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        RgbImage expected = png(f[0]);
        RgbImage mine = PilResize.resize(input, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
            PilResize.Filter.valueOf(f[1].toUpperCase(java.util.Locale.ROOT)));
        assertEquals(expected.width(), mine.width(), f[0]);
        assertEquals(expected.height(), mine.height(), f[0]);
        int maxDiff = 0;
        for (int i = 0; i < mine.rgb().length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs((mine.rgb()[i] & 0xff) - (expected.rgb()[i] & 0xff)));
        }
        assertEquals(0, maxDiff, f[0]);
        cases++;
      }
    }
    assertEquals(18, cases);
  }

  @Test
  void downscalingWithoutTheWidenedSupportWouldDiffer() throws Exception {
    RgbImage input = png("input.png");
    RgbImage expected = png("bicubic_61x47.png");
    // a 128 -> 61 box-filtered by hand with the unwidened bicubic (what a non-antialiased resize does)
    RgbImage mine = PilResize.resize(PilResize.resize(input, 122, 94, PilResize.Filter.BICUBIC), 61, 47,
        PilResize.Filter.BILINEAR);
    int diff = 0;
    for (int i = 0; i < mine.rgb().length; i++) {
      diff = Math.max(diff, Math.abs((mine.rgb()[i] & 0xff) - (expected.rgb()[i] & 0xff)));
    }
    assertTrue(diff > 0, "a different resampling path must not match Pillow exactly");
  }
}
