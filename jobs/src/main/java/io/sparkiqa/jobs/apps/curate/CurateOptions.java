package io.sparkiqa.jobs.apps.curate;

import java.io.Serializable;
import java.util.Map;

/**
 * What {@code curate} selects.
 *
 * @param groupBy      manifest column or attrs key of the groups (a burst, a prompt), or null for one group
 * @param k            picks per group
 * @param weights      per model, its weight in the combination of rank-normalised scores
 * @param lowerBetter  per model, whether lower scores are better
 * @param dupThreshold the largest Hamming distance of two perceptual hashes that makes them near-duplicates
 * @param maxPixels    the pixel cap of the decode that hashes an image
 * @param maxBytes     the byte cap of the read that hashes an image
 */
public record CurateOptions(String groupBy, int k, Map<String, Double> weights, Map<String, Boolean> lowerBetter,
                            int dupThreshold, long maxPixels, long maxBytes) implements Serializable {
}
