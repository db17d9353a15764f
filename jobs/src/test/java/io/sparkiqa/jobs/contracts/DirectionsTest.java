package io.sparkiqa.jobs.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a model's direction comes from: --direction, then the run.json beside the scores (the models a score run
 * knew, then the directions an evaluate or audit decided, never one it only assumed), then the catalog, else
 * assumed higher-better with a warning; disagreements are printed.
 */
class DirectionsTest {
  @TempDir
  Path tmp;

  @Test
  void runJsonGivesWhatWasKnownAndNotWhatWasGuessed() throws Exception {
    Files.writeString(tmp.resolve("run.json"), "{\"models\": {\"a\": {\"lower_better\": true}, \"b\": {\"lower_better\": false}},"
        + " \"directions\": {\"b\": {\"lower_better\": true, \"direction_source\": \"option\"},"
        + " \"c\": {\"lower_better\": false, \"direction_source\": \"assumed\"}}}");
    Map<String, Boolean> recorded = Directions.fromRunJson(new Configuration(), tmp.resolve("scores").toString());
    assertEquals(Map.of("a", true, "b", true), recorded, "the decided direction wins; an assumed one is no opinion");
    assertEquals(Map.of(), Directions.fromRunJson(new Configuration(), tmp.resolve("elsewhere/scores").toString()));

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Directions d = Directions.resolve(List.of("niqe=higher"), recorded, MetricCatalog.builtIn(),
        new PrintStream(console, true, StandardCharsets.UTF_8));
    assertEquals(new Directions.Direction(true, "run.json"), d.of("a"));
    assertEquals(new Directions.Direction(false, "assumed"), d.of("c"));
    assertEquals(new Directions.Direction(false, "option"), d.of("niqe"));
    assertEquals(new Directions.Direction(true, "catalog"), d.of("brisque"));
    String text = console.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("warning: direction of c is unknown"), text);
    assertTrue(text.contains("warning: direction of niqe: --direction says higher-better, the catalog says lower-better; "
        + "using higher-better (option)"), text);
    assertFalse(text.contains("direction of brisque"), text);
    assertEquals(Map.of("lower_better", false, "direction_source", "assumed"), d.record().get("c"));
    assertThrows(IllegalArgumentException.class, () -> Directions.resolve(List.of("x=down"), Map.of(),
        MetricCatalog.builtIn(), System.out));
  }
}
