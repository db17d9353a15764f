package io.sparkiqa.udfs.metrics;

/**
 * The generic guard of the scorers: a score that is NaN or infinite is no score. It fails the row as
 * {@code undefined} instead of landing in the scores table with status ok, except {@code +Infinity} for
 * a spec that declares it ({@link MetricSpec#infiniteScore}: PSNR of identical images).
 *
 * <pre>{@code
 * MetricResult r = metric.score(image, ref);
 * Defined.check(metric.spec(), r);   // throws MetricException("undefined", ...) for NaN or +-Infinity
 * }</pre>
 */
public final class Defined {
  private Defined() {
  }

  /**
   * The scores row's error for {@code r}: null when its score is defined for {@code spec}, else
   * {@code "undefined: ..."} (for the batching scorer, which records each result of a batch itself).
   */
  public static String failure(MetricSpec spec, MetricResult r) {
    try {
      check(spec, r);
      return null;
    } catch (MetricException e) {
      return e.reasonClass() + ": " + e.getMessage();
    }
  }

  /** Returns {@code r} when its score is defined for {@code spec}; throws {@code undefined} otherwise. */
  public static MetricResult check(MetricSpec spec, MetricResult r) throws MetricException {
    double s = r.score();
    if (Double.isFinite(s) || s == Double.POSITIVE_INFINITY && spec.infiniteScore()) {
      return r;
    }
    throw new MetricException("undefined", spec.name() + " gave " + s + ", which is no score, for this image");
  }
}
