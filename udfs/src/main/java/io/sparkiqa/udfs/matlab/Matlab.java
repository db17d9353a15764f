package io.sparkiqa.udfs.matlab;

import io.sparkiqa.udfs.image.RgbImage;

/**
 * MATLAB-compatible building blocks for the ports of the official metric code, in double precision:
 * {@code rgb2gray} (with its uint8 rounding), {@code fspecial('gaussian')}, {@code filter2(..., 'valid')},
 * {@code imresize(I, 0.5)}; the 'same'-size filters are {@link WindowFilter}. Each is named after and tested against its MATLAB
 * definition.
 */
public final class Matlab {
  /** MATLAB's rgb2gray coefficients (inverse of the NTSC YIQ matrix's first row, as MATLAB computes them). */
  static final double R = 0.298936021293775;
  static final double G = 0.587043074451121;
  static final double B = 0.114020904255103;

  private static final double[] RED = products(R);
  private static final double[] GREEN = products(G);
  private static final double[] BLUE = products(B);

  private Matlab() {
  }

  /**
   * {@code double(rgb2gray(I))} for a uint8 RGB image: Y = R r + G g + B b, rounded half away from zero
   * to uint8 (no RGB triple lies within 1e-9 of a .5 tie, so the rounding is unambiguous).
   */
  public static GreyImage rgb2gray(RgbImage img) {
    return rgb2gray(img, img.width(), img.height(), new double[img.width() * img.height()]);
  }

