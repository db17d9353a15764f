package io.sparkiqa.jobs.audit;

import io.sparkiqa.jobs.contracts.Directions;
import java.util.List;
import java.util.Map;

/**
 * What an audit computes beyond the scores.
 *
 * @param groupBy       manifest columns or {@code attrs} keys to break distributions down by
 * @param thresholds    per model, the score past which an image counts as bad (direction from {@code directions})
 * @param calibration   an {@code evaluate}/{@code run} output whose logistic-4 maps scores to predicted MOS, or null
 * @param mosCut        with a calibration: images with predicted MOS below this count as bad
 * @param baseline      a previous audit's output to test drift against, or null
 * @param topK          worst-k / best-k per model, and the size of the disagreement sample
 * @param bootstrap     replicates for the mean's confidence interval
 * @param seed          bootstrap seed
 * @param directions    which way each model's scores point ({@code --direction}, then the run.json of a resumed output, then the catalog)
 * @param maxPixels     the run's pixel cap ({@code --max-pixels}): no thumbnail for a larger image
 * @param maxBytes      the run's byte cap ({@code --max-bytes}): no thumbnail for a larger file
 */
public record AuditOptions(List<String> groupBy, Map<String, Double> thresholds, String calibration, Double mosCut,
                           String baseline, int topK, int bootstrap, long seed, Directions directions, long maxPixels,
                           long maxBytes) {
}
