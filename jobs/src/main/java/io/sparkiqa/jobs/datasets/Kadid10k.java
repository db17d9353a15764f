package io.sparkiqa.jobs.datasets;

/**
 * KADID-10k (Lin, Hosu, Saupe 2019): 10,125 distorted images of 81 references, 25 distortions at five levels;
 * {@code KADID-10k.txt} in the unified full-reference layout ({@link FullReferenceLabels}). The score is the MOS
 * 1-5 (the official file calls it {@code dmos}, but higher = better quality).
 */
final class Kadid10k extends FullReferenceLabels {
  Kadid10k() {
    super("kadid10k", "KADID-10k: 10,125 distorted images of 81 references (full-reference); KADID-10k.txt, "
            + "MOS 1-5, higher = better",
        new Scale("1-5", 1, 5, false));
  }
}
