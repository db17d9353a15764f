package io.sparkiqa.jobs.stats;

import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.ValueAndJacobianFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits a {@link MappingFunction} by Levenberg-Marquardt (Apache Commons Math, analytic Jacobian,
 * tolerances 1e-10; when the evaluation budget runs out, as when the optimum drifts to infinity, the best point visited is kept and {@code converged} is false) from each of its start points and keeps the lowest SSE. Then PLCC of f(x) with y
 * and {@code RMSE = sqrt(SSE / (N - d))} (ITU-T P.1401's N - d, d = number of parameters; pyiqa divides
 * by N).
 *
 * <pre>{@code
 * LogisticFit.Result r = LogisticFit.fit(MappingFunction.LOGISTIC4, scores, mos);
 * double plcc = r.plcc();
 * }</pre>
 */
public final class LogisticFit {
  static final int MAX_EVALUATIONS = 2000;
  /** Above this many pairs the start points are screened on a subsample first ({@link #screen}). */
  static final int SCREEN_ABOVE = 200_000;
  static final int SCREEN_SAMPLE = 20_000;
  /** Restarts of a non-converged attempt are allowed while evaluations x points stay within this. */
  static final double RESTART_WORK = 2.5e7;

  private LogisticFit() {
  }

  /**
   * @param params    the best parameters
   * @param sse       their sum of squared errors
   * @param converged whether the optimiser met its tolerances from the winning start
   * @param start     index of the winning start point
   * @param monotonic whether f is monotonic over the observed x (always true for logistic4)
   */
  public record Result(String function, double[] params, double sse, boolean converged, int start, int iterations,
                       double plcc, double rmse, boolean monotonic) {
  }

  public static Result fit(MappingFunction f, double[] x, double[] y) {
    List<double[]> starts = f.starts(x, y);
    if (x.length > SCREEN_ABOVE && starts.size() > 1) {
      starts = List.of(screen(f, x, y, starts));
    }
    return fit(f, x, y, starts);
  }

  /**
   * For large n: fits every start on a deterministic every-k-th subsample of about {@code SCREEN_SAMPLE}
   * pairs and returns the subsample optimum with the
   * lowest SSE on all pairs, which the caller then polishes on all pairs. Saves the full-data LM runs of
   * the losing starts.
   */
  static double[] screen(MappingFunction f, double[] x, double[] y, List<double[]> starts) {
    int k = (int) Math.ceil((double) x.length / SCREEN_SAMPLE);
    int m = (x.length + k - 1) / k;
    double[] xs = new double[m];
    double[] ys = new double[m];
    for (int i = 0; i < m; i++) {
      xs[i] = x[i * k];
      ys[i] = y[i * k];
    }
    double[] best = starts.get(0);
    double bestSse = Double.POSITIVE_INFINITY;
    for (double[] s : starts) {
      Result r = fit(f, xs, ys, List.of(s));
      if (r != null) {
        double sse = sse(f, r.params(), x, y);
        if (sse < bestSse) {
          bestSse = sse;
          best = r.params();
        }
      }
    }
    return best;
  }

  /** Fits from the given starts only (the bootstrap refits from the full-sample optimum). */
  public static Result fit(MappingFunction f, double[] x, double[] y, List<double[]> starts) {
    return fit(f, x, y, starts, 1e-10, MAX_EVALUATIONS, RESTART_WORK);
  }

