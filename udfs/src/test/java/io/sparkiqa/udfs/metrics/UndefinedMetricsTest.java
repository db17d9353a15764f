package io.sparkiqa.udfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Completely flat images (blank generated pictures exist in real corpora): every built-in metric gives a
 * finite score or fails {@code undefined} saying what is undefined; only PSNR's +Infinity for identical
 * images stays a score. And the generic guard the scorers apply to every result.
 */
class UndefinedMetricsTest {
  /** Which built-ins fail on a flat image of grey level v (BRISQUE's zero-padded border keeps 128 defined). */
  private static Set<String> undefinedAt(int v) {
    return v == 128 ? Set.of("niqe") : Set.of("niqe", "brisque");
  }

  static Stream<Arguments> flats() {
    List<Arguments> a = new ArrayList<>();
    for (int[] size : new int[][] {{96, 96}, {193, 257}, {512, 384}}) {
      for (int v : new int[] {0, 128, 255}) {
        a.add(Arguments.of(size[0], size[1], v));
      }
    }
    return a.stream();
  }

  static RgbImage flat(int w, int h, int v) {
    byte[] px = new byte[3 * w * h];
    Arrays.fill(px, (byte) v);
    return new RgbImage(w, h, px);
  }

  @ParameterizedTest(name = "{0}x{1} all {2}")
  @MethodSource("flats")
  void everyBuiltInIsFiniteOrUndefinedOnAFlatImage(int w, int h, int v) {
    RgbImage im = flat(w, h, v);
    for (MetricSpec spec : MetricTable.specs()) {
      Metric m = MetricTable.get(spec.name());
      try {
        MetricResult r = m.score(im, im);
        assertSame(r, Defined.check(spec, r), spec.name());
        if (spec.name().equals("psnr")) {
          assertEquals(Double.POSITIVE_INFINITY, r.score(), "identical images");
        } else {
          assertTrue(Double.isFinite(r.score()), spec.name() + " gave " + r.score());
        }
        assertTrue(!undefinedAt(v).contains(spec.name()), spec.name() + " should be undefined, gave " + r.score());
      } catch (MetricException e) {
        if (e.reasonClass().equals("too_small")) {
          assertEquals("ms_ssim", spec.name(), "only MS-SSIM's 5 scales need more than 96x96: " + e.getMessage());
          assertEquals(96, w);
          continue;
        }
        assertEquals("undefined", e.reasonClass(), spec.name() + ": " + e.getMessage());
        assertTrue(undefinedAt(v).contains(spec.name()), spec.name() + " undefined: " + e.getMessage());
      } catch (RuntimeException e) {
        fail(spec.name() + " threw " + e);
      }
    }
  }

  @Test
  void niqeSaysEveryBlockIsFlat() {
    MetricException e = assertThrows(MetricException.class, () -> MetricTable.get("niqe").score(flat(193, 257, 0), null));
    assertEquals("every 96x96 block is flat (its AGGD features are undefined), so NIQE is undefined", e.getMessage());
  }

  @Test
  void brisqueSaysWhichScaleIsFlat() {
    MetricException e = assertThrows(MetricException.class, () -> MetricTable.get("brisque").score(flat(96, 96, 0), null));
    assertEquals("BRISQUE feature 1 is NaN: at full scale 9216 of the 9216 MSCN coefficients are 0, 0 negative and 0"
        + " positive (a flat image)", e.getMessage());
  }

  @Test
  void flatImageAgainstAnotherFlatReferenceIsFinite() throws Exception {
    assertEquals(0.0, MetricTable.get("psnr").score(flat(96, 96, 255), flat(96, 96, 0)).score(), 0.0);
  }

  @Test
  void guardFailsNanAndInfinityExceptDeclaredPlusInfinity() throws Exception {
    MetricSpec sharp = MetricTable.spec("sharpness");
    MetricSpec psnr = MetricTable.spec("psnr");
    assertTrue(psnr.infiniteScore());
    assertEquals(List.of("psnr"), MetricTable.specs().stream().filter(MetricSpec::infiniteScore).map(MetricSpec::name).toList());
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      MetricException e = assertThrows(MetricException.class, () -> Defined.check(sharp, MetricResult.of(bad)));
      assertEquals("undefined", e.reasonClass());
      assertEquals("sharpness gave " + bad + ", which is no score, for this image", e.getMessage());
      assertEquals("undefined: " + e.getMessage(), Defined.failure(sharp, MetricResult.of(bad)));
    }
    MetricResult inf = new MetricResult(Double.POSITIVE_INFINITY, Map.of());
    assertSame(inf, Defined.check(psnr, inf));
    assertEquals(null, Defined.failure(psnr, inf));
    assertThrows(MetricException.class, () -> Defined.check(psnr, MetricResult.of(Double.NaN)));
    assertThrows(MetricException.class, () -> Defined.check(psnr, MetricResult.of(Double.NEGATIVE_INFINITY)));
    assertEquals(null, Defined.failure(sharp, MetricResult.of(0.0)));
  }
}
