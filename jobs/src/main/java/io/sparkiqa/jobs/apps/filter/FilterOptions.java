package io.sparkiqa.jobs.apps.filter;

import io.sparkiqa.jobs.contracts.Directions;
import java.util.List;

/**
 * What the quality gate does.
 *
 * @param rules       the rules, in the order given (a dropped row names the first it fails)
 * @param any         keep a row when any rule passes (else when all do)
 * @param keepFailed  keep rows whose score for a rule's model failed (else they are dropped with their reason)
 * @param groupBy     manifest column or attrs key of the groups (keep-top and counts), or null for one group
 * @param inputFormat the manifest's format ({@code csv}, {@code json}, {@code parquet}): kept/ and dropped/ are also
 *                    written in it when it is not Parquet
 * @param borderline  how many borderline accepts and rejects per rule the report shows
 * @param directions  which way each model points
 * @param maxPixels   thumbnails' pixel cap
 * @param maxBytes    thumbnails' byte cap
 */
public record FilterOptions(List<FilterRule> rules, boolean any, boolean keepFailed, String groupBy,
                            String inputFormat, int borderline, Directions directions, long maxPixels, long maxBytes) {
}
