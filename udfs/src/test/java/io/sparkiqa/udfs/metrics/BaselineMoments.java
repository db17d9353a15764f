package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.Window;

/**
 * Benchmark baseline: {@code matlab.SeparableMoments} as it was before the speed work of issue #19.
 * The local mean and second moment (correlations of I and I^2 with a {@link Window}) in one streaming
 * pass, bit-identical to two calls of {@code WindowFilter.SEPARABLE} {@code same()}: the same horizontal
 * then vertical sums in the same order, with the border handled by clamped indices (replicate) or by
 * leaving out the taps outside (zero padding: they would add exact zeros). Horizontal results live in a
 * ring of k rows, so nothing image-sized is allocated but the two outputs.
 */
final class BaselineMoments {
  private BaselineMoments() {
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
    double[][] rowsI = new double[k][];
    double[][] rowsQ = new double[k][];
    for (int y = 0; y < h; y++) {
      int base = y * w;
      boolean all = true;
      for (int r = 0; r < k; r++) {
        int src = y + r - r0;
        if (src < 0 || src >= h) {
          if (padding == Padding.ZERO) {
            all = false;
            rowsI[r] = null;
            continue;
          }
          src = Math.min(h - 1, Math.max(0, src));
        }
        int slot = src % k;
        if (ringRow[slot] != src) {
          horizontal(v, src * w, w, t, r0, padding, ringI[slot], ringQ[slot]);
          ringRow[slot] = src;
        }
        rowsI[r] = ringI[slot];
        rowsQ[r] = ringQ[slot];
      }
      if (k == 7 && all) {
        vertical7(rowsI, t, mu, base, w);
        vertical7(rowsQ, t, m2, base, w);
        continue;
      }
      for (int r = 0; r < k; r++) {
        if (rowsI[r] == null) {
          continue;
        }
        double tr = t[r];
        double[] hi = rowsI[r];
        double[] hq = rowsQ[r];
        for (int x = 0; x < w; x++) {
          mu[base + x] += tr * hi[x];
          m2[base + x] += tr * hq[x];
        }
      }
    }
  }

  /** One output row from 7 horizontal rows: t0 a0 + ... + t6 a6 left to right, as the += loop sums them. */
  private static void vertical7(double[][] rows, double[] t, double[] out, int base, int w) {
    double[] a0 = rows[0];
    double[] a1 = rows[1];
    double[] a2 = rows[2];
    double[] a3 = rows[3];
    double[] a4 = rows[4];
    double[] a5 = rows[5];
    double[] a6 = rows[6];
    double t0 = t[0];
    double t1 = t[1];
    double t2 = t[2];
    double t3 = t[3];
    double t4 = t[4];
    double t5 = t[5];
    double t6 = t[6];
    for (int x = 0; x < w; x++) {
      out[base + x] = t0 * a0[x] + t1 * a1[x] + t2 * a2[x] + t3 * a3[x] + t4 * a4[x] + t5 * a5[x] + t6 * a6[x];
    }
  }

  private static void horizontal(double[] v, int row, int w, double[] t, int r0, Padding padding, double[] outI,
                                 double[] outQ) {
    int k = t.length;
    if (k == 7 && w > 6) {
      interior7(v, row, w, t, outI, outQ);
    }
    for (int x = 0; x < w; x++) {
      if (k == 7 && x >= 3 && x + 3 < w) {
        continue;
      }
      double s = 0;
      double q = 0;
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
      outI[x] = s;
      outQ[x] = q;
    }
  }

  /** The interior of a row for k = 7, taps in registers: the same products summed in the same order. */
  private static void interior7(double[] v, int row, int w, double[] t, double[] outI, double[] outQ) {
    double t0 = t[0];
    double t1 = t[1];
    double t2 = t[2];
    double t3 = t[3];
    double t4 = t[4];
    double t5 = t[5];
    double t6 = t[6];
    for (int x = 3; x + 3 < w; x++) {
      int b = row + x - 3;
      double p0 = v[b];
      double p1 = v[b + 1];
      double p2 = v[b + 2];
      double p3 = v[b + 3];
      double p4 = v[b + 4];
      double p5 = v[b + 5];
      double p6 = v[b + 6];
      outI[x] = t0 * p0 + t1 * p1 + t2 * p2 + t3 * p3 + t4 * p4 + t5 * p5 + t6 * p6;
      outQ[x] = t0 * (p0 * p0) + t1 * (p1 * p1) + t2 * (p2 * p2) + t3 * (p3 * p3) + t4 * (p4 * p4) + t5 * (p5 * p5)
          + t6 * (p6 * p6);
    }
  }
}
