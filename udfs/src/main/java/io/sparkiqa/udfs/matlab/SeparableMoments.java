package io.sparkiqa.udfs.matlab;

/**
 * The local mean and second moment (correlations of I and I^2 with a {@link Window}) in one streaming
 * pass, bit-identical to two calls of {@link WindowFilter#SEPARABLE} {@code same()}: the same horizontal
 * then vertical sums in the same order, with the border handled by clamped indices (replicate) or by
 * leaving out the taps outside (zero padding: they would add exact zeros). Horizontal results live in a
 * ring of k rows and each output row is handed over as it is done, so nothing image-sized is allocated.
 * A 7-tap window's inner loops use the Vector API where available ({@link RowKernels}).
 */
public final class SeparableMoments {
  private SeparableMoments() {
  }

  /** Receives each output row; the arrays are reused for the next row. */
  public interface RowSink {
    void row(int y, double[] mu, double[] m2);
  }

  /** Fills {@code mu} and {@code m2} (each width x height, row-major). */
  public static void compute(GreyImage img, Window win, Padding padding, double[] mu, double[] m2) {
    compute(img, win, padding, RowKernels.BEST, mu, m2);
  }

  static void compute(GreyImage img, Window win, Padding padding, RowKernels taps, double[] mu, double[] m2) {
    int w = img.width();
    rows(img, win, padding, taps, (y, rowMu, rowM2) -> {
      System.arraycopy(rowMu, 0, mu, y * w, w);
      System.arraycopy(rowM2, 0, m2, y * w, w);
    });
  }

  /** Hands the rows of the local mean and second moment to {@code sink}, top to bottom. */
  public static void rows(GreyImage img, Window win, Padding padding, RowSink sink) {
    rows(img, win, padding, RowKernels.BEST, sink);
  }

  static void rows(GreyImage img, Window win, Padding padding, RowKernels taps, RowSink sink) {
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
    double[] mu = new double[w];
    double[] m2 = new double[w];
    for (int y = 0; y < h; y++) {
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
          horizontal(v, src * w, w, t, r0, padding, taps, ringI[slot], ringQ[slot]);
          ringRow[slot] = src;
        }
        rowsI[r] = ringI[slot];
        rowsQ[r] = ringQ[slot];
      }
      if (k == 7 && all) {
        taps.vertical(rowsI, t, mu, w);
        taps.vertical(rowsQ, t, m2, w);
      } else {
        java.util.Arrays.fill(mu, 0);
        java.util.Arrays.fill(m2, 0);
        for (int r = 0; r < k; r++) {
          if (rowsI[r] == null) {
            continue;
          }
          double tr = t[r];
          double[] hi = rowsI[r];
          double[] hq = rowsQ[r];
          for (int x = 0; x < w; x++) {
            mu[x] += tr * hi[x];
            m2[x] += tr * hq[x];
          }
        }
      }
      sink.row(y, mu, m2);
    }
  }

  private static void horizontal(double[] v, int row, int w, double[] t, int r0, Padding padding, RowKernels taps,
                                 double[] outI, double[] outQ) {
    int k = t.length;
    if (k == 7 && w > 6) {
      taps.horizontal(v, row, w, t, outI, outQ);
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
}
