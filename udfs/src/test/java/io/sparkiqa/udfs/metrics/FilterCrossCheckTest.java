package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.matlab.WindowFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two genuinely different filter implementations (2-D taps in column-major order vs separable passes,
 * both with raw rounding: no refinement, no exact zeros) on the 24 Kodak photos, the BRISQUE release's two
 * images, the 28 kodak-distorted crops and the 5 calibration images. Wherever an image has no
 * zero-residual window they agree: NIQE within 1e-10 relative, BRISQUE exactly after the text rounding.
 * Negative control: on I19 (20 ill-conditioned and ~60,000 flat windows) they differ.
 */
class FilterCrossCheckTest {
  private static final Mscn.Arithmetic COLUMN_MAJOR = new Mscn.Arithmetic(WindowFilter.COLUMN_MAJOR_2D, false, false);
  private static final Mscn.Arithmetic SEPARABLE = new Mscn.Arithmetic(WindowFilter.SEPARABLE, false, false);

  @Test
  void filtersAgreeWhereNoWindowHasAZeroResidual() throws Exception {
    int clean = 0;
    int total = 0;
    List<String> flagged = new ArrayList<>();
    for (Path p : images()) {
      RgbImage img = ImageDecoder.withDefaults().decode(Files.readAllBytes(p)).image();
      MetricResult niqeA = new Niqe(COLUMN_MAJOR).score(img, null);
      MetricResult niqeB = new Niqe(SEPARABLE).score(img, null);
      MetricResult brisqueA = new Brisque(COLUMN_MAJOR).score(img, null);
      MetricResult brisqueB = new Brisque(SEPARABLE).score(img, null);
      assertEquals(niqeA.diagnostics(), niqeB.diagnostics(), p.toString());
      assertEquals(brisqueA.diagnostics(), brisqueB.diagnostics(), p.toString());
      total++;
      String name = p.getFileName().toString();
      if (niqeA.diagnostics().get(MetricResult.ZERO_RESIDUAL_WINDOWS) == 0) {
        assertEquals(niqeA.score(), niqeB.score(), 1e-10 * niqeA.score(), name);
      }
      if (brisqueA.diagnostics().get(MetricResult.ZERO_RESIDUAL_WINDOWS) == 0) {
        assertEquals(brisqueA.score(), brisqueB.score(), 0.0, name);
      }
      if (niqeA.diagnostics().get(MetricResult.ZERO_RESIDUAL_WINDOWS) == 0
          && brisqueA.diagnostics().get(MetricResult.ZERO_RESIDUAL_WINDOWS) == 0) {
        clean++;
      } else {
        flagged.add(name);
      }
      if (name.equals("I19.bmp")) {
        assertNotEquals(niqeA.score(), niqeB.score(), 1e-6 * niqeA.score(), "I19 NIQE should hang on the filter");
        assertNotEquals(brisqueA.score(), brisqueB.score(), 1e-3, "I19 BRISQUE should hang on the filter");
      }
    }
    System.out.printf("filter cross-check: %d of %d images without zero-residual windows; flagged: %s%n",
        clean, total, flagged);
    assertEquals(59, total);
    assertTrue(clean >= 20, "too few clean images for the check to mean anything: " + clean);
  }

  private static List<Path> images() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String dir : new String[] {"../data/kodak", "src/test/resources/brisque", "src/test/resources/kodak-distorted",
        "src/test/resources/calibration/dist_dir"}) {
      try (Stream<Path> s = Files.list(Path.of(dir))) {
        s.filter(p -> p.toString().matches(".*\\.(png|bmp)$")).sorted().forEach(out::add);
      }
    }
    return out;
  }
}
