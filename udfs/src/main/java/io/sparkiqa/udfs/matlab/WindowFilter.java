package io.sparkiqa.udfs.matlab;

/**
 * Two genuinely different implementations of a 'same'-size correlation with a {@link Window}. They agree
 * to rounding (~1e-16 relative) and differ only where rounding decides something, which is what the
 * ill-conditioned-window diagnostics of NIQE and BRISQUE are about.
 */
public enum WindowFilter {
  /** The reference: 2-D taps summed in MATLAB's column-major kernel order, one sequential double sum. */
  COLUMN_MAJOR_2D {
    @Override
    GreyImage valid(Window win, GreyImage padded, int w, int h) {
      double[] out = new double[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y * w + x] = columnMajorAt(win, padded, x, y);
        }
      }
      return new GreyImage(w, h, out);
    }
  },
  /** The fast one: a horizontal then a vertical pass with the 1-D factor (2k instead of k^2 taps). */
  SEPARABLE {
    @Override
    GreyImage valid(Window win, GreyImage padded, int w, int h) {
      int k = win.k();
      double[] t = win.taps1d();
      double[] v = padded.v();
      int pw = padded.width();
      int ph = padded.height();
      double[] rows = new double[w * ph];
      for (int y = 0; y < ph; y++) {
        int base = y * pw;
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int c = 0; c < k; c++) {
            s += t[c] * v[base + x + c];
          }
          rows[y * w + x] = s;
        }
      }
      double[] out = new double[w * h];
      for (int y = 0; y < h; y++) {
        for (int r = 0; r < k; r++) {
          double tr = t[r];
          int src = (y + r) * w;
          int dst = y * w;
          for (int x = 0; x < w; x++) {
            out[dst + x] += tr * rows[src + x];
          }
        }
      }
      return new GreyImage(w, h, out);
    }
  };

  /** Correlation of {@code img} with {@code win}, same size, outside pixels as {@code padding} defines. */
  public GreyImage same(Window win, GreyImage img, Padding padding) {
    return valid(win, padding.pad(img, win.radius()), img.width(), img.height());
  }

  /** {@code filter2(win, img, 'valid')}: the (W-k+1) x (H-k+1) positions where the window fits. */
  public GreyImage valid(Window win, GreyImage img) {
    int w = img.width() - win.k() + 1;
    int h = img.height() - win.k() + 1;
    if (w <= 0 || h <= 0) {
      throw new IllegalArgumentException(win.k() + "x" + win.k() + " window larger than the " + img.width() + "x"
          + img.height() + " image");
    }
    return valid(win, img, w, h);
  }

  /** The 2-D column-major sum for the output pixel whose window starts at (x, y) of a padded image. */
  public static double columnMajorAt(Window win, GreyImage padded, int x, int y) {
    int k = win.k();
    double[] t = win.taps2d();
    double[] v = padded.v();
    int pw = padded.width();
    double s = 0;
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < k; r++) {
        s += t[r * k + c] * v[(y + r) * pw + x + c];
      }
    }
    return s;
  }

  abstract GreyImage valid(Window win, GreyImage padded, int w, int h);
}