  /**
   * Fits with the given relative cost and parameter tolerance, evaluation budget per attempt, and
   * restart budget in evaluations x points (the bootstrap refits use SciPy's 1.5e-8, 200, none).
   */
  public static Result fit(MappingFunction f, double[] x, double[] y, List<double[]> starts, double tolerance,
                           int maxEvaluations, double restartWork) {
    double bestSse = Double.POSITIVE_INFINITY;
    double[] best = null;
    boolean bestConverged = false;
    int bestStart = -1;
    int bestIter = 0;
    for (int s = 0; s < starts.size(); s++) {
      Attempt a = attempt(f, x, y, starts.get(s), tolerance, maxEvaluations);
      double work = (double) maxEvaluations * x.length;
      for (int restart = 0; !a.converged && work + (double) maxEvaluations * x.length <= restartWork; restart++) {
        work += (double) maxEvaluations * x.length;
        // the budget ran out while the fit still improved (an optimum drifting to infinity): restarting
        // from the best point resets LM's trust region, which moves such fits much further
        Attempt next = attempt(f, x, y, a.point, tolerance, maxEvaluations);
        boolean better = next.sse < a.sse * (1 - 1e-12);
        a = new Attempt(better ? next.point : a.point, Math.min(next.sse, a.sse), next.converged, a.iterations + next.iterations);
        if (!better) {
          break;
        }
      }
      double[] p = a.point;
      boolean converged = a.converged;
      int iterations = a.iterations;
      double sse = sse(f, p, x, y);
      if (Double.isFinite(sse) && (sse < bestSse || best == null)) {
        bestSse = sse;
        best = p;
        bestConverged = converged;
        bestStart = s;
        bestIter = iterations;
      }
    }
    if (best == null) {
      return null;
    }
    double[] fitted = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      fitted[i] = f.value(best, x[i]);
    }
    double plcc = Correlations.constant(fitted) ? Double.NaN : Correlations.pearson(fitted, y);
    double rmse = Math.sqrt(bestSse / (x.length - f.parameters()));
    return new Result(f.name(), best, bestSse, bestConverged, bestStart, bestIter, plcc, rmse, monotonic(fitted, x));
  }

  private record Attempt(double[] point, double sse, boolean converged, int iterations) {
  }

  private static Attempt attempt(MappingFunction f, double[] x, double[] y, double[] start, double tolerance,
                                 int maxEvaluations) {
    BestSeen seen = new BestSeen();
    try {
      LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer()
          .withCostRelativeTolerance(tolerance).withParameterRelativeTolerance(tolerance)
          .optimize(problem(f, x, y, start, seen, maxEvaluations));
      double[] p = o.getPoint().toArray();
      return new Attempt(p, sse(f, p, x, y), true, o.getIterations());
    } catch (MathIllegalStateException e) {
      double[] p = seen.point == null ? start : seen.point;
      return new Attempt(p, sse(f, p, x, y), false, maxEvaluations);
    }
  }

  static double sse(MappingFunction f, double[] b, double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = f.value(b, x[i]) - y[i];
      s += r * r;
    }
    return s;
  }

  private static boolean monotonic(double[] fitted, double[] x) {
    int[] idx = Correlations.order(x);
    int up = 0;
    int down = 0;
    for (int i = 1; i < idx.length; i++) {
      double d = fitted[idx[i]] - fitted[idx[i - 1]];
      if (d > 0) {
        up++;
      } else if (d < 0) {
        down++;
      }
    }
    return up == 0 || down == 0;
  }

  /** The lowest-SSE point evaluated so far. */
  private static final class BestSeen {
    double sse = Double.POSITIVE_INFINITY;
    double[] point;

    void offer(double[] b, double[] v, double[] y) {
      double s = 0;
      for (int i = 0; i < y.length; i++) {
        s += (v[i] - y[i]) * (v[i] - y[i]);
      }
      if (s < sse) {
        sse = s;
        point = b.clone();
      }
    }
  }

  private static LeastSquaresProblem problem(MappingFunction f, double[] x, double[] y, double[] start, BestSeen seen,
                                             int maxEvaluations) {
    int d = f.parameters();
    return new LeastSquaresBuilder()
        .start(start)
        .target(y)
        .maxEvaluations(maxEvaluations)
        .maxIterations(maxEvaluations)
        .lazyEvaluation(true)
        .model(new ValueAndJacobianFunction() {
          private final JacobianBuffer jacobian = new JacobianBuffer(x.length, d);

          @Override
          public RealVector computeValue(double[] b) {
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              v[i] = f.value(b, x[i]);
            }
            seen.offer(b, v, y);
            return new ArrayRealVector(v, false);
          }

          @Override
          public RealMatrix computeJacobian(double[] b) {
            // only when LM accepts a step (lazy evaluation), into one reused buffer
            double[][] j = jacobian.rows();
            for (int i = 0; i < x.length; i++) {
              f.gradient(b, x[i], j[i]);
            }
            return jacobian;
          }

          @Override
          public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] b = point.toArray();
            return new Pair<>(computeValue(b), computeJacobian(b));
          }
        })
        .build();
  }
}
