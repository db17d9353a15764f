package io.sparkiqa.jobs.apps.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One row's filter decision without Spark: {@code --all} against {@code --any}, a keep-top rule against its group's
 * threshold in the metric's direction, and a row whose score failed: dropped with its reason, or kept with
 * {@code --keep-failed}.
 */
class FilterDecisionTest {
  private static final StructType WIDE = new StructType().add("image_id", DataTypes.StringType)
      .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
      .add("errors", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

  private static Row row(Map<String, Double> scores, Map<String, String> errors) {
    return new GenericRowWithSchema(new Object[] {"img", CollectionConverters.asScala(Map.of("burst", "b1")),
        CollectionConverters.asScala(scores), CollectionConverters.asScala(errors)}, WIDE);
  }

  private static Row decide(boolean any, boolean keepFailed, Row r) {
    List<FilterRule> rules = List.of(FilterRule.parse("niqe<6"), FilterRule.parse("sharpness>0.4"));
    return new FilterDecision(rules, any, keepFailed, null, Map.of(), Map.of("niqe", true), 1).call(r);
  }

  @Test
  void allNeedsEveryRuleAnyNeedsOne() {
    Row r = row(Map.of("niqe", 5.0, "sharpness", 0.3), Map.of());
    Row all = decide(false, false, r);
    assertEquals(List.of("img", "all", false, "sharpness>0.4", 0.3, 0.4), List.of(all.get(0), all.get(1), all.get(2),
        all.get(3), all.get(4), all.get(5)), "dropped by the rule it failed, with its score and threshold");
    Row any = decide(true, false, r);
    assertEquals(true, any.get(2));
    assertNull(any.get(3));
    Row both = decide(false, false, row(Map.of("niqe", 5.0, "sharpness", 0.5), Map.of()));
    assertEquals(true, both.get(2));
  }

  @Test
  void aFailedScoreDropsTheRowWithItsReasonUnlessKeepFailed() {
    Row r = row(Map.of("sharpness", 0.9), Map.of("niqe", "undefined: flat image"));
    Row dropped = decide(false, false, r);
    assertEquals(false, dropped.get(2));
    assertEquals("failed", dropped.get(3));
    assertEquals("undefined: flat image", dropped.get(6));
    Row kept = decide(false, true, r);
    assertEquals(true, kept.get(2));
    assertNull(kept.get(6));
  }

  @Test
  void keepTopFollowsTheGroupThresholdAndTheDirection() {
    FilterRule top = FilterRule.top("niqe", "50%");
    FilterDecision d = new FilterDecision(List.of(top), false, false, "burst", Map.of("b1\u0000niqe", 4.0),
        Map.of("niqe", true), 1);
    assertEquals(true, d.call(row(Map.of("niqe", 4.0), Map.of())).get(2), "lower-better: at the threshold is kept");
    Row worse = d.call(row(Map.of("niqe", 4.5), Map.of()));
    assertEquals(List.of("b1", false, "top 50% of niqe", 4.5, 4.0), List.of(worse.get(1), worse.get(2), worse.get(3),
        worse.get(4), worse.get(5)));
  }
}
