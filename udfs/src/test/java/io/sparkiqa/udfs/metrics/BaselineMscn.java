package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.WindowFilter;

/**
 * Benchmark baseline: {@link Mscn#of} as it was before the speed work of issue #19, for the separable
 * filter with refined zero-residual pixels (the arithmetic of the shipped NIQE and BRISQUE).
 */
final class BaselineMscn {
  private static final double NEAR_ZERO = 1e-6;

  private BaselineMscn() {
  }

  static Mscn of(GreyImage im, Padding padding, boolean zeroFlat, double scale) {
    GreyImage mu = new GreyImage(im.width(), im.height(), new double[im.v().length]);
    GreyImage m2 = new GreyImage(im.width(), im.height(), new double[im.v().length]);
    BaselineMoments.compute(im, Mscn.WINDOW, padding, mu.v(), m2.v());
    GreyImage padded = null;
    GreyImage paddedSq = null;
    int w = im.width();
    double[] v = im.v();
    double[] out = new double[v.length];
    long ill = 0;
    long flat = 0;
    double[] m = mu.v();
    double[] q = m2.v();
    for (int i = 0; i < out.length; i++) {
      out[i] = (v[i] - m[i]) / (Math.sqrt(Math.abs(q[i] - m[i] * m[i])) + 1);
    }
    for (int i = 0; i < out.length; i++) {
      if (Math.abs(v[i] - m[i]) >= NEAR_ZERO) {
        continue;
      }
      padded = padded == null ? padding.pad(im, 3) : padded;
      int kind = IllConditioned.classify(padded.v(), padded.width(), i % w, i / w, scale);
      flat += kind == IllConditioned.FLAT ? 1 : 0;
      ill += kind == IllConditioned.ILL ? 1 : 0;
      if (kind == IllConditioned.FLAT && zeroFlat) {
        out[i] = 0;
      } else if (kind != IllConditioned.NORMAL) {
        paddedSq = paddedSq == null ? padding.pad(Matlab.times(im, im), 3) : paddedSq;
        double mean = WindowFilter.columnMajorAt(Mscn.WINDOW, padded, i % w, i / w);
        double second = WindowFilter.columnMajorAt(Mscn.WINDOW, paddedSq, i % w, i / w);
        out[i] = (v[i] - mean) / (Math.sqrt(Math.abs(second - mean * mean)) + 1);
      }
    }
    return new Mscn(w, im.height(), out, ill, flat);
  }
}
