package io.sparkiqa.udfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RgbImageTest {
  static RgbImage ramp(int w, int h) {
    byte[] b = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          b[3 * (y * w + x) + c] = (byte) (10 * y + x + 100 * c);
        }
      }
    }
    return new RgbImage(w, h, b);
  }

  @Test
  void cropTakesTheBoxTopLeftInclusiveBottomRightExclusive() {
    RgbImage c = ramp(6, 5).crop(1, 2, 4, 5);
    assertEquals(3, c.width());
    assertEquals(3, c.height());
    assertEquals(10 * 1 + 2, c.sample(0, 0, 0));
    assertEquals(10 * 3 + 4 + 200, c.sample(2, 2, 2));
  }

  @Test
  void cropOutsideTheImageIsRefusedWithTheBoxAndSize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ramp(6, 5).crop(0, 0, 6, 5));
    assertEquals("crop box (top=0, left=0, bottom=6, right=5) is outside the 6x5 image", e.getMessage());
  }
}
