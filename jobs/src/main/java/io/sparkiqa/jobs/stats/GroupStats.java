package io.sparkiqa.jobs.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Every statistic of one evaluated group (scores x against MOS y), or nulls with a reason:
 * fewer than 4 pairs, a constant score or a constant MOS give null statistics; non-finite scores (PSNR
 * of identical images is +Infinity) keep the rank statistics and leave PLCC and the fits null; the
 * logistic fits need at least twice as many pairs as parameters. Signs are kept (never {@code abs()}).
 *
 * <pre>{@code
 * GroupStats s = GroupStats.of(scores, mos, new Bootstrap(1000, 42));
 * }</pre>
 */
public record GroupStats(int n, Double srcc, Double krcc, Double plcc, Intervals.Interval srccFisher,
                         Intervals.Interval plccFisher, Bootstrap.Interval srccCi, Bootstrap.Interval plccCi,
                         LogisticFit.Result fit4, LogisticFit.Result fit5, Bootstrap.Interval plcc4Ci,
                         String reason) {
  public static final int MIN_N = 4;

  public static GroupStats of(double[] score, double[] mos, Bootstrap bootstrap) {
    int n = score.length;
    if (n < MIN_N) {
      return empty(n, "n = " + n + " < " + MIN_N);
    }
    if (Correlations.constant(score)) {
      return empty(n, "constant score");
    }
    if (Correlations.constant(mos)) {
      return empty(n, "constant mos");
    }
    List<String> notes = new ArrayList<>();
    double srcc = Correlations.spearman(score, mos);
    double krcc = Correlations.kendallTauB(score, mos);
    Intervals.Interval srccFisher = Intervals.spearmanFhp(srcc, n);
    Bootstrap.Interval srccCi = bootstrap == null ? null : bootstrap.srccInterval(score, mos);
    int nonFinite = 0;
    for (double s : score) {
      if (!Double.isFinite(s)) {
        nonFinite++;
      }
    }
    if (nonFinite > 0) {
      notes.add(nonFinite + " non-finite score(s): PLCC and fits undefined");
      return new GroupStats(n, srcc, krcc, null, srccFisher, null, srccCi, null, null, null, null, String.join("; ", notes));
    }
    double plcc = Correlations.pearson(score, mos);
    Bootstrap.Interval plccCi = bootstrap == null ? null : bootstrap.interval(score, mos, Bootstrap::plcc);
    LogisticFit.Result fit4 = fitIfEnough(MappingFunction.LOGISTIC4, score, mos, notes);
    LogisticFit.Result fit5 = fitIfEnough(MappingFunction.LOGISTIC5, score, mos, notes);
    Bootstrap.Interval plcc4Ci = bootstrap == null || fit4 == null ? null
        : bootstrap.interval(score, mos, Bootstrap.fittedPlcc(MappingFunction.LOGISTIC4, fit4.params()));
    if (fit5 != null && !fit5.monotonic()) {
      notes.add("logistic5 fit is not monotonic over the observed scores");
    }
    return new GroupStats(n, srcc, krcc, plcc, srccFisher, Intervals.pearson(plcc, n), srccCi, plccCi, fit4, fit5,
        plcc4Ci, notes.isEmpty() ? null : String.join("; ", notes));
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

  private static GroupStats empty(int n, String reason) {
    return new GroupStats(n, null, null, null, null, null, null, null, null, null, null, reason);
  }
}
