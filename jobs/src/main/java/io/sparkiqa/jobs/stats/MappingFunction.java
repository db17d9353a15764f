package io.sparkiqa.jobs.stats;

import java.util.List;

/**
 * A nonlinear mapping from model score to MOS, fitted before the "fitted" PLCC and RMSE: its value,
 * its analytic gradient in the parameters, and the fixed list of start points the fitter tries (the
 * fixture script scripts/fixtures/make_stats_fixtures.py uses the same list with SciPy).
 */
public interface MappingFunction {

  String name();

  int parameters();

  double value(double[] b, double x);

  /** d f / d b_k at x, written into {@code out}. */
  void gradient(double[] b, double x, double[] out);

  List<double[]> starts(double[] x, double[] y);

  /** The function as a Spark SQL expression of column {@code x} with literal parameters. */
  String sql(double[] b, String x);

  /** VQEG 4-parameter logistic: f(x) = (b1 - b2) / (1 + exp(-(x - b3) / |b4|)) + b2. */
  MappingFunction LOGISTIC4 = new Logistic4();

  /** Sheikh et al. (2006) 5-parameter logistic: f(x) = b1 (1/2 - 1/(1 + exp(b2 (x - b3)))) + b4 x + b5. */
  MappingFunction LOGISTIC5 = new Logistic5();
}
