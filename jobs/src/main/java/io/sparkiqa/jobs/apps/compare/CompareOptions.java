package io.sparkiqa.jobs.apps.compare;

import java.util.List;
import java.util.Map;

/**
 * What {@code compare} pairs and tests.
 *
 * @param pairKey    manifest column or attrs key shared by the variants of one scene
 * @param variantKey manifest column or attrs key naming the variant (the processing pipeline)
 * @param baseline   the variant the others are compared with
 * @param models     the metrics compared
 * @param lowerBetter per model, whether lower scores are better
 * @param bootstrap  paired bootstrap replicates of the mean difference
 * @param seed       bootstrap seed
 * @param top        pairs per model and variant shown where the variant differs most
 * @param maxPixels  thumbnails' pixel cap
 * @param maxBytes   thumbnails' byte cap
 */
public record CompareOptions(String pairKey, String variantKey, String baseline, List<String> models,
                             Map<String, Boolean> lowerBetter, int bootstrap, long seed, int top, long maxPixels,
                             long maxBytes) {
}
