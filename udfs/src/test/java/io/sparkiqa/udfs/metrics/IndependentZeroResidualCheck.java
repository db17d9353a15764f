package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;

/**
 * Integer check written independently of {@link IllConditioned}, for the tests: taps grouped by their
 * unordered offset pair {|dx|, |dy|} (in a 7x7 window each pair has its own distance, hence its own
 * Gaussian weight), on long pixel values with the border rule spelt out here. Returns {ill, flat}.
 */
final class IndependentZeroResidualCheck {
  private IndependentZeroResidualCheck() {
  }

  static long[] count(RgbImage img, int cropW, int cropH, boolean zeroPadding) {
    GreyImage g = Matlab.rgb2gray(img);
    long[][] px = new long[cropH][cropW];
    for (int y = 0; y < cropH; y++) {
      for (int x = 0; x < cropW; x++) {
        px[y][x] = (long) g.at(x, y);
      }
    }
    long ill = 0;
    long flat = 0;
    for (int y = 0; y < cropH; y++) {
      for (int x = 0; x < cropW; x++) {
        long[][] sums = new long[4][4];
        boolean constant = true;
        for (int dy = -3; dy <= 3; dy++) {
          for (int dx = -3; dx <= 3; dx++) {
            long d = value(px, x + dx, y + dy, zeroPadding) - px[y][x];
            sums[Math.min(Math.abs(dx), Math.abs(dy))][Math.max(Math.abs(dx), Math.abs(dy))] += d;
            constant &= d == 0;
          }
        }
        boolean zero = true;
        for (long[] row : sums) {
          for (long v : row) {
            zero &= v == 0;
          }
        }
        flat += constant ? 1 : 0;
        ill += zero && !constant ? 1 : 0;
      }
    }
    return new long[] {ill, flat};
  }

  private static long value(long[][] px, int x, int y, boolean zeroPadding) {
    int h = px.length;
    int w = px[0].length;
    if (x >= 0 && x < w && y >= 0 && y < h) {
      return px[y][x];
    }
    return zeroPadding ? 0 : px[Math.min(h - 1, Math.max(0, y))][Math.min(w - 1, Math.max(0, x))];
  }
}
