package io.sparkiqa.jobs.datasets;

/**
 * CSIQ (Larson and Chandler 2010): 866 distorted images of 30 references, six distortions; {@code CSIQ.txt} in the
 * unified full-reference layout ({@link FullReferenceLabels}). The score is a DMOS in [0, 1]: lower = better quality.
 */
final class Csiq extends FullReferenceLabels {
  Csiq() {
    super("csiq", "CSIQ: 866 distorted images of 30 references (full-reference); CSIQ.txt, DMOS 0-1, lower = better",
        new Scale("dmos-0-1", 0, 1, true));
  }
}
