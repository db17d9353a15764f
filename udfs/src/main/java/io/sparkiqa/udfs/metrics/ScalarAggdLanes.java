package io.sparkiqa.udfs.metrics;

/** {@link AggdLanes} in plain Java: each lane's sums one after another, element by element. */
final class ScalarAggdLanes extends AggdLanes {
  private static final int LANES = 8;

  @Override
  int lanes() {
    return LANES;
  }

  @Override
  void blocks(double[] g, int b, int sequence, double[] out) {
    java.util.Arrays.fill(out, 0, SUMS * LANES, 0);
    int b2 = b + 2;
    int off = niqeOffsets(b2)[sequence] * LANES;
    for (int c = 1; c <= b; c++) {
      for (int r = 1; r <= b; r++) {
        int i = (c * b2 + r) * LANES;
        for (int j = 0; j < LANES; j++) {
          add(out, SUMS * j, sequence == 0 ? g[i + j] : g[i + j] * g[i + off + j]);
        }
      }
    }
  }

  @Override
  void field(double[] p, int w, int h, double[] out) {
    java.util.Arrays.fill(out, 0, 4 * SUMS + 2, 0);
    int stride = h + 2;
    int[] off = brisqueOffsets(stride);
    for (int c = 1; c <= w; c++) {
      for (int r = 1; r <= h; r++) {
        int i = c * stride + r;
        double x = p[i];
        for (int s = 0; s < 4; s++) {
          add(out, SUMS * s, x * p[i + off[s]]);
        }
        out[4 * SUMS] += x * x;
        out[4 * SUMS + 1] += Math.abs(x);
      }
    }
  }
}
