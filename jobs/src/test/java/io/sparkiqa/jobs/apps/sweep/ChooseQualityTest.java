package io.sparkiqa.jobs.apps.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The chosen quality: the lowest Q such that Q and every higher rung meet the target, not merely the lowest passing. */
class ChooseQualityTest {
  private static final SweepTarget PSNR_35 = SweepTarget.parse("psnr>=35");

  @Test
  void aMissAboveALowerPassStopsTheWalk() {
    List<ChooseQuality.Point> pts = List.of(new ChooseQuality.Point(90, 41.0, 900L),
        new ChooseQuality.Point(70, 34.9, 700L), new ChooseQuality.Point(50, 35.5, 500L),
        new ChooseQuality.Point(80, 38.0, 800L));
    Row r = ChooseQuality.choose("a", "g", "jpeg", PSNR_35, pts, 2000L);
    assertEquals(80, r.<Integer>getAs(5));
    assertEquals(800L, r.<Long>getAs(7));
    assertEquals(1200L, r.<Long>getAs(9));
    assertEquals(0.6, r.<Double>getAs(10), 1e-15);
  }

  @Test
  void aLowerBetterTargetAndATopRungThatMisses() {
    SweepTarget lpips = SweepTarget.parse("lpips<=0.1");
    Row r = ChooseQuality.choose("a", "g", "webp", lpips, List.of(new ChooseQuality.Point(90, 0.05, 10L),
        new ChooseQuality.Point(50, 0.1, 5L), new ChooseQuality.Point(30, 0.2, 3L)), 20L);
    assertEquals(50, r.<Integer>getAs(5));
    Row miss = ChooseQuality.choose("a", "g", "jpeg", PSNR_35, List.of(new ChooseQuality.Point(90, null, null)), 20L);
    assertNull(miss.get(5));
    assertEquals("the score failed at jpeg_q90", miss.getString(11));
  }
}
