package io.sparkiqa.jobs.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Every statistic of one evaluated group (scores x against MOS y), or nulls with a reason: fewer than 4
 * pairs, a constant score or a constant MOS give null statistics; the logistic fits need at least twice as
 * many pairs as parameters. Non-finite scores ({@link NonFinite}): NaN is left out of everything, while
 * +/-Infinity keeps its rank in SRCC and KRCC (and their intervals) and is left out of PLCC, the fits and
 * theirs; each statistic's Fisher interval uses the n it was computed on. Signs are kept (never {@code abs()}).
 *
 * <pre>{@code
 * GroupStats s = GroupStats.of(scores, mos, new Bootstrap(1000, 42));
 * }</pre>
 *
 * @param n         the pairs given, non-finite scores included
 * @param nonFinite the scores of those that are not finite
 */
public record GroupStats(int n, NonFinite nonFinite, Double srcc, Double krcc, Double plcc,
                         Intervals.Interval srccFisher, Intervals.Interval plccFisher, Bootstrap.Interval srccCi,
                         Bootstrap.Interval plccCi, LogisticFit.Result fit4, LogisticFit.Result fit5,
                         Bootstrap.Interval plcc4Ci, String reason) {
  public static final int MIN_N = 4;

  public static GroupStats of(double[] score, double[] mos, Bootstrap bootstrap) {
    int n = score.length;
    NonFinite nf = NonFinite.of(score);
    List<String> notes = new ArrayList<>();
    if (nf.note() != null) {
      notes.add(nf.note());
    }
    double[][] ranked = keep(score, mos, false);
    String undefined = undefined(ranked, nf.nan() > 0 ? "non-NaN" : null);
    if (undefined != null) {
      notes.add(0, undefined);
      return new GroupStats(n, nf, null, null, null, null, null, null, null, null, null, null, String.join("; ", notes));
    }
    double[] rx = ranked[0];
    double[] ry = ranked[1];
    double srcc = Correlations.spearman(rx, ry);
    double krcc = Correlations.kendallTauB(rx, ry);
    Intervals.Interval srccFisher = Intervals.spearmanFhp(srcc, rx.length);
    Bootstrap.Interval srccCi = bootstrap == null ? null : bootstrap.srccInterval(rx, ry);
    double[][] finite = nf.infinite() == 0 ? ranked : keep(score, mos, true);
    String noPlcc = undefined(finite, nf.infinite() > 0 ? "finite" : null);
    if (noPlcc != null) {
      notes.add(0, "PLCC and the fits undefined: " + noPlcc);
      return new GroupStats(n, nf, srcc, krcc, null, srccFisher, null, srccCi, null, null, null, null,
          String.join("; ", notes));
    }
    double[] x = finite[0];
    double[] y = finite[1];
    double plcc = Correlations.pearson(x, y);
    Bootstrap.Interval plccCi = bootstrap == null ? null : bootstrap.interval(x, y, Bootstrap::plcc);
    LogisticFit.Result fit4 = fitIfEnough(MappingFunction.LOGISTIC4, x, y, notes);
    LogisticFit.Result fit5 = fitIfEnough(MappingFunction.LOGISTIC5, x, y, notes);
    Bootstrap.Interval plcc4Ci = bootstrap == null || fit4 == null ? null
        : bootstrap.interval(x, y, Bootstrap.fittedPlcc(MappingFunction.LOGISTIC4, fit4.params()));
    if (fit5 != null && !fit5.monotonic()) {
      notes.add("logistic5 fit is not monotonic over the observed scores");
    }
    return new GroupStats(n, nf, srcc, krcc, plcc, srccFisher, Intervals.pearson(plcc, x.length), srccCi, plccCi, fit4,
        fit5, plcc4Ci, notes.isEmpty() ? null : String.join("; ", notes));
  }

  /** Why no correlation is defined on these pairs ({@code kind} names the scores kept, or null), or null. */
  private static String undefined(double[][] pairs, String kind) {
    int n = pairs[0].length;
    String scores = kind == null ? "" : " " + kind;
    if (n < MIN_N) {
      return kind == null ? "n = " + n + " < " + MIN_N : "n = " + n + scores + " score(s) < " + MIN_N;
    }
    if (Correlations.constant(pairs[0])) {
      return "constant" + scores + " score";
    }
    return Correlations.constant(pairs[1]) ? "constant mos" + (kind == null ? "" : " over the" + scores + " scores") : null;
  }

  /** The pairs whose score is not NaN ({@code finiteOnly}: finite), in their order. */
  private static double[][] keep(double[] score, double[] mos, boolean finiteOnly) {
    int k = 0;
    for (double s : score) {
      k += (finiteOnly ? Double.isFinite(s) : !Double.isNaN(s)) ? 1 : 0;
    }
    double[] x = new double[k];
    double[] y = new double[k];
    k = 0;
    for (int i = 0; i < score.length; i++) {
      if (finiteOnly ? Double.isFinite(score[i]) : !Double.isNaN(score[i])) {
        x[k] = score[i];
        y[k++] = mos[i];
      }
    }
    return new double[][] {x, y};
  }

  private static LogisticFit.Result fitIfEnough(MappingFunction f, double[] x, double[] y, List<String> notes) {
    int need = 2 * f.parameters();
    if (x.length < need) {
      notes.add(f.name() + " not fitted: n < " + need);
      return null;
    }
    LogisticFit.Result r = LogisticFit.fit(f, x, y);
    if (r == null) {
      notes.add(f.name() + " fit failed from every start");
    }
    return r;
  }
}
