package io.sparkiqa.jobs.datasets;

import java.util.List;

/** LIVE In the Wild Image Quality Challenge (CLIVE): {@code image_name}, {@code MOS} (0-100), {@code SD}. No official split. */
final class Clive extends OneLabelFile {
  Clive() {
    super("clive", "LIVE In the Wild Challenge (CLIVE): 1,162 photos; image_name, MOS 0-100, SD; "
            + "no official split (--split-seed)",
        new Layout("image_name", "MOS", "SD", "0-100", 0, 100, List.of()));
  }
}
