package io.sparkiqa.udfs.matlab;

/**
 * The local mean and second moment (correlations of I and I^2 with a {@link Window}) in one streaming
 * pass, bit-identical to two calls of {@link WindowFilter#SEPARABLE} {@code same()}: the same horizontal
 * then vertical sums in the same order, with the border handled by clamped indices (replicate) or by
 * leaving out the taps outside (zero padding: they would add exact zeros). Horizontal results live in a
 * ring of k rows, so nothing image-sized is allocated but the two outputs.
 */
public final class SeparableMoments {
  private SeparableMoments() {
  }

  /** Fills {@code mu} and {@code m2} (each width x height, row-major). */
  public static void compute(GreyImage img, Window win, Padding padding, double[] mu, double[] m2) {
    int w = img.width();
    int h = img.height();
    int k = win.k();
    int r0 = win.radius();
    double[] t = win.taps1d();
    double[][] ringI = new double[k][w];
    double[][] ringQ = new double[k][w];
    int[] ringRow = new int[k];
    java.util.Arrays.fill(ringRow, -1);
    double[] v = img.v();
    for (int y = 0; y < h; y++) {
      int base = y * w;
      for (int r = 0; r < k; r++) {
        int src = y + r - r0;
        if (src < 0 || src >= h) {
          if (padding == Padding.ZERO) {
            continue;
          }
          src = Math.min(h - 1, Math.max(0, src));
        }
        int slot = src % k;
        if (ringRow[slot] != src) {
          horizontal(v, src * w, w, t, r0, padding, ringI[slot], ringQ[slot]);
          ringRow[slot] = src;
        }
        double tr = t[r];
        double[] hi = ringI[slot];
        double[] hq = ringQ[slot];
        for (int x = 0; x < w; x++) {
          mu[base + x] += tr * hi[x];
          m2[base + x] += tr * hq[x];
        }
      }
    }
  }

  private static void horizontal(double[] v, int row, int w, double[] t, int r0, Padding padding, double[] outI,
                                 double[] outQ) {
    int k = t.length;
    for (int x = 0; x < w; x++) {
      double s = 0;
      double q = 0;
      if (x >= r0 && x + r0 < w) {
        for (int c = 0; c < k; c++) {
          double p = v[row + x + c - r0];
          s += t[c] * p;
          q += t[c] * (p * p);
        }
      } else {
        for (int c = 0; c < k; c++) {
          int xx = x + c - r0;
          if (xx < 0 || xx >= w) {
            if (padding == Padding.ZERO) {
              continue;
            }
            xx = Math.min(w - 1, Math.max(0, xx));
          }
          double p = v[row + xx];
          s += t[c] * p;
          q += t[c] * (p * p);
        }
      }
      outI[x] = s;
      outQ[x] = q;
    }
  }
}
