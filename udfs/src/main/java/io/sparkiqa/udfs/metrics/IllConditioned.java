package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.GreyImage;

/**
 * Counts the ill-conditioned pixels of an integer image for the 7x7 symmetric Gaussian window of NIQE
 * and BRISQUE: pixels whose exact residual I - mu is 0 although their window is not constant, so the
 * computed sign of I - mu is arithmetic noise. With distinct weights per distance, sum_k w_k (I_k - I_c)
 * is exactly 0 when, for every ring of taps at equal distance from the centre, the sum of (I_k - I_c)
 * is 0. Borders replicate edge pixels (NIQE's 'replicate').
 */
public final class IllConditioned {
  private static final int R = 3;
  /** Ring index of each tap (by squared distance), -1 for the centre. */
  private static final int[] RING = new int[49];
  private static final int RINGS;

  static {
    java.util.TreeMap<Integer, Integer> ids = new java.util.TreeMap<>();
    for (int dy = -R; dy <= R; dy++) {
      for (int dx = -R; dx <= R; dx++) {
        int d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          ids.putIfAbsent(d2, ids.size());
        }
      }
    }
    for (int dy = -R; dy <= R; dy++) {
      for (int dx = -R; dx <= R; dx++) {
        int d2 = dx * dx + dy * dy;
        RING[(dy + R) * 7 + dx + R] = d2 == 0 ? -1 : ids.get(d2);
      }
    }
    RINGS = ids.size();
  }

  private IllConditioned() {
  }

  /** The number of ill-conditioned pixels of {@code img}, whose values must be integers. */
  public static long count(GreyImage img) {
    int w = img.width();
    int h = img.height();
    long count = 0;
    long[] sums = new long[RINGS];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long centre = (long) img.at(x, y);
        java.util.Arrays.fill(sums, 0);
        boolean constant = true;
        for (int dy = -R; dy <= R; dy++) {
          int yy = Math.min(h - 1, Math.max(0, y + dy));
          for (int dx = -R; dx <= R; dx++) {
            int ring = RING[(dy + R) * 7 + dx + R];
            if (ring < 0) {
              continue;
            }
            long d = (long) img.at(Math.min(w - 1, Math.max(0, x + dx)), yy) - centre;
            sums[ring] += d;
            constant &= d == 0;
          }
        }
        if (!constant && java.util.Arrays.stream(sums).allMatch(s -> s == 0)) {
          count++;
        }
      }
    }
    return count;
  }
}
