package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.Scratch;
import io.sparkiqa.udfs.matlab.WindowFilter;
import org.apache.commons.math3.special.Gamma;

/**
 * BRISQUE (Mittal, Moorthy, Bovik 2012) as the LIVE release's {@code brisquescore.m}: MATLAB
 * {@code rgb2gray}, then per scale (the image, then {@code imresize(im, 0.5)}) MSCN with a 7x7 Gaussian
 * (sigma 7/6) and {@code filter2 'same'} zero padding, a GGD fit of the MSCN and AGGD fits of its
 * products with four circular shifts ([0 1; 1 0; 1 1; -1 1]); the 36 features go through the release's
 * SVR with its text rounding ({@link BrisqueSvr}). Lower is better; the LIVE release reads 0 (best) to 100.
 * Diagnostics as NIQE's ({@link Mscn#diagnostics}), with zero padding. The arithmetic is the one closest
 * to the official values on the calibration images: separable filtering with the 2-D column-major sum at
 * the zero-residual pixels, constant windows included (absolute error I03 3.7e-3, I04 0, I06 0.103,
 * I08 0.019, I19 7.98; giving constant windows their exact 0 instead, as NIQE does, gives 1.6e-3, 0,
 * 2.9e-3, 0.545, 2.12 and misses I08's 1% bound).
 */
public final class Brisque implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("brisque");
  /** The smallest side whose half scale still holds a 7x7 window. */
  static final int MIN_SIDE = 14;

  private final Mscn.Arithmetic arithmetic;

  /** BRISQUE with the fast separable filter. */
  public Brisque() {
    this(new Mscn.Arithmetic(WindowFilter.SEPARABLE, true, false));
  }

  /** BRISQUE computed with the given arithmetic (the cross-check compares two). */
  Brisque(Mscn.Arithmetic arithmetic) {
    this.arithmetic = arithmetic;
  }

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireAtLeast(SPEC.name(), image, MIN_SIDE);
    Mscn[] fields = new Mscn[2];
    GreyImage grey = Matlab.rgb2gray(image, image.width(), image.height(),
        Scratch.of("brisque.grey", image.width() * image.height()));
    double[] feat = features(grey, arithmetic, fields);
    requireDefined(feat, fields);
    return new MetricResult(BrisqueSvr.LIVE.score(feat), Mscn.diagnostics(fields));
  }

  /** A flat image's MSCN field is all zero or one-signed, where the GGD / AGGD fits divide by zero. */
  static void requireDefined(double[] feat, Mscn[] fields) throws MetricException {
    for (int i = 0; i < feat.length; i++) {
      if (!Double.isFinite(feat[i])) {
        double[] v = fields[i / 18].values();
        long zero = java.util.Arrays.stream(v).filter(x -> x == 0).count();
        long negative = java.util.Arrays.stream(v).filter(x -> x < 0).count();
        throw new MetricException("undefined", "BRISQUE feature " + (i + 1) + " is " + feat[i] + ": at "
            + (i < 18 ? "full" : "half") + " scale " + zero + " of the " + v.length + " MSCN coefficients are 0, "
            + negative + " negative and " + (v.length - zero - negative) + " positive (a flat image)");
      }
    }
  }

  /** brisque_feature.m: 18 features per scale; keeps each scale's MSCN field in {@code fields}. */
  static double[] features(GreyImage im, Mscn.Arithmetic arithmetic, Mscn[] fields) {
    double[] feat = new double[36];
    for (int scale = 0; scale < 2; scale++) {
      // image-sized temporaries in this thread's scratch arrays
      Mscn m = Mscn.of(im, Padding.ZERO, arithmetic, scale == 0 ? 1 : 65536,
          Scratch.of("brisque.mscn" + scale, im.v().length));
      fields[scale] = m;
      int n = m.values().length;
      int f = 18 * scale;
      double[] sums = new double[4 * AggdLanes.SUMS + 2];
      double[] wrapped = AggdLanes.wrappedColumnMajor(m.values(), m.width(), m.height(),
          Scratch.of("brisque.wrapped" + scale, AggdLanes.wrappedLength(m.width(), m.height())));
      AggdLanes.get().field(wrapped, m.width(), m.height(), sums);
      double[] g = Aggd.ggd(sums[4 * AggdLanes.SUMS], sums[4 * AggdLanes.SUMS + 1], n);
      feat[f] = g[0];
      feat[f + 1] = g[1] * g[1];
      for (int s = 0; s < 4; s++) {
        double[] a = Aggd.stds(sums, AggdLanes.SUMS * s, n);
        double alpha = a[0];
        double c = Math.sqrt(Gamma.gamma(1 / alpha)) / Math.sqrt(Gamma.gamma(3 / alpha));
        feat[f + 2 + 4 * s] = alpha;
        feat[f + 3 + 4 * s] = (a[2] - a[1]) * (Gamma.gamma(2 / alpha) / Gamma.gamma(1 / alpha)) * c;
        feat[f + 4 + 4 * s] = a[1] * a[1];
        feat[f + 5 + 4 * s] = a[2] * a[2];
      }
      if (scale == 0) {
        int oh = (im.height() + 1) / 2;
        im = Matlab.imresizeHalf(im, Scratch.of("brisque.rows", im.width() * oh),
            Scratch.of("brisque.half", (im.width() + 1) / 2 * oh));
      }
    }
    return feat;
  }
}
