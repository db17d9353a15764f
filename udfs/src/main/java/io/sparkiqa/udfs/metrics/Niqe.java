package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.Scratch;
import io.sparkiqa.udfs.matlab.WindowFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.special.Gamma;

/**
 * NIQE (Mittal, Soundararajan, Bovik 2013) as the LIVE release's {@code computequality.m} with its
 * pristine model, on MATLAB {@code rgb2gray} images, in double: 96x96 blocks (48x48 at the half scale,
 * {@code imresize(im, 0.5)}), MSCN with a 7x7 Gaussian (sigma 7/6) and 'replicate' borders, 18 AGGD
 * features per block and scale, nanmean/nancov, pinv, Mahalanobis-like distance. Lower is better.
 * {@code diagnostics} counts the windows whose exact residual is 0 ({@link Mscn#diagnostics}): where
 * above 0 the official value itself hangs on rounding noise. The arithmetic is the one closest to the
 * official values on the calibration images: separable filtering, the 2-D column-major sum at the
 * zero-residual pixels, and constant windows at their exact residual 0 (relative error I03 6.5e-4, I04
 * 2e-14, I06 3.9e-4, I08 5.7e-3, I19 3.3e-3; keeping the computed residual of constant windows gives
 * 4.9e-4, 2e-14, 7.3e-5, 6.4e-3, 5.3e-2).
 * Needs at least one full 96x96 block.
 */
