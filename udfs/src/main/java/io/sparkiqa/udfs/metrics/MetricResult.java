package io.sparkiqa.udfs.metrics;

import java.util.Map;

/** A score and the per-image facts a user should see beside it (e.g. counts of ill-conditioned windows). */
public record MetricResult(double score, Map<String, Double> diagnostics) {

  public static MetricResult of(double score) {
    return new MetricResult(score, Map.of());
  }
}
