package io.sparkiqa.udfs.metrics;

import java.util.Map;

/** A score and the per-image facts a user should see beside it (e.g. counts of ill-conditioned windows). */
public record MetricResult(double score, Map<String, Double> diagnostics) {
  /**
   * The diagnostics key of NIQE and BRISQUE counting the windows whose exact residual is 0, so that the
   * official value depends on rounding noise there; the report flags scores where it is above 0.
   */
  public static final String ZERO_RESIDUAL_WINDOWS = "zero_residual_windows";

  public static MetricResult of(double score) {
    return new MetricResult(score, Map.of());
  }
}
