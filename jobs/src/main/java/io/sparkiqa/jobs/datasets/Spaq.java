package io.sparkiqa.jobs.datasets;

import java.util.List;

/**
 * SPAQ (smartphone photography attribute and quality): the MOS-and-attributes CSV with {@code Image name},
 * {@code MOS} (0-100) and five attribute scores, kept in {@code attrs} under lower-case names
 * ({@code brightness}, {@code colorfulness}, {@code contrast}, {@code noisiness}, {@code sharpness}). No
 * official split.
 */
final class Spaq extends OneLabelFile {
  Spaq() {
    super("spaq", "SPAQ: 11,125 smartphone photos; the MOS and attributes CSV (MOS 0-100, five attribute scores); "
            + "no official split (--split-seed)",
        new Layout("Image name", "MOS", null, "0-100", 0, 100,
            List.of("Brightness", "Colorfulness", "Contrast", "Noisiness", "Sharpness")));
  }
}
