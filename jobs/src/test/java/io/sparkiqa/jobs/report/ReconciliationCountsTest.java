package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's reconciliation table reads run.json's row counts and its nested per-score counts (not a 0). */
class ReconciliationCountsTest {
  @Test
  void nestedScoreCountsBecomeTheirOwnEntries() {
    String json = "{\"run_id\": \"r\", \"reconciliation\": {\"rows_in\": 2982, \"scored_ok\": 2978, \"failed\": 4,"
        + " \"rejected\": 0, \"scores\": {\"models\": [\"niqe\", \"brisque\"], \"expected\": 5964, \"ok\": 5957,"
        + " \"failed\": 7, \"rejected\": 0, \"unaccounted\": 0}}}";
    Map<String, String> provenance = new LinkedHashMap<>();
    Map<String, Long> rec = new LinkedHashMap<>();
    ReportBuilder.readRunJson(json, provenance, rec);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("rows_in", 2982L);
    expected.put("scored_ok", 2978L);
    expected.put("failed", 4L);
    expected.put("rejected", 0L);
    expected.put("scores expected", 5964L);
    expected.put("scores ok", 5957L);
    expected.put("scores failed", 7L);
    expected.put("scores rejected", 0L);
    expected.put("scores unaccounted", 0L);
    assertEquals(expected, rec);
  }
}
