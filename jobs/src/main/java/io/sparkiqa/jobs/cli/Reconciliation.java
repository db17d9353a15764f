package io.sparkiqa.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows in against rows out, per manifest row and per score. Per row: rows in = ok (every model ok) + failed (a model
 * failed) + rejected (+ not scored: a model has no row). Per score, for M models: rows in x M = ok + failed +
 * rejected x M, each (image_id, level, model) counted from its latest row; a triple with no row is unaccounted.
 *
 * @param firstUnaccounted up to {@link Stages#LISTED} unaccounted triples as {@code image_id/level/model}
 */
record Reconciliation(long rowsIn, long ok, long failed, long rejected, long notScored, List<String> models,
                      long scoresOk, long scoresFailed, long unaccounted, List<String> firstUnaccounted) {

  /** Whether every score is accounted for. */
  boolean complete() {
    return unaccounted == 0 && notScored == 0;
  }

  /** The row line: {@code reconciliation: in 16 = ok 15 + failed 1 + rejected 0}. */
  String rowLine() {
    return "reconciliation: in " + rowsIn + " = ok " + ok + " + failed " + failed + " + rejected " + rejected
        + (notScored == 0 ? "" : " + not scored " + notScored);
  }

  /** The score line: {@code reconciliation per score: in 16 x 2 models = ok 31 + failed 1 + rejected 0 x 2}. */
  String scoreLine() {
    int m = models.size();
    return "reconciliation per score: in " + rowsIn + " x " + m + (m == 1 ? " model" : " models") + " = ok " + scoresOk
        + " + failed " + scoresFailed + " + rejected " + rejected + " x " + m
        + (unaccounted == 0 ? "" : " + unaccounted " + unaccounted + " (first: " + String.join(", ", firstUnaccounted)
        + ")");
  }

  /** For run.json. */
  Map<String, Object> record() {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("rows_in", rowsIn);
    rec.put("scored_ok", ok);
    rec.put("failed", failed);
    rec.put("rejected", rejected);
    if (notScored != 0) {
      rec.put("not_scored", notScored);
    }
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put("models", models);
    scores.put("expected", rowsIn * models.size());
    scores.put("ok", scoresOk);
    scores.put("failed", scoresFailed);
    scores.put("rejected", rejected * models.size());
    scores.put("unaccounted", unaccounted);
    if (unaccounted != 0) {
      scores.put("first_unaccounted", firstUnaccounted);
    }
    rec.put("scores", scores);
    return rec;
  }
}