  /** {@link #rgb2gray(RgbImage)} of the top-left w x h pixels, written into {@code out} (w * h values). */
  public static GreyImage rgb2gray(RgbImage img, int w, int h, double[] out) {
    byte[] p = img.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0, i = y * w, j = 3 * y * img.width(); x < w; x++, i++, j += 3) {
        // the same products and the same left-to-right sum as R * r + G * g + B * b; y < 255, so (int) is floor
        double g = RED[p[j] & 0xff] + GREEN[p[j + 1] & 0xff] + BLUE[p[j + 2] & 0xff];
        out[i] = (int) (g + 0.5);
      }
    }
    return new GreyImage(w, h, out);
  }

  /**
   * {@code fspecial('gaussian', size, sigma)}: exp(-(x^2+y^2)/(2 sigma^2)) on a centred size x size grid,
   * values below eps * max set to 0, normalised to sum 1. Row-major.
   */
  public static double[] gaussian(int size, double sigma) {
    double[] h = new double[size * size];
    double half = (size - 1) / 2.0;
    double max = 0;
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double x = c - half;
        double y = r - half;
        h[r * size + c] = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
        max = Math.max(max, h[r * size + c]);
      }
    }
    double eps = Math.ulp(1.0);
    double sum = 0;
    for (int i = 0; i < h.length; i++) {
      if (h[i] < eps * max) {
        h[i] = 0;
      }
      sum += h[i];
    }
    for (int i = 0; i < h.length; i++) {
      h[i] /= sum;
    }
    return h;
  }

  /**
   * {@code imresize(img, 0.5)} with MATLAB's defaults: bicubic (a = -0.5) widened by 1/scale for
   * antialiasing, weights normalised per output pixel, mirrored ('symmetric') indices at the borders,
   * rows then columns. Output is ceil(H/2) x ceil(W/2).
   */
  public static GreyImage imresizeHalf(GreyImage img) {
    int ow = (img.width() + 1) / 2;
    int oh = (img.height() + 1) / 2;
    return imresizeHalf(img, RowKernels.get(), new double[img.width() * oh], new double[ow * oh]);
  }

  /**
   * {@link #imresizeHalf(GreyImage)} with the intermediate W x ceil(H/2) values in {@code tmp} and the result
   * in {@code out} (any contents: both are overwritten).
   */
  public static GreyImage imresizeHalf(GreyImage img, double[] tmp, double[] out) {
    return imresizeHalf(img, RowKernels.get(), tmp, out);
  }

  static GreyImage imresizeHalf(GreyImage img, RowKernels kernels, double[] tmp, double[] out) {
    int w = img.width();
    int h = img.height();
    int ow = (w + 1) / 2;
    int oh = (h + 1) / 2;
    double[] v = img.v();
    java.util.Arrays.fill(tmp, 0);
    Contributions rows = Contributions.of(h, oh);
    // per output pixel s = 0 + w_0 a_0 + w_1 a_1 + ..., accumulated a whole row at a time (the same sums)
    for (int y = 0; y < oh; y++) {
      int dst = y * w;
      for (int t = 0; t < rows.idx[y].length; t++) {
        double wt = rows.wt[y][t];
        int src = rows.idx[y][t] * w;
        kernels.axpy(wt, v, src, tmp, dst, w);
      }
    }
    Contributions cols = Contributions.of(w, ow);
    int[] start = new int[ow + 1];
    for (int x = 0; x < ow; x++) {
      start[x + 1] = start[x] + cols.idx[x].length;
    }
    int[] idx = new int[start[ow]];
    double[] wts = new double[start[ow]];
    for (int x = 0; x < ow; x++) {
      System.arraycopy(cols.idx[x], 0, idx, start[x], cols.idx[x].length);
      System.arraycopy(cols.wt[x], 0, wts, start[x], cols.wt[x].length);
    }
    for (int y = 0; y < oh; y++) {
      int row = y * w;
      for (int x = 0; x < ow; x++) {
        double s = 0;
        for (int t = start[x]; t < start[x + 1]; t++) {
          s += wts[t] * tmp[row + idx[t]];
        }
        out[y * ow + x] = s;
      }
    }
    return new GreyImage(ow, oh, out);
  }

  /** MATLAB imresize's contributions for a scale of 0.5 along one dimension (0-based indices). */
  private record Contributions(int[][] idx, double[][] wt) {
    static Contributions of(int in, int out) {
      double scale = 0.5;
      double kernelWidth = 4 / scale;
      int p = (int) Math.ceil(kernelWidth) + 2;
      int[][] idx = new int[out][];
      double[][] wt = new double[out][];
      for (int i = 1; i <= out; i++) {
        double u = i / scale + 0.5 * (1 - 1 / scale);
        int left = (int) Math.floor(u - kernelWidth / 2);
        double[] weights = new double[p];
        int[] indices = new int[p];
        double sum = 0;
        for (int j = 0; j < p; j++) {
          int index = left + j;
          weights[j] = scale * cubic(scale * (u - index));
          sum += weights[j];
          indices[j] = mirror(index, in);
        }
        int n = 0;
        for (int j = 0; j < p; j++) {
          if (weights[j] != 0) {
            n++;
          }
        }
        idx[i - 1] = new int[n];
        wt[i - 1] = new double[n];
        for (int j = 0, k = 0; j < p; j++) {
          if (weights[j] != 0) {
            idx[i - 1][k] = indices[j];
            wt[i - 1][k++] = weights[j] / sum;
          }
        }
      }
      return new Contributions(idx, wt);
    }

    /** 1-based MATLAB index to a 0-based one, mirrored as aux = [1:n, n:-1:1]. */
    static int mirror(int index, int n) {
      int m = Math.floorMod(index - 1, 2 * n);
      return m < n ? m : 2 * n - 1 - m;
    }

    static double cubic(double x) {
      double a = Math.abs(x);
      if (a <= 1) {
        return 1.5 * a * a * a - 2.5 * a * a + 1;
      }
      if (a <= 2) {
        return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
      }
      return 0;
    }
  }

  private static double[] products(double coefficient) {
    double[] t = new double[256];
    for (int i = 0; i < 256; i++) {
      t[i] = coefficient * i;
    }
    return t;
  }

  /** Element-wise product. */
  public static GreyImage times(GreyImage a, GreyImage b) {
    double[] out = new double[a.v().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.v()[i] * b.v()[i];
    }
    return new GreyImage(a.width(), a.height(), out);
  }

  /**
   * MS-SSIM's down-sampling step: {@code imfilter(I, ones(2)/4, 'symmetric', 'same')} (the 2x2 kernel's
   * anchor is its top-left tap, the far edge mirrored) followed by {@code (1:2:end, 1:2:end)}.
   */
  public static GreyImage halve(GreyImage img) {
    int w = img.width();
    int h = img.height();
    int ow = (w + 1) / 2;
    int oh = (h + 1) / 2;
    double[] out = new double[ow * oh];
    for (int y = 0; y < oh; y++) {
      int y0 = 2 * y;
      int y1 = Math.min(y0 + 1, h - 1);
      for (int x = 0; x < ow; x++) {
        int x0 = 2 * x;
        int x1 = Math.min(x0 + 1, w - 1);
        out[y * ow + x] = (img.at(x0, y0) / 4 + img.at(x1, y0) / 4) + (img.at(x0, y1) / 4 + img.at(x1, y1) / 4);
      }
    }
    return new GreyImage(ow, oh, out);
  }
}
