package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import org.apache.commons.math3.special.Gamma;

/**
 * Benchmark baseline: {@link Niqe} as it was before the speed work of issue #19 (the distance and the
 * checks, which did not change, are the shipped ones). Public for scripts/bench_metrics.sh, which times it
 * against the shipped code in the same run.
 */
public final class BaselineNiqe implements Metric {
  @Override
  public MetricSpec spec() {
    return Niqe.SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireAtLeast(Niqe.SPEC.name(), image, Niqe.BLOCK);
    GreyImage im = Matlab.rgb2gray(image);
    int bw = im.width() / Niqe.BLOCK;
    int bh = im.height() / Niqe.BLOCK;
    im = crop(im, bw * Niqe.BLOCK, bh * Niqe.BLOCK);
    double[][] feat = new double[bw * bh][36];
    Mscn[] fields = new Mscn[2];
    for (int scale = 1; scale <= 2; scale++) {
      Mscn m = BaselineMscn.of(im, Padding.REPLICATE, true, scale == 1 ? 1 : 65536);
      fields[scale - 1] = m;
      double[] mscn = m.values();
      int b = Niqe.BLOCK / scale;
      int k = 0;
      for (int bx = 0; bx < bw; bx++) {
        for (int by = 0; by < bh; by++) {
          System.arraycopy(blockFeatures(mscn, im.width(), bx * b, by * b, b), 0, feat[k++], (scale - 1) * 18, 18);
        }
      }
      if (scale == 1) {
        im = BaselineImresize.imresizeHalf(im);
      }
    }
    Niqe.requireDefinedBlocks(feat);
    return new MetricResult(Niqe.distance(feat), Mscn.diagnostics(fields));
  }

  private static GreyImage crop(GreyImage g, int w, int h) {
    double[] out = new double[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(g.v(), y * g.width(), out, y * w, w);
    }
    return new GreyImage(w, h, out);
  }

  static double[] blockFeatures(double[] mscn, int stride, int x0, int y0, int b) {
    double[] blk = new double[b * b];
    for (int c = 0; c < b; c++) {
      for (int r = 0; r < b; r++) {
        blk[c * b + r] = mscn[(y0 + r) * stride + x0 + c];
      }
    }
    double[] f = new double[18];
    double[] a = BaselineAggd.fit(blk);
    f[0] = a[0];
    f[1] = (a[1] + a[2]) / 2;
    int[][] shifts = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
    double[] pair = new double[b * b];
    for (int s = 0; s < 4; s++) {
      BaselineBrisque.shiftedProduct(blk, b, b, shifts[s], pair);
      double[] p = BaselineAggd.fit(pair);
      double mean = (p[2] - p[1]) * (Gamma.gamma(2 / p[0]) / Gamma.gamma(1 / p[0]));
      f[2 + 4 * s] = p[0];
      f[3 + 4 * s] = mean;
      f[4 + 4 * s] = p[1];
      f[5 + 4 * s] = p[2];
    }
    return f;
  }
}
