package io.sparkiqa.udfs.matlab;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} with the Vector API, one output pixel per lane; loaded only where the module is present.
 * Written out tap by tap: C2 (JDK 17) keeps vectors in registers only in straight-line loop bodies.
 */
final class VectorRowKernels extends RowKernels {
  VectorRowKernels() {
  }

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  @Override
  void axpy(double wt, double[] v, int b, double[] acc, int a, int n) {
    DoubleVector c = DoubleVector.broadcast(S, wt);
    int x = 0;
    for (; x + S.length() <= n; x += S.length()) {
      DoubleVector.fromArray(S, acc, a + x).add(c.mul(DoubleVector.fromArray(S, v, b + x))).intoArray(acc, a + x);
    }
    axpy(wt, v, b, acc, a, x, n);
  }

  @Override
  public boolean mscn(double[] v, int base, double[] m, double[] q, int n, double[] out, double near) {
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    boolean any = false;
    int x = 0;
    for (; x + S.length() <= n; x += S.length()) {
      DoubleVector mu = DoubleVector.fromArray(S, m, x);
      DoubleVector sd = DoubleVector.fromArray(S, q, x).sub(mu.mul(mu)).abs().sqrt().add(one);
      DoubleVector d = DoubleVector.fromArray(S, v, base + x).sub(mu);
      d.div(sd).intoArray(out, base + x);
      any |= !d.abs().compare(VectorOperators.GE, near).allTrue();
    }
    return mscn(v, base, m, q, x, n, out, near) || any;
  }

  @Override
  void horizontal(double[] v, int row, int w, double[] t, double[] outI, double[] outQ) {
    int n = S.length();
    DoubleVector t0 = DoubleVector.broadcast(S, t[0]);
    DoubleVector t1 = DoubleVector.broadcast(S, t[1]);
    DoubleVector t2 = DoubleVector.broadcast(S, t[2]);
    DoubleVector t3 = DoubleVector.broadcast(S, t[3]);
    DoubleVector t4 = DoubleVector.broadcast(S, t[4]);
    DoubleVector t5 = DoubleVector.broadcast(S, t[5]);
    DoubleVector t6 = DoubleVector.broadcast(S, t[6]);
    int x = 3;
    for (; x + n + 2 < w; x += n) {
      int b = row + x - 3;
      DoubleVector p0 = DoubleVector.fromArray(S, v, b);
      DoubleVector p1 = DoubleVector.fromArray(S, v, b + 1);
      DoubleVector p2 = DoubleVector.fromArray(S, v, b + 2);
      DoubleVector p3 = DoubleVector.fromArray(S, v, b + 3);
      DoubleVector p4 = DoubleVector.fromArray(S, v, b + 4);
      DoubleVector p5 = DoubleVector.fromArray(S, v, b + 5);
      DoubleVector p6 = DoubleVector.fromArray(S, v, b + 6);
      p0.mul(t0).add(p1.mul(t1)).add(p2.mul(t2)).add(p3.mul(t3)).add(p4.mul(t4)).add(p5.mul(t5)).add(p6.mul(t6))
          .intoArray(outI, x);
      p0.mul(p0).mul(t0).add(p1.mul(p1).mul(t1)).add(p2.mul(p2).mul(t2)).add(p3.mul(p3).mul(t3))
          .add(p4.mul(p4).mul(t4)).add(p5.mul(p5).mul(t5)).add(p6.mul(p6).mul(t6)).intoArray(outQ, x);
    }
    horizontal(v, row, x, w, t, outI, outQ);
  }

  @Override
  void vertical(double[][] rows, double[] t, double[] out, int w) {
    int n = S.length();
    double[] a0 = rows[0];
    double[] a1 = rows[1];
    double[] a2 = rows[2];
    double[] a3 = rows[3];
    double[] a4 = rows[4];
    double[] a5 = rows[5];
    double[] a6 = rows[6];
    DoubleVector t0 = DoubleVector.broadcast(S, t[0]);
    DoubleVector t1 = DoubleVector.broadcast(S, t[1]);
    DoubleVector t2 = DoubleVector.broadcast(S, t[2]);
    DoubleVector t3 = DoubleVector.broadcast(S, t[3]);
    DoubleVector t4 = DoubleVector.broadcast(S, t[4]);
    DoubleVector t5 = DoubleVector.broadcast(S, t[5]);
    DoubleVector t6 = DoubleVector.broadcast(S, t[6]);
    int x = 0;
    for (; x + n <= w; x += n) {
      DoubleVector.fromArray(S, a0, x).mul(t0).add(DoubleVector.fromArray(S, a1, x).mul(t1))
          .add(DoubleVector.fromArray(S, a2, x).mul(t2)).add(DoubleVector.fromArray(S, a3, x).mul(t3))
          .add(DoubleVector.fromArray(S, a4, x).mul(t4)).add(DoubleVector.fromArray(S, a5, x).mul(t5))
          .add(DoubleVector.fromArray(S, a6, x).mul(t6)).intoArray(out, x);
    }
    vertical(rows, x, t, out, w);
  }
}
