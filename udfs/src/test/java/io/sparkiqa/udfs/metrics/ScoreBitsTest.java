package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkiqa.udfs.image.DecodeException;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.PilResize;
import io.sparkiqa.udfs.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * NIQE and BRISQUE give bit-identical scores ({@code Double.doubleToLongBits}) to those recorded in
 * {@code score-bits/niqe_brisque.csv} before any speed work: on every decodable test image and on the 24 Kodak photos
 * resized to 1024x768 (768x1024 when portrait) with Pillow's bicubic filter ({@link PilResize}). A faster
 * implementation must keep the order of every sum. Record the file again only for an intended change of the
 * numbers: {@code SPARKIQA_RECORD_BITS=1} in the environment writes it (into the source tree) instead of comparing.
 * Surefire runs it twice: with the Vector API kernels and, in its {@code scalar-bits} execution
 * ({@code -Dsparkiqa.scalar=true}), with the scalar code a JVM without {@code jdk.incubator.vector} uses.
 */
class ScoreBitsTest {
  private static final Path FIXTURE = Path.of("src/test/resources/score-bits/niqe_brisque.csv");
  private static final String[] METRICS = {"niqe", "brisque"};

  /** The images, by a stable name. */
  private static Map<String, RgbImage> images() throws IOException, DecodeException {
    Map<String, RgbImage> out = new LinkedHashMap<>();
    ImageDecoder decoder = ImageDecoder.withDefaults();
    for (String dir : new String[] {"calibration/dist_dir", "calibration/ref_dir", "kodak-distorted", "decode"}) {
      for (Path p : list(Path.of("src/test/resources", dir))) {
        try {
          out.put(dir + "/" + p.getFileName(), decoder.decode(Files.readAllBytes(p)).image());
        } catch (DecodeException e) {
          // the decode fixtures include files that must not decode (empty, truncated, not an image)
        }
      }
    }
    for (Path p : list(Path.of("..", "data", "kodak"))) {
      RgbImage full = decoder.decode(Files.readAllBytes(p)).image();
      boolean portrait = full.height() > full.width();
      out.put("kodak1024/" + p.getFileName(), PilResize.resize(full, portrait ? 768 : 1024, portrait ? 1024 : 768,
          PilResize.Filter.BICUBIC));
    }
    return out;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().matches(".*\\.(png|jpg|bmp)$")).sorted().toList();
    }
  }

  /** {@code doubleToLongBits} of the score as 16 hex digits, or the failure's reason class. */
  private static String bits(Metric m, RgbImage image) {
    try {
      return String.format(Locale.ROOT, "%016x", Double.doubleToLongBits(m.score(image, null).score()));
    } catch (MetricException e) {
      return e.reasonClass();
    }
  }

  @Test
  void theKernelsAreTheOnesThisRunMeansToTest() {
    String expected = Boolean.getBoolean("sparkiqa.scalar") ? "RowKernels" : "VectorRowKernels";
    assertEquals(expected, io.sparkiqa.udfs.matlab.RowKernels.get().getClass().getSimpleName());
    assertEquals(expected.equals("RowKernels") ? "AggdLanes" : "VectorAggdLanes",
        AggdLanes.get().getClass().getSimpleName());
  }

  @Test
  void niqeAndBrisqueScoresAreBitIdenticalToTheRecordedOnes() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("image,niqe,brisque");
    for (Map.Entry<String, RgbImage> e : images().entrySet()) {
      StringBuilder line = new StringBuilder(e.getKey());
      for (String name : METRICS) {
        line.append(',').append(bits(MetricTable.get(name), e.getValue()));
      }
      lines.add(line.toString());
    }
    if ("1".equals(System.getenv("SPARKIQA_RECORD_BITS"))) {
      Files.write(FIXTURE, lines);
      return;
    }
    List<String> recorded = Files.readAllLines(FIXTURE);
    assertEquals(82, recorded.size() - 1, "images recorded: 5 + 5 calibration, 28 Kodak crops, 20 decode, 24 Kodak");
    for (int i = 0; i < Math.max(recorded.size(), lines.size()); i++) {
      assertEquals(i < recorded.size() ? recorded.get(i) : "(none)", i < lines.size() ? lines.get(i) : "(none)",
          "line " + (i + 1) + " of " + FIXTURE);
    }
  }
}
