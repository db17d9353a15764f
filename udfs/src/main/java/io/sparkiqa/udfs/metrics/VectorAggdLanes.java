package io.sparkiqa.udfs.metrics;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AggdLanes} with the Vector API (loaded only where {@code jdk.incubator.vector} is present): NIQE
 * blocks one per lane of the preferred species, BRISQUE's four shifts and the field itself one per lane
 * where that species has 8 lanes (scalar otherwise).
 * Every lane does {@link AggdLanes}' scalar operations in the same order (multiply, add, compare, blend; no
 * fused multiply-add). Each kernel is one flat loop with no vector-valued branch, so that C2 (JDK 17) keeps
 * every vector in registers instead of boxing it.
 */
final class VectorAggdLanes extends AggdLanes {
  private static final VectorSpecies<Double> WIDE = DoubleVector.SPECIES_PREFERRED;
  /**
   * BRISQUE lanes (8 or more): X(r-1, c-1), X(r, c-1), X(r+1, c-1) are contiguous in the column-major
   * layout; lane 3 takes X(r-1, c) from a second load; lane k < 4 holds shift SHIFT_OF_LANE[k]; lanes 4..
   * multiply X(r, c) by exactly 1.0, so lane 4's sums of x^2 and |x| are the GGD's. One species for every
   * kernel: C2 (JDK 17) stops intrinsifying where two vector shapes share the library's type profiles.
   */
  private static final VectorMask<Double> LANE3 = VectorMask.fromLong(WIDE, 1L << 3);
  private static final VectorMask<Double> FROM_LANE4 = VectorMask.fromLong(WIDE, -16L & ((1L << WIDE.length()) - 1));
  private static final int[] SHIFT_OF_LANE = {2, 0, 3, 1};
  private final double[] ones = DoubleVector.broadcast(WIDE, 1.0).toArray();

  @Override
  int lanes() {
    return WIDE.length();
  }

  @Override
  void blocks(double[] g, int b, int sequence, double[] out) {
    int lanes = WIDE.length();
    int b2 = b + 2;
    int off = niqeOffsets(b2)[sequence] * lanes;
    // sequence 0 multiplies by exactly 1.0 (x * 1.0 == x), so that one loop serves all five
    double[] second = sequence == 0 ? ones : g;
    int secondOff = sequence == 0 ? 0 : off;
    int secondStep = sequence == 0 ? 0 : 1;
    DoubleVector zero = DoubleVector.zero(WIDE);
    DoubleVector one = DoubleVector.broadcast(WIDE, 1.0);
    DoubleVector left = zero;
    DoubleVector right = zero;
    DoubleVector nl = zero;
    DoubleVector nr = zero;
    DoubleVector abs = zero;
    DoubleVector sq = zero;
    // one flat loop over the block's column-major interior: C2 (JDK 17) boxes vectors carried by nested loops
    int i = (b2 + 1) * lanes;
    for (int t = 0, r = 1; t < b * b; t++) {
      DoubleVector p = DoubleVector.fromArray(WIDE, g, i)
          .mul(DoubleVector.fromArray(WIDE, second, (i + secondOff) * secondStep));
      DoubleVector sq2 = p.mul(p);
      DoubleVector neg = zero.blend(one, p.lt(0.0));
      left = left.add(sq2.mul(neg));
      right = right.add(sq2.mul(one.sub(neg)));
      nl = nl.add(neg);
      nr = nr.add(zero.blend(one, p.compare(VectorOperators.GT, 0.0)));
      abs = abs.add(p.abs());
      sq = sq.add(sq2);
      i += lanes;
      if (++r > b) {
        r = 1;
        i += 2 * lanes;
      }
    }
    double[][] sums = {left.toArray(), right.toArray(), nl.toArray(), nr.toArray(), abs.toArray(), sq.toArray()};
    for (int k = 0; k < SUMS; k++) {
      for (int j = 0; j < lanes; j++) {
        out[SUMS * j + k] = sums[k][j];
      }
    }
  }

  @Override
  void field(double[] p, int w, int h, double[] out) {
    if (WIDE.length() < 8) {
      super.field(p, w, h, out);
      return;
    }
    int stride = h + 2;
    DoubleVector zero = DoubleVector.zero(WIDE);
    DoubleVector one = DoubleVector.broadcast(WIDE, 1.0);
    DoubleVector left = zero;
    DoubleVector right = zero;
    DoubleVector nl = zero;
    DoubleVector nr = zero;
    DoubleVector abs = zero;
    DoubleVector sq = zero;
    int i = stride + 1;
    for (int t = 0, r = 1; t < w * h; t++) {
      DoubleVector n = DoubleVector.fromArray(WIDE, p, i - stride - 1)
          .blend(DoubleVector.fromArray(WIDE, p, i - 4), LANE3).blend(one, FROM_LANE4);
      DoubleVector q = DoubleVector.broadcast(WIDE, p[i]).mul(n);
      DoubleVector sq2 = q.mul(q);
      DoubleVector neg = zero.blend(one, q.lt(0.0));
      left = left.add(sq2.mul(neg));
      right = right.add(sq2.mul(one.sub(neg)));
      nl = nl.add(neg);
      nr = nr.add(zero.blend(one, q.compare(VectorOperators.GT, 0.0)));
      abs = abs.add(q.abs());
      sq = sq.add(sq2);
      i++;
      if (++r > h) {
        r = 1;
        i += 2;
      }
    }
    double[][] sums = {left.toArray(), right.toArray(), nl.toArray(), nr.toArray(), abs.toArray(), sq.toArray()};
    for (int k = 0; k < SUMS; k++) {
      for (int lane = 0; lane < 4; lane++) {
        out[SUMS * SHIFT_OF_LANE[lane] + k] = sums[k][lane];
      }
    }
    out[4 * SUMS] = sums[SQ][4];
    out[4 * SUMS + 1] = sums[ABS][4];
  }
}
