package io.sparkiqa.jobs.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The ok scores of a group that are not finite numbers, and what the statistics do with them: NaN (or an
 * empty score on an ok row) cannot be ranked and is left out of every statistic; +Infinity and -Infinity
 * (PSNR of identical images) rank above and below every finite score, so SRCC and KRCC keep them, while
 * PLCC, the logistic fits, RMSE and their intervals are computed over the finite scores only. The driver
 * and the Spark SQL path word their {@code reason} with {@link #note()}.
 */
public record NonFinite(long nan, long positive, long negative) {
  public static final NonFinite NONE = new NonFinite(0, 0, 0);

  /** Counts the NaN, +Infinity and -Infinity values of {@code score}. */
  public static NonFinite of(double[] score) {
    long nan = 0;
    long pos = 0;
    long neg = 0;
    for (double s : score) {
      if (Double.isNaN(s)) {
        nan++;
      } else if (s == Double.POSITIVE_INFINITY) {
        pos++;
      } else if (s == Double.NEGATIVE_INFINITY) {
        neg++;
      }
    }
    return new NonFinite(nan, pos, neg);
  }

  /** All non-finite scores: the {@code n_nonfinite} column. */
  public long total() {
    return nan + positive + negative;
  }

  /** The infinite scores: ranked, but left out of PLCC and the fits. */
  public long infinite() {
    return positive + negative;
  }

  /** What was left out of which statistic, or null when every score is finite. */
  public String note() {
    List<String> out = new ArrayList<>();
    if (infinite() > 0) {
      List<String> signs = new ArrayList<>();
      if (positive > 0) {
        signs.add(positive + " +Infinity");
      }
      if (negative > 0) {
        signs.add(negative + " -Infinity");
      }
      out.add(infinite() + " infinite score(s) (" + String.join(", ", signs)
          + ") ranked by SRCC/KRCC, left out of PLCC and the fits");
    }
    if (nan > 0) {
      out.add(nan + " NaN score(s) left out of every statistic");
    }
    return out.isEmpty() ? null : String.join("; ", out);
  }
}