public final class Niqe implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("niqe");
  static final int BLOCK = 96;
  private static final double[] MU;
  private static final double[][] COV;

  static {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        Niqe.class.getResourceAsStream("niqe_pristine.txt"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          rows.add(java.util.Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MU = rows.get(0);
    COV = rows.subList(1, rows.size()).toArray(double[][]::new);
  }

  private final Mscn.Arithmetic arithmetic;

  /** NIQE with the fast separable filter. */
  public Niqe() {
    this(new Mscn.Arithmetic(WindowFilter.SEPARABLE, true, true));
  }

  /** NIQE computed with the given arithmetic (the cross-check compares two). */
  Niqe(Mscn.Arithmetic arithmetic) {
    this.arithmetic = arithmetic;
  }

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) throws MetricException {
    References.requireAtLeast(SPEC.name(), image, BLOCK);
    int bw = image.width() / BLOCK;
    int bh = image.height() / BLOCK;
    int w = bw * BLOCK;
    int h = bh * BLOCK;
    // the cropped grey image (rgb2gray is per pixel) and the other temporaries in this thread's scratch arrays
    GreyImage im = Matlab.rgb2gray(image, w, h, Scratch.of("niqe.grey", w * h));
    double[][] feat = new double[bw * bh][36];
    Mscn[] fields = new Mscn[2];
    for (int scale = 1; scale <= 2; scale++) {
      Mscn m = Mscn.of(im, Padding.REPLICATE, arithmetic, scale == 1 ? 1 : 65536,
          Scratch.of("niqe.mscn" + scale, im.v().length));
      fields[scale - 1] = m;
      blockFeatures(m.values(), im.width(), bh, BLOCK / scale, feat, (scale - 1) * 18);
      if (scale == 1) {
        im = Matlab.imresizeHalf(im, Scratch.of("niqe.rows", w * (h / 2)), Scratch.of("niqe.half", w / 2 * (h / 2)));
      }
    }
    requireDefinedBlocks(feat);
    return new MetricResult(distance(feat), Mscn.diagnostics(fields));
  }

  /** nancov needs two blocks whose 36 features are all defined; a flat block's AGGD fits are not. */
  static void requireDefinedBlocks(double[][] feat) throws MetricException {
    long defined = java.util.Arrays.stream(feat).filter(r -> java.util.Arrays.stream(r).noneMatch(Double::isNaN)).count();
    if (defined == 0) {
      throw new MetricException("undefined", "every " + BLOCK + "x" + BLOCK + " block is flat (its AGGD features are"
          + " undefined), so NIQE is undefined");
    }
    if (defined < 2) {
      throw new MetricException("undefined", "NIQE's feature covariance needs 2 " + BLOCK + "x" + BLOCK + " blocks with"
          + " defined features (a flat block has none); this image has " + defined + " of " + feat.length);
    }
  }

  /**
   * computefeature.m on every b x b block (block k at column k / bh, row k % bh): AGGD of the MSCN values
   * and of their products with 4 circular shifts of the block, in column-major order, a group of blocks at
   * a time ({@link AggdLanes}); 18 features per block into {@code feat[k][at..]}.
   */
  static void blockFeatures(double[] mscn, int stride, int bh, int b, double[][] feat, int at) {
    AggdLanes lanes = AggdLanes.get();
    int width = lanes.lanes();
    double[] g = new double[(b + 2) * (b + 2) * width];
    double[] sums = new double[AggdLanes.SUMS * width];
    for (int k0 = 0; k0 < feat.length; k0 += width) {
      int n = Math.min(width, feat.length - k0);
      AggdLanes.interleave(mscn, stride, bh, b, k0, n, width, g);
      for (int seq = 0; seq < 5; seq++) {
        lanes.blocks(g, b, seq, sums);
        for (int j = 0; j < n; j++) {
          double[] f = feat[k0 + j];
          double[] p = Aggd.fit(sums, AggdLanes.SUMS * j, b * b);
          if (seq == 0) {
            f[at] = p[0];
            f[at + 1] = (p[1] + p[2]) / 2;
          } else {
            int o = at + 4 * seq - 2;
            f[o] = p[0];
            f[o + 1] = (p[2] - p[1]) * (Gamma.gamma(2 / p[0]) / Gamma.gamma(1 / p[0]));
            f[o + 2] = p[1];
            f[o + 3] = p[2];
          }
        }
      }
    }
  }

  /** sqrt((mu_p - mu_d) pinv((cov_p + cov_d)/2) (mu_p - mu_d)'), with nanmean / nancov over complete rows. */
  static double distance(double[][] feat) {
    int d = MU.length;
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      int n = 0;
      for (double[] row : feat) {
        if (!Double.isNaN(row[j])) {
          s += row[j];
          n++;
        }
      }
      mean[j] = s / n;
    }
    List<double[]> complete = new ArrayList<>();
    for (double[] row : feat) {
      if (java.util.Arrays.stream(row).noneMatch(Double::isNaN)) {
        complete.add(row);
      }
    }
    int n = complete.size();
    double[] cm = new double[d];
    for (double[] row : complete) {
      for (int j = 0; j < d; j++) {
        cm[j] += row[j] / n;
      }
    }
    double[][] cov = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (double[] row : complete) {
          s += (row[i] - cm[i]) * (row[j] - cm[j]);
        }
        cov[i][j] = (s / (n - 1) + COV[i][j]) / 2;
      }
    }
    RealMatrix inv = pinv(new Array2DRowRealMatrix(cov, false));
    RealVector diff = new ArrayRealVector(MU).subtract(new ArrayRealVector(mean));
    return Math.sqrt(diff.dotProduct(inv.operate(diff)));
  }

  /** MATLAB pinv: SVD, singular values below max(size) * norm * eps treated as zero. */
  static RealMatrix pinv(RealMatrix a) {
    SingularValueDecomposition svd = new SingularValueDecomposition(a);
    double[] s = svd.getSingularValues();
    double tol = Math.max(a.getRowDimension(), a.getColumnDimension()) * s[0] * Math.ulp(1.0);
    double[] inv = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      inv[i] = s[i] > tol ? 1 / s[i] : 0;
    }
    RealMatrix sInv = new org.apache.commons.math3.linear.DiagonalMatrix(inv);
    return svd.getV().multiply(sInv).multiply(svd.getUT());
  }
}
