package io.sparkiqa.udfs.matlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkiqa.udfs.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The MATLAB building blocks against their definitions. */
class MatlabTest {
  @Test
  void rgb2grayRoundsHalfAwayFromZeroWithMatlabsCoefficients() {
    RgbImage img = new RgbImage(4, 1, new byte[] {(byte) 255, (byte) 255, (byte) 255, 1, 2, 3, 0, 0, 0, 100, 50, 25});
    // 255; 0.298936*1 + 0.587043*2 + 0.114021*3 = 1.815085 -> 2; 0; 29.8936 + 29.3522 + 2.8505 = 62.0963 -> 62
    assertArrayEquals(new double[] {255, 2, 0, 62}, Matlab.rgb2gray(img).v(), 0);
  }

  @Test
  void gaussianWindowIsNormalisedSymmetricAndShaped() {
    double[] h = Matlab.gaussian(11, 1.5);
    double sum = 0;
    for (double v : h) {
      sum += v;
    }
    assertEquals(1.0, sum, 1e-15);
    assertEquals(h[5 * 11 + 4], h[5 * 11 + 6], 0);
    assertEquals(h[4 * 11 + 5], h[5 * 11 + 4], 0);
    assertEquals(Math.exp(-1 / (2 * 2.25)), h[5 * 11 + 6] / h[5 * 11 + 5], 1e-15);
  }

  @Test
  void imresizeHalfKeepsConstantsAndMirrorsBorders() {
    double[] flat = new double[12 * 10];
    java.util.Arrays.fill(flat, 7);
    GreyImage r = Matlab.imresizeHalf(new GreyImage(12, 10, flat));
    assertEquals(6, r.width());
    assertEquals(5, r.height());
    for (double v : r.v()) {
      assertEquals(7.0, v, 1e-13);
    }
    // a horizontal ramp 0..11 keeps its symmetry about the centre: out(x) + out(5 - x) is constant
    double[] ramp = new double[12 * 4];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i % 12;
    }
    GreyImage rr = Matlab.imresizeHalf(new GreyImage(12, 4, ramp));
    assertEquals(rr.at(0, 0) + rr.at(5, 0), rr.at(2, 0) + rr.at(3, 0), 1e-12);
    // away from the borders the normalised symmetric kernel reproduces a linear function at u = 2i - 0.5
    assertEquals(4.5, rr.at(2, 0), 1e-12);
  }

  @Test
  void filter2ValidAndHalve() {
    GreyImage img = new GreyImage(3, 3, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    double[] k = {1, 0, 0, 0, 0, 0, 0, 0, 0}; // picks the top-left tap
    assertArrayEquals(new double[] {1}, Matlab.filter2Valid(k, 3, img).v(), 0);
    GreyImage half = Matlab.halve(img);
    assertEquals(2, half.width());
    // (1+2+4+5)/4, (3+3+6+6)/4 (right edge mirrored), (7+8+7+8)/4, 9
    assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, half.v(), 1e-15);
  }
}
