package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.GreyImage;

/** Benchmark baseline: {@code Matlab.imresizeHalf} as it was before the speed work of issue #19. */
final class BaselineImresize {
  private BaselineImresize() {
  }

  /**
   * {@code imresize(img, 0.5)} with MATLAB's defaults: bicubic (a = -0.5) widened by 1/scale for
   * antialiasing, weights normalised per output pixel, mirrored ('symmetric') indices at the borders,
   * rows then columns. Output is ceil(H/2) x ceil(W/2).
   */
  static GreyImage imresizeHalf(GreyImage img) {
    int w = img.width();
    int h = img.height();
    int ow = (w + 1) / 2;
    int oh = (h + 1) / 2;
    double[] tmp = new double[w * oh];
    Contributions rows = Contributions.of(h, oh);
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < w; x++) {
        double s = 0;
        for (int t = 0; t < rows.idx[y].length; t++) {
          s += rows.wt[y][t] * img.v()[rows.idx[y][t] * w + x];
        }
        tmp[y * w + x] = s;
      }
    }
    double[] out = new double[ow * oh];
    Contributions cols = Contributions.of(w, ow);
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        double s = 0;
        for (int t = 0; t < cols.idx[x].length; t++) {
          s += cols.wt[x][t] * tmp[y * w + cols.idx[x][t]];
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
}
