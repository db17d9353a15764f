package io.sparkiqa.jobs.datasets;

/**
 * PIPAL (Jinjin et al. 2020), its public training part: 23,200 distorted images of 200 references (traditional and
 * GAN-based restoration outputs); {@code PIPAL.txt} in the unified full-reference layout ({@link FullReferenceLabels})
 * with one {@code dis_type} for all rows. The score is an Elo-style rating from pairwise preferences: higher = better,
 * no fixed bounds (the published values run from about 917 to 1836), so only non-finite scores are rejected.
 */
final class Pipal extends FullReferenceLabels {
  Pipal() {
    super("pipal", "PIPAL (training part): 23,200 distorted images of 200 references (full-reference); PIPAL.txt, "
            + "Elo-style score, higher = better",
        new Scale("elo", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false));
  }
}
