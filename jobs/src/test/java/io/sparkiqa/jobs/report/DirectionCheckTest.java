package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A re-rendered report notes a direction that differs from the computed one, but not a mere guess. */
class DirectionCheckTest {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @Test
  void notesAKnownDifferenceAndNotAGuess() {
    Map<String, Boolean> computed = new LinkedHashMap<>();
    computed.put("vendor", true);
    computed.put("niqe", true);
    computed.put("sharpness", false);
    List<String> none = DirectionCheck.notes(computed, Directions.resolve(List.of(), Map.of(), MetricCatalog.builtIn(), QUIET),
        "metrics/", QUIET);
    assertEquals(List.of(), none, "vendor is only assumed higher-better now; niqe and sharpness agree with the catalog");
    List<String> two = DirectionCheck.notes(computed, Directions.resolve(List.of("vendor=higher", "sharpness=lower"), Map.of(),
        MetricCatalog.builtIn(), QUIET), "metrics/", QUIET);
    assertEquals(2, two.size(), two.toString());
    assertTrue(two.get(0).startsWith("Direction of vendor: metrics/ was computed as lower-better, but option says "
        + "higher-better") && two.get(0).contains("--direction vendor=higher"), two.get(0));
    assertTrue(two.get(1).contains("--direction sharpness=lower"), two.get(1));
  }
}
