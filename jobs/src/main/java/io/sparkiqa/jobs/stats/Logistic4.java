package io.sparkiqa.jobs.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The VQEG FR-TV Phase I 4-parameter logistic {@code f(x) = (b1 - b2) / (1 + exp(-(x - b3)/|b4|)) + b2}.
 * Starts: b1, b2 = (max y, min y) and (min y, max y) (so decreasing relations are reachable without the
 * optimiser swapping them), b3 = mean x and median x, b4 = std(x)/4 (pyiqa's start is the first one).
 */
final class Logistic4 implements MappingFunction {
  @Override
  public String name() {
    return "logistic4";
  }

  @Override
  public int parameters() {
    return 4;
  }

  @Override
  public double value(double[] b, double x) {
    return (b[0] - b[1]) / (1 + Math.exp(-(x - b[2]) / Math.abs(b[3]))) + b[1];
  }

  @Override
  public void gradient(double[] b, double x, double[] g) {
    double a = Math.abs(b[3]);
    double e = Math.exp(-(x - b[2]) / a);
    double s = 1 / (1 + e);
    g[0] = s;
    g[1] = 1 - s;
    double ds = Double.isInfinite(e) ? 0 : s * s * e; // d s / d u with u = (x - b3)/|b4|
    g[2] = (b[0] - b[1]) * ds * (-1 / a);
    g[3] = (b[0] - b[1]) * ds * (-(x - b[2]) / (a * a)) * Math.signum(b[3]);
  }

  @Override
  public List<double[]> starts(double[] x, double[] y) {
    double[] sx = Describe.of(x);
    double[] sy = Describe.of(y);
    List<double[]> out = new ArrayList<>();
    for (double[] ends : new double[][] {{sy[Describe.MAX], sy[Describe.MIN]}, {sy[Describe.MIN], sy[Describe.MAX]}}) {
      for (double mid : new double[] {sx[Describe.MEAN], sx[Describe.MEDIAN]}) {
        out.add(new double[] {ends[0], ends[1], mid, sx[Describe.STD] / 4});
      }
    }
    return out;
  }

  @Override
  public String sql(double[] b, String x) {
    return String.format(Locale.ROOT, "((%s) - (%s)) / (1 + exp(-(%s - (%s)) / abs(%s))) + (%s)",
        lit(b[0]), lit(b[1]), x, lit(b[2]), lit(b[3]), lit(b[1]));
  }

  static String lit(double v) {
    return "CAST(" + Double.toString(v) + " AS DOUBLE)";
  }
}
