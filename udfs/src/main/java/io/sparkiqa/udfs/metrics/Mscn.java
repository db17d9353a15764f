package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.RowKernels;
import io.sparkiqa.udfs.matlab.SeparableMoments;
import io.sparkiqa.udfs.matlab.Window;
import io.sparkiqa.udfs.matlab.WindowFilter;
import java.util.BitSet;
import java.util.Map;

/**
 * Mean-subtracted contrast-normalised coefficients (I - mu) / (sigma + 1) with the 7x7 Gaussian window
 * (sigma 7/6) of NIQE and BRISQUE, row-major, with the counts of pixels whose exact residual is 0
 * ({@link IllConditioned}): there the computed sign is rounding noise, which decides whether the pixel
 * lands in the AGGD's left or right sum, so {@link Arithmetic} says how those pixels are computed.
 */
record Mscn(int width, int height, double[] values, long illConditioned, long flat) {
  static final Window WINDOW = Window.gaussian(7, 7.0 / 6.0);
  /** Far above the rounding of a zero residual (~1e-12) and far below any nonzero exact one. */
  private static final double NEAR_ZERO = 1e-6;

  /**
   * How the filter is computed.
   *
   * @param filter        the filter for the whole image
   * @param refineZero    recompute the pixels with exact residual 0 with the 2-D column-major sum (the
   *                      arithmetic whose noise is closest to MATLAB's on the calibration images)
   * @param zeroFlat      give constant windows their exact residual 0 (excluded from both AGGD sums)
   */
  record Arithmetic(WindowFilter filter, boolean refineZero, boolean zeroFlat) {
  }

  /**
   * @param scale what makes the image's values integers (1, or 2^16 at the half scale), for the exact
   *              check of the pixels whose computed residual is near 0
   */
  static Mscn of(GreyImage im, Padding padding, Arithmetic arithmetic, double scale) {
    return of(im, padding, arithmetic, scale, new double[im.v().length]);
  }

  /** {@link #of(GreyImage, Padding, Arithmetic, double)} into {@code out} (one value per pixel, overwritten). */
  static Mscn of(GreyImage im, Padding padding, Arithmetic arithmetic, double scale, double[] out) {
    int w = im.width();
    double[] v = im.v();
    // the pixels whose computed residual is near 0, redone below
    BitSet near = new BitSet(v.length);
    if (arithmetic.filter() == WindowFilter.SEPARABLE) {
      SeparableMoments.rows(im, WINDOW, padding, (y, m, q) -> mscnRow(v, y * w, m, q, w, out, near));
    } else {
      mscnRow(v, 0, arithmetic.filter().same(WINDOW, im, padding).v(),
          arithmetic.filter().same(WINDOW, Matlab.times(im, im), padding).v(), v.length, out, near);
    }
    return refine(im, padding, arithmetic, scale, out, near);
  }

  /** (I - mu) / (sqrt|m2 - mu^2| + 1) for pixels base.. base+n-1 (mu and m2 from index 0); marks the near-0 residuals. */
  private static void mscnRow(double[] v, int base, double[] m, double[] q, int n, double[] out, BitSet near) {
    if (!RowKernels.get().mscn(v, base, m, q, n, out, NEAR_ZERO)) {
      return;
    }
    for (int x = 0; x < n; x++) {
      if (!(Math.abs(v[base + x] - m[x]) >= NEAR_ZERO)) {
        near.set(base + x);
      }
    }
  }

  /** Classifies the near-0 pixels exactly and recomputes the zero-residual ones as {@code arithmetic} says. */
  private static Mscn refine(GreyImage im, Padding padding, Arithmetic arithmetic, double scale, double[] out,
                             BitSet near) {
    int w = im.width();
    double[] v = im.v();
    long ill = 0;
    long flat = 0;
    for (int i = near.nextSetBit(0); i >= 0; i = near.nextSetBit(i + 1)) {
      // the pixel's 7x7 window of the padded image (and of the padded squares), as the whole-image filter sees it
      GreyImage win = padding.window(im, i % w, i / w, 3);
      int kind = IllConditioned.classify(win.v(), 7, 0, 0, scale);
      flat += kind == IllConditioned.FLAT ? 1 : 0;
      ill += kind == IllConditioned.ILL ? 1 : 0;
      if (kind == IllConditioned.FLAT && arithmetic.zeroFlat()) {
        out[i] = 0;
      } else if (kind != IllConditioned.NORMAL && arithmetic.refineZero()) {
        double mean = WindowFilter.columnMajorAt(WINDOW, win, 0, 0);
        double second = WindowFilter.columnMajorAt(WINDOW, Matlab.times(win, win), 0, 0);
        out[i] = (v[i] - mean) / (Math.sqrt(Math.abs(second - mean * mean)) + 1);
      }
    }
    return new Mscn(w, im.height(), out, ill, flat);
  }

  /**
   * The diagnostics of a multi-scale metric: {@code zero_residual_windows} (flat plus ill-conditioned, all
   * scales: where above 0 the official value hangs on rounding noise), {@code ill_conditioned_windows},
   * {@code flat_windows}, and the first scale's two counts.
   */
  static Map<String, Double> diagnostics(Mscn... scales) {
    long ill = 0;
    long flat = 0;
    for (Mscn m : scales) {
      ill += m.illConditioned();
      flat += m.flat();
    }
    return Map.of(MetricResult.ZERO_RESIDUAL_WINDOWS, (double) (ill + flat), "ill_conditioned_windows", (double) ill,
        "flat_windows", (double) flat, "ill_conditioned_scale1", (double) scales[0].illConditioned(),
        "flat_scale1", (double) scales[0].flat());
  }
}
