package io.sparkiqa.udfs.metrics;

/**
 * Decides, in exact integer arithmetic, whether the residual I - mu of a pixel under the 7x7 symmetric
 * Gaussian window of NIQE and BRISQUE is exactly 0. With distinct weights per distance,
 * sum_k w_k (I_k - I_c) is exactly 0 when, for every ring of taps at equal distance from the centre, the
 * sum of (I_k - I_c) is 0. Such a pixel is <em>flat</em> when its whole window is constant and
 * <em>ill-conditioned</em> otherwise: either way the computed sign of I - mu is arithmetic noise.
 */
final class IllConditioned {
  static final int NORMAL = 0;
  static final int FLAT = 1;
  static final int ILL = 2;
  private static final int R = 3;
  private static final int K = 2 * R + 1;
  /** Ring index of each tap (by squared distance), -1 for the centre. */
  private static final int[] RING = new int[K * K];
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
        RING[(dy + R) * K + dx + R] = d2 == 0 ? -1 : ids.get(d2);
      }
    }
    RINGS = ids.size();
  }

  private IllConditioned() {
  }

  /**
   * Classifies the pixel whose window starts at ({@code x}, {@code y}) of an image padded by 3. Values
   * times {@code scale} must be integers (1 for uint8 images, 2^16 for MATLAB's half-size images).
   */
  static int classify(double[] padded, int stride, int x, int y, double scale) {
    long centre = exact(padded[(y + R) * stride + x + R], scale);
    long[] sums = new long[RINGS];
    boolean constant = true;
    for (int dy = 0; dy < K; dy++) {
      for (int dx = 0; dx < K; dx++) {
        int ring = RING[dy * K + dx];
        if (ring >= 0) {
          long d = exact(padded[(y + dy) * stride + x + dx], scale) - centre;
          sums[ring] += d;
          constant &= d == 0;
        }
      }
    }
    if (constant) {
      return FLAT;
    }
    for (long s : sums) {
      if (s != 0) {
        return NORMAL;
      }
    }
    return ILL;
  }

  private static long exact(double v, double scale) {
    double s = v * scale;
    if (s != Math.rint(s)) {
      throw new IllegalStateException("pixel value " + v + " is not a multiple of 1/" + scale);
    }
    return (long) s;
  }
}
