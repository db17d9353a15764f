package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quality-vs-aesthetics numbers without Spark: a lower-better quality model is aligned before ranking, groups
 * follow evaluate's rules (a missing key is "(none)"), small groups get no SRCC, and the most disagreeing image is
 * the one whose mean quality percentile and aesthetics percentile differ most.
 */
class AspectComparisonTest {
  private static AspectScores.Image img(String id, String kind, double niqe, double sharp, double aes) {
    return new AspectScores.Image(id, "image", kind == null ? Map.of() : Map.of("kind", kind),
        Map.of("niqe", niqe, "sharpness", sharp, "nima", aes));
  }

  private static final AspectScores S = new AspectScores(
      Map.of("niqe", "quality", "sharpness", "quality", "nima", "aesthetics"),
      List.of(img("a", "x", 5, 1, 1), img("b", "x", 4, 2, 2), img("c", "x", 3, 3, 3), img("d", "x", 2, 4, 4),
          img("e", null, 1, 5, 0)));
  private static final Map<String, Boolean> LOWER = Map.of("niqe", true, "sharpness", false, "nima", false);

  @Test
  void agreementIsDirectionAlignedPerGroup() {
    List<AspectComparison.Agreement> a = AspectComparison.agreement(S, List.of("kind"), LOWER);
    assertEquals(List.of("all|all|niqe", "all|all|sharpness", "kind|(none)|niqe", "kind|(none)|sharpness",
        "kind|x|niqe", "kind|x|sharpness"), a.stream().map(x -> x.groupBy() + "|" + x.group() + "|" + x.quality()).toList());
    // over all five: ranks 1..5 against nima's 2,3,4,5,1 -> d² = 1+1+1+1+16 = 20, SRCC = 1 - 6·20/120 = 0
    assertEquals(0.0, a.get(0).srcc(), 1e-12);
    assertEquals(a.get(0).srcc(), a.get(1).srcc(), 1e-12, "niqe negated ranks exactly as sharpness");
    assertNull(a.get(2).srcc(), "one image: no SRCC");
    assertEquals(1, a.get(2).n());
    assertEquals(1.0, a.get(4).srcc(), 1e-12);
    assertEquals(4, a.get(4).n());
  }

  @Test
  void theMostDisagreeingImageComesFirst() {
    List<AspectComparison.Disagreement> d = AspectComparison.disagreement(S, LOWER, 2);
    assertEquals(2, d.size());
    assertEquals("e", d.get(0).imageId(), "best by quality, worst by aesthetics");
    assertEquals(1.0, d.get(0).quality(), 1e-12);
    assertEquals(0.0, d.get(0).aesthetics(), 1e-12);
    assertEquals(1.0, d.get(0).difference(), 1e-12);
    // a..d: quality percentile (k-1)/4, aesthetics k/4: all differ by -0.25; ties broken by image id
    assertEquals("a", d.get(1).imageId());
    assertEquals(-0.25, d.get(1).difference(), 1e-12);
  }
}
