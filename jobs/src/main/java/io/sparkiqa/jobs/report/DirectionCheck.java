package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.contracts.Directions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-rendering a report does not recompute statistics, so a direction given now ({@code report --direction}, or
 * the run.json in the folder, or the catalog) is checked against the one each table was computed with: where they
 * differ, the console and the report say so and how to recompute. The tables keep their computed values.
 */
final class DirectionCheck {
  private DirectionCheck() {
  }

  /**
   * @param computed   model to the lower_better the table ({@code table}) was computed with
   * @param directions the directions now, or null when none were asked for (nothing to check)
   * @return one note per model whose direction now differs; each is also printed on {@code console}
   */
  static List<String> notes(Map<String, Boolean> computed, Directions directions, String table, PrintStream console) {
    List<String> notes = new ArrayList<>();
    if (directions == null) {
      return notes;
    }
    computed.forEach((model, lower) -> {
      Directions.Direction now = directions.of(model);
      if (now.lowerBetter() != lower && !now.source().equals("assumed")) {
        String note = "Direction of " + model + ": " + table + " was computed as " + Directions.word(lower) + ", but "
            + now.source() + " says " + Directions.word(now.lowerBetter()) + ". The tables keep the direction they were computed "
            + "with; run evaluate (or audit) again with --direction " + model + "=" + (now.lowerBetter() ? "lower" : "higher")
            + " to recompute them.";
        console.println("warning: " + note);
        notes.add(note);
      }
    });
    return notes;
  }

}
