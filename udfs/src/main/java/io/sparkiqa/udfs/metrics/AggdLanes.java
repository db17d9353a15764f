package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.matlab.VectorApi;
import java.lang.invoke.MethodHandles;

/**
 * The sums behind the AGGD / GGD fits of NIQE and BRISQUE for several independent sequences at once, one
 * per lane, each summed in its own sequence order exactly as a loop over that sequence alone would sum it
 * (lanes never share a sum, so vector lanes give the same bits as scalar code). Per sequence, at
 * {@code 6 * lane}: {@link #LEFT} (sum of x^2 over x < 0), {@link #RIGHT} (over the rest), the counts
 * {@link #N_LEFT} (x < 0) and {@link #N_RIGHT} (x > 0), {@link #ABS} (sum of |x|) and {@link #SQ} (sum of
 * x^2). The inputs are column-major fields with a one-pixel border holding the circular wrap, so that
 * every shifted neighbour is at a fixed offset. This class is the scalar implementation; {@code
 * VectorAggdLanes} (the Vector API) is used where the {@code jdk.incubator.vector} module is present
 * ({@link #get()}).
 */
class AggdLanes {
  private static final int SCALAR_LANES = 1;
  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
  static final int LEFT = 0;
  static final int RIGHT = 1;
  static final int N_LEFT = 2;
  static final int N_RIGHT = 3;
  static final int ABS = 4;
  static final int SQ = 5;
  static final int SUMS = 6;

  private static final AggdLanes BEST = load();

  /** The Vector API lanes where the module is present (and has at least 4 double lanes), else scalar. */
  static AggdLanes get() {
    return BEST;
  }

  /** How many NIQE blocks {@link #blocks} takes at once. */
  int lanes() {
    return SCALAR_LANES;
  }

  /**
   * NIQE: {@link #lanes()} b x b blocks laid out by {@link #interleave}; sequence 0 is the values, 1..4
   * their products with NIQE's circular shifts [0 1; 1 0; 1 1; 1 -1] of the block, in column-major order.
   * Writes block j's sums at {@code out[6 * j]}.
   */
  void blocks(double[] g, int b, int sequence, double[] out) {
    int lanes = lanes();
    int off = sequence == 0 ? Integer.MIN_VALUE : niqeOffsets(b + 2)[sequence] * lanes;
    for (int j = 0; j < lanes; j++) {
      sums(g, (b + 3) * lanes + j, lanes, b, b, off, out, SUMS * j);
    }
  }

  /**
   * BRISQUE: the products of an h x w field laid out by {@link #wrappedColumnMajor} with its circular
   * shifts [0 1; 1 0; 1 1; -1 1], at {@code out[6 * s]}, then the sum of x^2 and of |x| of the field itself
   * at {@code out[24]} and {@code out[25]}, all in column-major order.
   */
  void field(double[] p, int w, int h, double[] out) {
    int[] off = brisqueOffsets(h + 2);
    for (int s = 0; s < 4; s++) {
      sums(p, h + 3, 1, w, h, off[s], out, SUMS * s);
    }
    double[] own = new double[SUMS];
    sums(p, h + 3, 1, w, h, Integer.MIN_VALUE, own, 0);
    out[4 * SUMS] = own[SQ];
    out[4 * SUMS + 1] = own[ABS];
  }

  /**
   * The sums of one sequence: x = p[i] (times p[i + off] unless off is MIN_VALUE) over the interior of a
   * wrapped column-major layout, from {@code first}, {@code step} apart, rows per column, skipping the two
   * border rows between columns; into {@code out[o..o+5]}.
   */
  private static void sums(double[] p, int first, int step, int cols, int rows, int off, double[] out, int o) {
    double left = 0;
    double right = 0;
    int nl = 0;
    int nr = 0;
    double abs = 0;
    double sq = 0;
    int i = first;
    for (int t = 0, r = 1; t < cols * rows; t++) {
      double x = off == Integer.MIN_VALUE ? p[i] : p[i] * p[i + off];
      // sign-bit arithmetic instead of branches (the signs are unpredictable): multiplying by 0 or 1 and adding
      // 0.0 are exact, so the sums equal the branchy ones and the vector lanes' blends; -0.0 counts on neither side
      long bits = Double.doubleToRawLongBits(x);
      long neg = bits >>> 63;
      double sq2 = x * x;
      left += sq2 * neg;
      right += sq2 * (1 - neg);
      nl += (int) neg - (bits == NEGATIVE_ZERO ? 1 : 0);
      nr += (int) (1 - neg) - (bits == 0L ? 1 : 0);
      abs += Math.abs(x);
      sq += sq2;
      i += step;
      if (++r > rows) {
        r = 1;
        i += 2 * step;
      }
    }
    out[o + LEFT] = left;
    out[o + RIGHT] = right;
    out[o + N_LEFT] = nl;
    out[o + N_RIGHT] = nr;
    out[o + ABS] = abs;
    out[o + SQ] = sq;
  }

