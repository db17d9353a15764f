package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.WindowFilter;
import java.util.Map;

/**
 * PIQE (Venkatanath et al., NCC 2015) as MATLAB's {@code piqe} behaves: the image padded to a multiple
 * of 16 by repeating its last row and column, MATLAB {@code rgb2gray}, MSCN with a separable 7x7
 * Gaussian (sigma 7/6, replicate borders); each 16x16 block whose MSCN sample variance exceeds 0.1 is
 * active, counts as impaired when a run of 6 pixels along one of its edges has a standard deviation below
 * 0.1 (adding 1 - variance) and as noisy when its standard deviation exceeds twice the relative gap
 * between it and the centre/surround deviation ratio (adding the variance). Score =
 * 100 (sum + 1) / (active + 1); lower is better, 100 for a flat image. Like MATLAB, the surround leaves
 * out columns 8 and 10 of the block (the second deletion runs on the already-shortened block).
 * Diagnostics: active, impaired and noisy block counts.
 */
public final class Piqe implements Metric {
  static final MetricSpec SPEC = MetricTable.spec("piqe");
  private static final int B = 16;
  private static final int SEGMENT = 6;
  private static final double ACTIVITY = 0.1;
  private static final double IMPAIRED = 0.1;

  @Override
  public MetricSpec spec() {
    return SPEC;
  }

  @Override
  public MetricResult score(RgbImage image, RgbImage reference) {
    GreyImage grey = padToBlocks(Matlab.rgb2gray(image));
    double[] mscn = Mscn.of(grey, Padding.REPLICATE, new Mscn.Arithmetic(WindowFilter.SEPARABLE, false, false), 1).values();
    int w = grey.width();
    double sum = 0;
    int active = 0;
    int impaired = 0;
    int noisy = 0;
    double[] block = new double[B * B];
    for (int y0 = 0; y0 < grey.height(); y0 += B) {
      for (int x0 = 0; x0 < w; x0 += B) {
        // column-major, as Block(:)
        for (int c = 0; c < B; c++) {
          for (int r = 0; r < B; r++) {
            block[c * B + r] = mscn[(y0 + r) * w + x0 + c];
          }
        }
        double var = sampleVariance(block);
        if (var > ACTIVITY) {
          active++;
          if (hasFlatEdgeSegment(block)) {
            impaired++;
            sum += 1 - var;
          }
          double sigma = Math.sqrt(var);
          double ratio = centreSurroundRatio(block);
          if (sigma > 2 * Math.abs(sigma - ratio) / Math.max(sigma, ratio)) {
            noisy++;
            sum += var;
          }
        }
      }
    }
    return new MetricResult((sum + 1) / (active + 1) * 100,
        Map.of("active_blocks", (double) active, "impaired_blocks", (double) impaired, "noisy_blocks", (double) noisy));
  }

  /** padarray(I, [rowsPad colsPad], 'replicate', 'post') up to multiples of 16. */
  static GreyImage padToBlocks(GreyImage g) {
    int w = (g.width() + B - 1) / B * B;
    int h = (g.height() + B - 1) / B * B;
    double[] out = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + x] = g.at(Math.min(x, g.width() - 1), Math.min(y, g.height() - 1));
      }
    }
    return new GreyImage(w, h, out);
  }

  /** Any run of 6 along the top row, right column, bottom row or left column with sample std below 0.1. */
  private static boolean hasFlatEdgeSegment(double[] block) {
    double[] seg = new double[SEGMENT];
    for (int edge = 0; edge < 4; edge++) {
      for (int start = 0; start + SEGMENT <= B; start++) {
        for (int k = 0; k < SEGMENT; k++) {
          int i = start + k;
          int r = edge == 0 ? 0 : edge == 2 ? B - 1 : i;
          int c = edge == 1 ? B - 1 : edge == 3 ? 0 : i;
          seg[k] = block[c * B + r];
        }
        if (Math.sqrt(sampleVariance(seg)) < IMPAIRED) {
          return true;
        }
      }
    }
    return false;
  }

  /** std of columns 8 and 9 (1-based) over std of the block without columns 8 and 10; 0 if undefined. */
  private static double centreSurroundRatio(double[] block) {
    double[] centre = new double[2 * B];
    System.arraycopy(block, 7 * B, centre, 0, 2 * B);
    double[] surround = new double[(B - 2) * B];
    int n = 0;
    for (int c = 0; c < B; c++) {
      if (c != 7 && c != 9) {
        System.arraycopy(block, c * B, surround, n, B);
        n += B;
      }
    }
    double ratio = Math.sqrt(sampleVariance(centre)) / Math.sqrt(sampleVariance(surround));
    return Double.isNaN(ratio) ? 0 : ratio;
  }

  /** MATLAB's var: two-pass, divided by n - 1. */
  static double sampleVariance(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }
}
