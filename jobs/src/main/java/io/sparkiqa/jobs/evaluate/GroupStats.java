package io.sparkiqa.jobs.evaluate;

/**
 * The statistics of one evaluated group, or nulls with a reason. Rules: fewer than 4 pairs, a constant
 * score or a constant MOS give null statistics and say why; non-finite scores (PSNR of identical images
 * is +Infinity) keep the rank statistics and leave PLCC null with a reason.
 */
public record GroupStats(Double srcc, Double krcc, Double plcc, String reason) {
  public static final int MIN_N = 4;

  public static GroupStats of(double[] score, double[] mos) {
    int n = score.length;
    if (n < MIN_N) {
      return new GroupStats(null, null, null, "n = " + n + " < " + MIN_N);
    }
    if (Correlations.constant(score)) {
      return new GroupStats(null, null, null, "constant score");
    }
    if (Correlations.constant(mos)) {
      return new GroupStats(null, null, null, "constant mos");
    }
    double srcc = Correlations.spearman(score, mos);
    double krcc = Correlations.kendallTauB(score, mos);
    int nonFinite = 0;
    for (double s : score) {
      if (!Double.isFinite(s)) {
        nonFinite++;
      }
    }
    if (nonFinite > 0) {
      return new GroupStats(srcc, krcc, null, nonFinite + " non-finite score(s): PLCC undefined");
    }
    return new GroupStats(srcc, krcc, Correlations.pearson(score, mos), null);
  }
}
