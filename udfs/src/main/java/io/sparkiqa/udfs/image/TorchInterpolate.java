package io.sparkiqa.udfs.image;

/**
 * {@code torch.nn.functional.interpolate(x, size=(h, w), mode, align_corners=False, antialias)} on a float
 * CHW image, as PyTorch's CPU kernels compute it:
 * <ul>
 *   <li>bilinear, antialias off: source index {@code scale (dst + 0.5) - 0.5} clamped at 0, two taps;</li>
 *   <li>bicubic, antialias off: the same index without the clamp, four taps of Keys' cubic with a = -0.75,
 *       indices clamped to the border;</li>
 *   <li>antialias on (both modes): Pillow-style separable filtering, width first then height, support
 *       {@code taps/2 * max(scale, 1)}, triangle or cubic a = -0.5, weights normalised over the taps that
 *       fall inside the image; a side whose size does not change is left alone.</li>
 * </ul>
 * Weights are computed in double and each pass is stored as float32, as PyTorch stores its intermediate.
 */
public final class TorchInterpolate {
  /** Interpolation mode. */
  public enum Mode { BILINEAR, BICUBIC }

  private TorchInterpolate() {
  }

  /** A planar float image: {@code data[c * h * w + y * w + x]}. */
  public record Planes(float[] data, int channels, int height, int width) {
    public Planes {
      if (data.length != channels * height * width) {
        throw new IllegalArgumentException("planes of " + data.length + " values, not " + channels + "x" + height + "x" + width);
      }
    }
  }

  public static Planes resize(Planes in, int outH, int outW, Mode mode, boolean antialias) {
    if (outH <= 0 || outW <= 0) {
      throw new IllegalArgumentException("output size must be positive: " + outW + "x" + outH);
    }
    // the non-antialiased kernels are separable too (the taps of the two axes multiply); a side whose size
    // does not change gets weight 1 on its own pixel in every mode, so it is skipped
    Planes x = in.width() == outW ? in : pass(in, outW, mode, true, antialias);
    return x.height() == outH ? x : pass(x, outH, mode, false, antialias);
  }

  private static Planes pass(Planes in, int out, Mode mode, boolean alongWidth, boolean antialias) {
    int size = alongWidth ? in.width() : in.height();
    Taps t = antialias ? aaTaps(size, out, mode) : plainTaps(size, out, mode);
    int w = in.width();
    int h = in.height();
    int ow = alongWidth ? out : w;
    int oh = alongWidth ? h : out;
    float[] src = in.data();
    float[] dst = new float[in.channels() * oh * ow];
    for (int c = 0; c < in.channels(); c++) {
      int base = c * h * w;
      int obase = c * oh * ow;
      for (int y = 0; y < oh; y++) {
        for (int x = 0; x < ow; x++) {
          int o = alongWidth ? x : y;
          double acc = 0;
          for (int k = 0; k < t.count[o]; k++) {
            int i = t.index[o][k];
            acc += t.weight[o][k] * (alongWidth ? src[base + y * w + i] : src[base + i * w + x]);
          }
          dst[obase + y * ow + x] = (float) acc;
        }
      }
    }
    return new Planes(dst, in.channels(), oh, ow);
  }

  /** Input indices and weights per output position along one axis. */
  private record Taps(int[] count, int[][] index, double[][] weight) {
  }

  private static Taps aaTaps(int in, int out, Mode mode) {
    double scale = (float) in / out;
    double taps = mode == Mode.BILINEAR ? 2 : 4;
    double support = scale >= 1 ? taps / 2 * scale : taps / 2;
    double invScale = scale >= 1 ? 1 / scale : 1;
    int[] count = new int[out];
    int[][] index = new int[out][];
    double[][] weight = new double[out][];
    for (int o = 0; o < out; o++) {
      double center = scale * (o + 0.5);
      int min = Math.max((int) (center - support + 0.5), 0);
      int n = Math.min((int) (center + support + 0.5), in) - min;
      double total = 0;
      index[o] = new int[n];
      weight[o] = new double[n];
      for (int j = 0; j < n; j++) {
        double v = filter(mode, (j + min - center + 0.5) * invScale);
        index[o][j] = min + j;
        weight[o][j] = v;
        total += v;
      }
      if (total != 0) {
        for (int j = 0; j < n; j++) {
          weight[o][j] /= total;
        }
      }
      count[o] = n;
    }
    return new Taps(count, index, weight);
  }

  private static double filter(Mode mode, double x) {
    x = Math.abs(x);
    if (mode == Mode.BILINEAR) {
      return x < 1 ? 1 - x : 0;
    }
    double a = -0.5;
    if (x < 1) {
      return ((a + 2) * x - (a + 3)) * x * x + 1;
    }
    return x < 2 ? (((x - 5) * x + 8) * x - 4) * a : 0;
  }

  private static Taps plainTaps(int in, int out, Mode mode) {
    float scale = (float) in / out;
    int n = mode == Mode.BILINEAR ? 2 : 4;
    int[] count = new int[out];
    int[][] index = new int[out][n];
    double[][] weight = new double[out][n];
    for (int o = 0; o < out; o++) {
      float src = scale * (o + 0.5f) - 0.5f;
      count[o] = n;
      if (mode == Mode.BILINEAR) {
        src = Math.max(src, 0f);
        int i0 = (int) src;
        float l1 = src - i0;
        index[o][0] = i0;
        index[o][1] = i0 + (i0 < in - 1 ? 1 : 0);
        weight[o][0] = 1f - l1;
        weight[o][1] = l1;
      } else {
        int i = (int) Math.floor(src);
        float t = src - i;
        double a = -0.75;
        weight[o][0] = cubic2(t + 1.0, a);
        weight[o][1] = cubic1(t, a);
        weight[o][2] = cubic1(1.0 - t, a);
        weight[o][3] = cubic2(2.0 - t, a);
        for (int k = 0; k < 4; k++) {
          index[o][k] = Math.min(Math.max(i - 1 + k, 0), in - 1);
        }
      }
    }
    return new Taps(count, index, weight);
  }

  private static double cubic1(double x, double a) {
    return ((a + 2) * x - (a + 3)) * x * x + 1;
  }

  private static double cubic2(double x, double a) {
    return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  }
}
