package io.sparkiqa.jobs.datasets;

import java.util.List;

/**
 * AGIQA-3K (AI-generated images): {@code data.csv} with the quality MOS {@code mos_quality} (0-5) and its
 * {@code std_quality} as the target; the alignment MOS, the prompt, its adjectives and the style are kept
 * in {@code attrs} for grouping. No official split.
 */
final class Agiqa3k extends OneLabelFile {
  Agiqa3k() {
    super("agiqa3k", "AGIQA-3K: 2,982 AI-generated images; data.csv, quality MOS 0-5 (alignment MOS and prompt in attrs); "
            + "no official split (--split-seed)",
        new Layout("name", "mos_quality", "std_quality", "agiqa3k-quality-0-5", 0, 5,
            List.of("mos_align", "std_align", "prompt", "adj1", "adj2", "style")));
  }
}
