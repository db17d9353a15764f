package io.sparkiqa.udfs.matlab;

import java.lang.invoke.MethodHandles;

/**
 * The inner loops over a row of {@link SeparableMoments} (7 taps), {@link Matlab#imresizeHalf} and MSCN, in
 * plain Java; {@code VectorRowKernels} does the same per output with the Vector API (one output per lane:
 * the same operations in the same order, no fused multiply-add).
 */
public class RowKernels {
  static final RowKernels BEST = VectorApi.orScalar(MethodHandles.lookup(),
      "io.sparkiqa.udfs.matlab.VectorRowKernels", RowKernels.class, new RowKernels());

  RowKernels() {
  }

  /** The Vector API kernels where available ({@link VectorApi}), else the scalar ones. */
  public static RowKernels get() {
    return BEST;
  }

  /** The scalar kernels. */
  public static RowKernels scalar() {
    return new RowKernels();
  }

  /** {@code acc[a + x] += wt * v[b + x]} for x in 0..n-1. */
  void axpy(double wt, double[] v, int b, double[] acc, int a, int n) {
    axpy(wt, v, b, acc, a, 0, n);
  }

  static void axpy(double wt, double[] v, int b, double[] acc, int a, int from, int n) {
    for (int x = from; x < n; x++) {
      acc[a + x] += wt * v[b + x];
    }
  }

  /**
   * MSCN of pixels base..base+n-1: {@code out[base + x] = (v[base + x] - m[x]) / (sqrt|q[x] - m[x]^2| + 1)}
   * with the local mean m and second moment q; returns whether some residual v - m is not at least
   * {@code near} in magnitude.
   */
  public boolean mscn(double[] v, int base, double[] m, double[] q, int n, double[] out, double near) {
    return mscn(v, base, m, q, 0, n, out, near);
  }

  static boolean mscn(double[] v, int base, double[] m, double[] q, int from, int n, double[] out, double near) {
    boolean any = false;
    for (int x = from; x < n; x++) {
      out[base + x] = (v[base + x] - m[x]) / (Math.sqrt(Math.abs(q[x] - m[x] * m[x])) + 1);
      any |= !(Math.abs(v[base + x] - m[x]) >= near);
    }
    return any;
  }

  /**
   * The interior x in 3..w-4 of one row: {@code outI[x]} = t0 p0 + ... + t6 p6 and {@code outQ[x]} = t0 p0^2
   * + ... + t6 p6^2, left to right, over the pixels p0..p6 = v[row + x - 3 ..].
   */
  void horizontal(double[] v, int row, int w, double[] t, double[] outI, double[] outQ) {
    horizontal(v, row, 3, w, t, outI, outQ);
  }

  /** {@link #horizontal} from x = {@code from}. */
  static void horizontal(double[] v, int row, int from, int w, double[] t, double[] outI, double[] outQ) {
    double t0 = t[0];
    double t1 = t[1];
    double t2 = t[2];
    double t3 = t[3];
    double t4 = t[4];
    double t5 = t[5];
    double t6 = t[6];
    for (int x = from; x + 3 < w; x++) {
      int b = row + x - 3;
      double p0 = v[b];
      double p1 = v[b + 1];
      double p2 = v[b + 2];
      double p3 = v[b + 3];
      double p4 = v[b + 4];
      double p5 = v[b + 5];
      double p6 = v[b + 6];
      outI[x] = t0 * p0 + t1 * p1 + t2 * p2 + t3 * p3 + t4 * p4 + t5 * p5 + t6 * p6;
      outQ[x] = t0 * (p0 * p0) + t1 * (p1 * p1) + t2 * (p2 * p2) + t3 * (p3 * p3) + t4 * (p4 * p4) + t5 * (p5 * p5)
          + t6 * (p6 * p6);
    }
  }

  /** One output row from 7 horizontal rows: out[x] = t0 a0[x] + ... + t6 a6[x], left to right. */
  void vertical(double[][] rows, double[] t, double[] out, int w) {
    vertical(rows, 0, t, out, w);
  }

  /** {@link #vertical} from x = {@code from}. */
  static void vertical(double[][] rows, int from, double[] t, double[] out, int w) {
    double[] a0 = rows[0];
    double[] a1 = rows[1];
    double[] a2 = rows[2];
    double[] a3 = rows[3];
    double[] a4 = rows[4];
    double[] a5 = rows[5];
    double[] a6 = rows[6];
    double t0 = t[0];
    double t1 = t[1];
    double t2 = t[2];
    double t3 = t[3];
    double t4 = t[4];
    double t5 = t[5];
    double t6 = t[6];
    for (int x = from; x < w; x++) {
      out[x] = t0 * a0[x] + t1 * a1[x] + t2 * a2[x] + t3 * a3[x] + t4 * a4[x] + t5 * a5[x] + t6 * a6[x];
    }
  }
}
