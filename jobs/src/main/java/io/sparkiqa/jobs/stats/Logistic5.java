package io.sparkiqa.jobs.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 5-parameter logistic of Sheikh, Sabir and Bovik (TIP 2006):
 * {@code f(x) = b1 (1/2 - 1/(1 + exp(b2 (x - b3)))) + b4 x + b5}. Starts: b1 = range(y), b2 = +-1/std(x),
 * b3 = mean x and median x, b4 = 0, b5 = mean y; plus pyiqa's start {@code [10, 0, mean(y), 0.1, 0.1]}.
 * The linear term can make f non-monotonic; the fitter reports it.
 */
final class Logistic5 implements MappingFunction {
  @Override
  public String name() {
    return "logistic5";
  }

  @Override
  public int parameters() {
    return 5;
  }

  @Override
  public double value(double[] b, double x) {
    return b[0] * (0.5 - 1 / (1 + Math.exp(b[1] * (x - b[2])))) + b[3] * x + b[4];
  }

  @Override
  public void gradient(double[] b, double x, double[] g) {
    double e = Math.exp(b[1] * (x - b[2]));
    double q = 1 / (1 + e);
    double dq = Double.isInfinite(e) ? 0 : q * q * e; // -d q / d u with u = b2 (x - b3)
    g[0] = 0.5 - q;
    g[1] = b[0] * dq * (x - b[2]);
    g[2] = b[0] * dq * (-b[1]);
    g[3] = x;
    g[4] = 1;
  }

  @Override
  public List<double[]> starts(double[] x, double[] y) {
    double[] sx = Describe.of(x);
    double[] sy = Describe.of(y);
    List<double[]> out = new ArrayList<>();
    for (double sign : new double[] {1, -1}) {
      for (double mid : new double[] {sx[Describe.MEAN], sx[Describe.MEDIAN]}) {
        out.add(new double[] {sy[Describe.MAX] - sy[Describe.MIN], sign / sx[Describe.STD], mid, 0, sy[Describe.MEAN]});
      }
    }
    out.add(new double[] {10, 0, sy[Describe.MEAN], 0.1, 0.1});
    return out;
  }

  @Override
  public String sql(double[] b, String x) {
    return String.format(Locale.ROOT, "(%s) * (0.5 - 1 / (1 + exp((%s) * (%s - (%s))))) + (%s) * %s + (%s)",
        Logistic4.lit(b[0]), Logistic4.lit(b[1]), x, Logistic4.lit(b[2]), Logistic4.lit(b[3]), x, Logistic4.lit(b[4]));
  }
}
