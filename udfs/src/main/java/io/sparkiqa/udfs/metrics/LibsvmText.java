package io.sparkiqa.udfs.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The text round trips of the BRISQUE release: MATLAB writes the features with {@code %f}, libsvm's
 * {@code svm-scale} prints scaled values and {@code svm-predict} the prediction with {@code %g}, and each
 * is read back with {@code strtod}. C's printf rounds the exact binary value (ties to even); so do these.
 */
final class LibsvmText {
  private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

  private LibsvmText() {
  }

  /** {@code strtod(sprintf("%f", x))}: six decimals. */
  static double printfF(double x) {
    if (!Double.isFinite(x)) {
      return x;
    }
    return Double.parseDouble(new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).toString());
  }

  /** {@code strtod(sprintf("%g", x))}: six significant digits. */
  static double printfG(double x) {
    if (!Double.isFinite(x) || x == 0) {
      return x;
    }
    return Double.parseDouble(new BigDecimal(x).round(SIX_DIGITS).toString());
  }
}
