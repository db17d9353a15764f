package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.matlab.GreyImage;
import io.sparkiqa.udfs.matlab.Matlab;
import io.sparkiqa.udfs.matlab.Padding;
import io.sparkiqa.udfs.matlab.WindowFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Vector API AGGD sums give the same bits as the scalar ones (used where the {@code jdk.incubator.vector}
 * module is absent, one block at a time) on real MSCN fields of both scales: NIQE's blocks (full groups
 * of lanes and a partial last one) and BRISQUE's whole field; and the sums are those of the plain
 * per-sequence loop.
 */
class AggdLanesTest {
  private static final Mscn.Arithmetic ARITHMETIC = new Mscn.Arithmetic(WindowFilter.SEPARABLE, true, false);

  @Test
  void vectorSumsAreBitIdenticalToScalarOnes() throws Exception {
    AggdLanes vector = AggdLanes.get();
    AggdLanes scalar = new AggdLanes();
    assertEquals("VectorAggdLanes", vector.getClass().getSimpleName(), "surefire passes the module");
    GreyImage im = Matlab.rgb2gray(ImageDecoder.withDefaults().decode(Files.readAllBytes(
        Path.of("src/test/resources/kodak-distorted/h01_blur15.png"))).image());
    for (int scale = 1; scale <= 2; scale++) {
      Mscn m = Mscn.of(im, Padding.REPLICATE, ARITHMETIC, scale == 1 ? 1 : 65536);
      int b = 36 / scale; // 14 x 10 blocks at both scales: 17 full groups of 8 lanes and a partial one
      int bw = m.width() / b;
      int bh = m.height() / b;
      assertBits(blockSums(scalar, m, b, bw * bh, bh), blockSums(vector, m, b, bw * bh, bh));
      double[] wrapped = AggdLanes.wrappedColumnMajor(m.values(), m.width(), m.height());
      double[] v = new double[26];
      double[] s = new double[26];
      vector.field(wrapped, m.width(), m.height(), v);
      scalar.field(wrapped, m.width(), m.height(), s);
      assertBits(s, v);
      assertBits(plain(m), s);
      im = Matlab.imresizeHalf(im);
    }
  }

  /** Every block's sums, sequence by sequence, each implementation with its own number of lanes. */
  private static double[] blockSums(AggdLanes lanes, Mscn m, int b, int blocks, int bh) {
    int n = lanes.lanes();
    double[] out = new double[blocks * 5 * AggdLanes.SUMS];
    double[] g = new double[(b + 2) * (b + 2) * n];
    double[] sums = new double[AggdLanes.SUMS * n];
    for (int k0 = 0; k0 < blocks; k0 += n) {
      int count = Math.min(n, blocks - k0);
      AggdLanes.interleave(m.values(), m.width(), bh, b, k0, count, n, g);
      for (int seq = 0; seq < 5; seq++) {
        lanes.blocks(g, b, seq, sums);
        for (int j = 0; j < count; j++) {
          System.arraycopy(sums, AggdLanes.SUMS * j, out, ((k0 + j) * 5 + seq) * AggdLanes.SUMS, AggdLanes.SUMS);
        }
      }
    }
    return out;
  }

  /** BRISQUE's sums for shift [1 0] and the field's own x^2 / |x| sums, by the plain loop over x(:). */
  private static double[] plain(Mscn m) {
    int w = m.width();
    int h = m.height();
    double[] x = m.values();
    double[] out = new double[26];
    java.util.Arrays.fill(out, Double.NaN);
    double left = 0;
    double right = 0;
    int nl = 0;
    int nr = 0;
    double abs = 0;
    double sq = 0;
    double own = 0;
    double ownAbs = 0;
    for (int c = 0; c < w; c++) {
      for (int r = 0; r < h; r++) {
        double v = x[r * w + c];
        double p = v * x[Math.floorMod(r - 1, h) * w + c];
        if (p < 0) {
          left += p * p;
          nl++;
        } else {
          right += p * p;
          nr += p > 0 ? 1 : 0;
        }
        abs += Math.abs(p);
        sq += p * p;
        own += v * v;
        ownAbs += Math.abs(v);
      }
    }
    double[] sums = {left, right, nl, nr, abs, sq};
    System.arraycopy(sums, 0, out, AggdLanes.SUMS, AggdLanes.SUMS);
    out[24] = own;
    out[25] = ownAbs;
    return out;
  }

  /** Compares the entries {@code expected} defines (not NaN). */
  private static void assertBits(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      if (!Double.isNaN(expected[i])) {
        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "sum " + i);
      }
    }
  }
}
