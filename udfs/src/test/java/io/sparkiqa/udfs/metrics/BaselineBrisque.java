package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import org.apache.commons.math3.special.Gamma;

/**
 * Benchmark baseline: {@link Brisque} as it was before the speed work of issue #19 (the regressor and the
 * checks, which did not change, are the shipped ones). Public for scripts/bench_metrics.sh, which times it
 * against the shipped code in the same run.
 */
public final class BaselineBrisque implements Metric {
  private static final int[][] SHIFTS = {{0, 1}, {1, 0}, {1, 1}, {-1, 1}};

  @Override
  public MetricSpec spec() {
    return Brisque.SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireAtLeast(Brisque.SPEC.name(), image, Brisque.MIN_SIDE);
    Mscn[] fields = new Mscn[2];
    double[] feat = features(Matlab.rgb2gray(image), fields);
    Brisque.requireDefined(feat, fields);
    return new MetricResult(BrisqueSvr.LIVE.score(feat), Mscn.diagnostics(fields));
  }

  private static double[] features(GreyImage im, Mscn[] fields) {
    double[] feat = new double[36];
    for (int scale = 0; scale < 2; scale++) {
      Mscn m = BaselineMscn.of(im, Padding.ZERO, false, scale == 0 ? 1 : 65536);
      fields[scale] = m;
      double[] cm = columnMajor(m);
      int f = 18 * scale;
      double[] g = BaselineAggd.ggd(cm);
      feat[f] = g[0];
      feat[f + 1] = g[1] * g[1];
      double[] pair = new double[cm.length];
      for (int s = 0; s < SHIFTS.length; s++) {
        shiftedProduct(cm, m.width(), m.height(), SHIFTS[s], pair);
        double[] a = BaselineAggd.stds(pair);
        double alpha = a[0];
        double c = Math.sqrt(Gamma.gamma(1 / alpha)) / Math.sqrt(Gamma.gamma(3 / alpha));
        feat[f + 2 + 4 * s] = alpha;
        feat[f + 3 + 4 * s] = (a[2] - a[1]) * (Gamma.gamma(2 / alpha) / Gamma.gamma(1 / alpha)) * c;
        feat[f + 4 + 4 * s] = a[1] * a[1];
        feat[f + 5 + 4 * s] = a[2] * a[2];
      }
      if (scale == 0) {
        im = BaselineImresize.imresizeHalf(im);
      }
    }
    return feat;
  }

  private static double[] columnMajor(Mscn m) {
    int w = m.width();
    int h = m.height();
    double[] in = m.values();
    double[] out = new double[w * h];
    for (int y0 = 0; y0 < h; y0 += 64) {
      for (int x0 = 0; x0 < w; x0 += 64) {
        int y1 = Math.min(h, y0 + 64);
        int x1 = Math.min(w, x0 + 64);
        for (int x = x0; x < x1; x++) {
          for (int y = y0; y < y1; y++) {
            out[x * h + y] = in[y * w + x];
          }
        }
      }
    }
    return out;
  }

  static void shiftedProduct(double[] cm, int w, int h, int[] shift, double[] out) {
    int dr = Math.floorMod(shift[0], h);
    for (int c = 0; c < w; c++) {
      int src = Math.floorMod(c - shift[1], w) * h;
      int dst = c * h;
      for (int r = 0; r < dr; r++) {
        out[dst + r] = cm[dst + r] * cm[src + r - dr + h];
      }
      for (int r = dr; r < h; r++) {
        out[dst + r] = cm[dst + r] * cm[src + r - dr];
      }
    }
  }
}
