package io.sparkiqa.udfs.image;

import java.util.function.DoubleUnaryOperator;

/**
 * {@code PIL.Image.resize} for 8-bit RGB, bit for bit: Pillow's separable resampler (horizontal pass
 * into an 8-bit intermediate, then vertical), its filter support widened by the scale when shrinking
 * (antialiasing), its per-pixel coefficient windows normalised in double and converted to 22-bit fixed
 * point, rounding and clipping as Pillow's {@code ImagingResampleHorizontal/Vertical_8bpc}. Deep models'
 * reference pipelines resize with PIL; OpenCV's and AWT's resizes differ by up to 165 grey levels.
 */
public final class PilResize {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  /** Pillow's resampling filters (name, support, kernel). */
  public enum Filter {
    BILINEAR(1.0, x -> {
      double a = Math.abs(x);
      return a < 1.0 ? 1.0 - a : 0.0;
    }),
    BICUBIC(2.0, x -> {
      double a = Math.abs(x);
      double c = -0.5;
      if (a < 1.0) {
        return ((c + 2.0) * a - (c + 3.0)) * a * a + 1;
      }
      return a < 2.0 ? (((a - 5) * a + 8) * a - 4) * c : 0.0;
    }),
    LANCZOS(3.0, x -> -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0);

    final double support;
    final DoubleUnaryOperator kernel;

    Filter(double support, DoubleUnaryOperator kernel) {
      this.support = support;
      this.kernel = kernel;
    }
  }

  private PilResize() {
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return StrictMath.sin(px) / px;
  }

  /** {@code img.resize((width, height), filter)}. */
  public static RgbImage resize(RgbImage img, int width, int height, Filter filter) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resize to " + width + "x" + height);
    }
    Coefficients vert = Coefficients.of(img.height(), height, filter);
    RgbImage cur = img;
    if (width != img.width()) {
      int first = vert.start[0];
      int last = vert.start[height - 1] + vert.count[height - 1];
      cur = horizontal(img, first, last, Coefficients.of(img.width(), width, filter));
      vert = vert.shifted(-first);
    }
    return height != img.height() ? vertical(cur, vert) : cur;
  }

  /** Per output pixel: the first input index, how many, and the fixed-point weights. */
  record Coefficients(int[] start, int[] count, int[][] weights) {
    static Coefficients of(int inSize, int outSize, Filter f) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = f.support * filterScale;
      int[] start = new int[outSize];
      int[] count = new int[outSize];
      int[][] weights = new int[outSize][];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        double ss = 1.0 / filterScale;
        int xmin = Math.max((int) (center - support + 0.5), 0);
        int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
        double[] k = new double[Math.max(xmax, 0)];
        double ww = 0.0;
        for (int x = 0; x < xmax; x++) {
          k[x] = f.kernel.applyAsDouble((x + xmin - center + 0.5) * ss);
          ww += k[x];
        }
        int[] fixed = new int[k.length];
        for (int x = 0; x < k.length; x++) {
          double w = ww != 0.0 ? k[x] / ww : k[x];
          fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
        }
        start[xx] = xmin;
        count[xx] = Math.max(xmax, 0);
        weights[xx] = fixed;
      }
      return new Coefficients(start, count, weights);
    }

    Coefficients shifted(int by) {
      int[] s = start.clone();
      for (int i = 0; i < s.length; i++) {
        s[i] += by;
      }
      return new Coefficients(s, count, weights);
    }
  }

  private static RgbImage horizontal(RgbImage in, int firstRow, int lastRow, Coefficients c) {
    int w = c.start().length;
    int h = lastRow - firstRow;
    byte[] src = in.rgb();
    byte[] out = new byte[3 * w * h];
    int iw = in.width();
    int[] starts = c.start();
    int[] counts = c.count();
    int[][] weights = c.weights();
    int[] row = new int[3 * iw];
    int half = 1 << (PRECISION_BITS - 1);
    for (int y = 0; y < h; y++) {
      int from = (y + firstRow) * iw * 3;
      for (int i = 0; i < row.length; i++) {
        row[i] = src[from + i] & 0xff;
      }
      int o = 3 * y * w;
      for (int xx = 0; xx < w; xx++, o += 3) {
        int[] k = weights[xx];
        int p = 3 * starts[xx];
        int s0 = half;
        int s1 = half;
        int s2 = half;
        for (int x = 0, n = counts[xx]; x < n; x++, p += 3) {
          int kx = k[x];
          s0 += row[p] * kx;
          s1 += row[p + 1] * kx;
          s2 += row[p + 2] * kx;
        }
        out[o] = clip8(s0);
        out[o + 1] = clip8(s1);
        out[o + 2] = clip8(s2);
      }
    }
    return new RgbImage(w, h, out);
  }

  /** Row by row: each tap adds a weighted source row to the accumulators (contiguous, so the JIT vectorises it). */
  private static RgbImage vertical(RgbImage in, Coefficients c) {
    int w = in.width();
    int h = c.start().length;
    byte[] src = in.rgb();
    byte[] out = new byte[3 * w * h];
    int[] acc = new int[3 * w];
    int half = 1 << (PRECISION_BITS - 1);
    for (int yy = 0; yy < h; yy++) {
      int[] k = c.weights()[yy];
      java.util.Arrays.fill(acc, half);
      for (int y = 0, n = c.count()[yy]; y < n; y++) {
        int base = 3 * (y + c.start()[yy]) * w;
        int ky = k[y];
        for (int i = 0; i < acc.length; i++) {
          acc[i] += (src[base + i] & 0xff) * ky;
        }
      }
      int o = 3 * yy * w;
      for (int i = 0; i < acc.length; i++) {
        out[o + i] = clip8(acc[i]);
      }
    }
    return new RgbImage(w, h, out);
  }

  private static byte clip8(int in) {
    int v = in >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }
}
