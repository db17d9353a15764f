package io.sparkiqa.udfs.metrics;

/**
 * The facts about a metric that code asks for instead of special-casing names: one row of the metric
 * table ({@link MetricTable}), shared by built-in native metrics and model specs.
 *
 * @param name        the id used on the command line and in the {@code model} column
 * @param mode        {@code NR} (no-reference) or {@code FR} (full-reference: needs {@code ref_uri})
 * @param lowerBetter true when a lower score means better quality (correlations keep their sign)
 * @param rangeLow    lowest score the metric can give (may be {@code -Infinity})
 * @param rangeHigh   highest score the metric can give (may be {@code +Infinity})
 * @param preprocess  canonical id of what the metric does to the decoded pixels before scoring
 * @param aspect      what the score is about (quality or aesthetics)
 * @param description one line for {@code models list} and the report
 * @param infiniteScore true when {@code +Infinity} is a defined score, not a failure (PSNR of identical
 *                      images); {@link Defined#check} fails every other non-finite score as {@code undefined}
 */
public record MetricSpec(String name, Mode mode, boolean lowerBetter, double rangeLow, double rangeHigh,
                         String preprocess, Aspect aspect, String description, boolean infiniteScore) {

  /** A spec whose scores are all finite (every metric but PSNR). */
  public MetricSpec(String name, Mode mode, boolean lowerBetter, double rangeLow, double rangeHigh,
                    String preprocess, Aspect aspect, String description) {
    this(name, mode, lowerBetter, rangeLow, rangeHigh, preprocess, aspect, description, false);
  }

  /** No-reference or full-reference. */
  public enum Mode { NR, FR }

  public boolean needsReference() {
    return mode == Mode.FR;
  }
}
