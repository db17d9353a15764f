package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.evaluate.ScoresInput;
import io.sparkiqa.jobs.manifest.ManifestStage;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ModelSelection;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The scoring step of filter, curate and compare: score the manifest into {@code --out}/scores ({@link Flows}), or,
 * with {@code --scores}, take the scores of an earlier run (or anyone's table, {@link ScoresInput}) and score
 * nothing; either way every manifest row x model is reconciled ({@link Stages#reconcile}).
 */
final class AppScores {
  @Option(names = "--scores", paramLabel = "URI",
      description = "Use these scores (a scores/ folder of an earlier run, or a Parquet/CSV/JSON-lines table with "
          + "image_id, model, score) instead of scoring the manifest.")
  String scores;

  /** The manifest split, the latest score of each triple, and the reconciliation. */
  record Scored(ManifestValidator.Split split, Dataset<Row> latest, Reconciliation rec, String scoresUri) {
  }

  /** Checks {@code --scores} before Spark starts. */
  void preflight(Configuration hc) {
    if (scores != null) {
      Preflight.inputExists(hc, "--scores", scores);
      ScoresInput.checkHeader(hc, scores);
    }
  }

  Scored run(SparkSession s, ScoreArgs a, ModelSelection models, String runId, PrintStream console) {
    ManifestValidator.Split split;
    String uri;
    if (scores == null) {
      split = Flows.manifestAndScore(s, a, models, runId, console);
      uri = a.out + "/scores";
    } else {
      split = ManifestStage.read(s, a.manifest, a.out, runId);
      uri = scores;
      console.println("scores: " + scores + " (nothing scored this run)");
    }
    split = new ManifestValidator.Split(split.valid().cache(), split.rejects());
    Dataset<Row> latest = (scores == null ? LatestScores.read(s, uri) : ScoresInput.read(s, uri)).cache();
    Reconciliation rec = Stages.reconcile(split, latest, models.names(), console);
    return new Scored(split, latest, rec, uri);
  }

  /** The remedy printed when scores are unaccounted for. */
  String remedy() {
    return scores == null ? Stages.RESUME : "score them (sparkiqa score --resume on the run that made --scores)";
  }
}
