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
  void rgb2grayEqualsTheDirectFormulaOnAllColours() {
    byte[] rgb = new byte[3 * 256 * 256];
    for (int r = 0; r < 256; r++) {
      for (int i = 0; i < 256 * 256; i++) {
        rgb[3 * i] = (byte) r;
        rgb[3 * i + 1] = (byte) (i >> 8);
        rgb[3 * i + 2] = (byte) i;
      }
      double[] v = Matlab.rgb2gray(new RgbImage(256, 256, rgb)).v();
      for (int i = 0; i < v.length; i++) {
        double y = Matlab.R * r + Matlab.G * (i >> 8) + Matlab.B * (i & 0xff);
        assertEquals(Math.min(255, Math.floor(y + 0.5)), v[i], 0.0);
      }
    }
  }

  @Test
  void separableMomentsEqualTheSeparableFilterBitForBit() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    double[] px = new double[37 * 23];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextInt(256);
    }
    GreyImage img = new GreyImage(37, 23, px);
    Window win = Window.gaussian(7, 7.0 / 6.0);
    for (Padding p : Padding.values()) {
      double[] mu = new double[px.length];
      double[] m2 = new double[px.length];
      SeparableMoments.compute(img, win, p, mu, m2);
      assertArrayEquals(WindowFilter.SEPARABLE.same(win, img, p).v(), mu, 0.0, p.name());
      assertArrayEquals(WindowFilter.SEPARABLE.same(win, Matlab.times(img, img), p).v(), m2, 0.0, p.name());
      // and the 2-D column-major filter agrees to rounding
      assertArrayEquals(WindowFilter.COLUMN_MAJOR_2D.same(win, img, p).v(), mu, 1e-12, p.name());
    }
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
    assertArrayEquals(new double[] {1}, WindowFilter.COLUMN_MAJOR_2D.valid(new Window(3, k, null), img).v(), 0);
    GreyImage half = Matlab.halve(img);
    assertEquals(2, half.width());
    // (1+2+4+5)/4, (3+3+6+6)/4 (right edge mirrored), (7+8+7+8)/4, 9
    assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, half.v(), 1e-15);
  }
}