  /**
   * Offsets, in a wrapped column-major layout with columns of {@code stride}, of the neighbours of NIQE's
   * shifts (index 0 unused): X(r, c-1), X(r-1, c), X(r-1, c-1), X(r-1, c+1).
   */
  static int[] niqeOffsets(int stride) {
    return new int[] {0, -stride, -1, -stride - 1, stride - 1};
  }

  /** Likewise for BRISQUE's shifts: X(r, c-1), X(r-1, c), X(r-1, c-1), X(r+1, c-1). */
  static int[] brisqueOffsets(int stride) {
    return new int[] {-stride, -1, -stride - 1, -stride + 1};
  }

  /**
   * Blocks k0.. k0+n-1 of a row-major field (block k at column k / bh, row k % bh) into {@code g}:
   * {@code g[(cp * (b + 2) + rp) * lanes + j]} = block j's X(rp - 1 mod b, cp - 1 mod b) for rp, cp in
   * 0..b+1, column-major with the wrap around it.
   */
  static void interleave(double[] field, int stride, int bh, int b, int k0, int n, int lanes, double[] g) {
    int b2 = b + 2;
    int[] wrap = new int[b2];
    for (int q = 0; q < b2; q++) {
      wrap[q] = Math.floorMod(q - 1, b);
    }
    int[] corner = new int[n];
    for (int j = 0; j < n; j++) {
      corner[j] = (k0 + j) % bh * b * stride + (k0 + j) / bh * b;
    }
    // lanes innermost: each write fills one group of adjacent values
    for (int rp = 0; rp < b2; rp++) {
      int row = wrap[rp] * stride;
      for (int cp = 0; cp < b2; cp++) {
        int at = (cp * b2 + rp) * lanes;
        int src = row + wrap[cp];
        for (int j = 0; j < n; j++) {
          g[at + j] = field[corner[j] + src];
        }
      }
    }
  }

  /**
   * A row-major w x h field as MATLAB's x(:) with the wrap around it: {@code out[cp * (h + 2) + rp]} =
   * X(rp - 1 mod h, cp - 1 mod w) for cp in 0..w, rp in 0..h+1; X(r, c) is at {@code (c + 1) * (h + 2) + r + 1}.
   */
  static double[] wrappedColumnMajor(double[] field, int w, int h) {
    return wrappedColumnMajor(field, w, h, new double[wrappedLength(w, h)]);
  }

  /** The length of the {@link #wrappedColumnMajor} layout, with 8 spare values that vector loads near the end may read. */
  static int wrappedLength(int w, int h) {
    return (w + 1) * (h + 2) + 8;
  }

  /** {@link #wrappedColumnMajor(double[], int, int)} into {@code out} ({@link #wrappedLength} values). */
  static double[] wrappedColumnMajor(double[] field, int w, int h, double[] out) {
    int stride = h + 2;
    for (int y0 = 0; y0 < h; y0 += 64) {
      for (int x0 = 0; x0 < w; x0 += 64) {
        int y1 = Math.min(h, y0 + 64);
        int x1 = Math.min(w, x0 + 64);
        for (int x = x0; x < x1; x++) {
          for (int y = y0; y < y1; y++) {
            out[(x + 1) * stride + y + 1] = field[y * w + x];
          }
        }
      }
    }
    for (int cp = 1; cp <= w; cp++) {
      out[cp * stride] = out[cp * stride + h];
      out[cp * stride + h + 1] = out[cp * stride + 1];
    }
    System.arraycopy(out, w * stride, out, 0, stride);
    return out;
  }

  private static AggdLanes load() {
    AggdLanes scalar = new AggdLanes();
    AggdLanes v = VectorApi.orScalar(MethodHandles.lookup(), "io.sparkiqa.udfs.metrics.VectorAggdLanes",
        AggdLanes.class, scalar);
    return v.lanes() >= 4 ? v : scalar;
  }
}
