package io.sparkiqa.jobs.datasets;

/**
 * LIVE IQA release 2 (Sheikh, Sabir, Bovik 2006): 779 distorted images of 29 references, five distortions;
 * {@code LIVE.txt} in the unified full-reference layout ({@link FullReferenceLabels}). The score is the realigned
 * DMOS: lower = better quality, no fixed bounds (the published values run from about -2.6 to 111.8), so only
 * non-finite scores are rejected.
 */
final class Live extends FullReferenceLabels {
  Live() {
    super("live", "LIVE IQA (release 2): 779 distorted images of 29 references (full-reference); LIVE.txt, "
            + "realigned DMOS, lower = better",
        new Scale("dmos-realigned", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true));
  }
}
