package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.evaluate.EvaluateJob;
import io.sparkiqa.jobs.evaluate.ScoresInput;
import io.sparkiqa.jobs.manifest.ManifestStage;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.report.ReportBuilder;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.jobs.score.ScoreJob;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The command bodies once arguments are checked: score, evaluate and report, in one place. */
final class Flows {
  private Flows() {
  }

  /** Validates the manifest (writing rejects/) and scores it; returns the validated split. */
  static ManifestValidator.Split manifestAndScore(SparkSession spark, ScoreArgs a, ModelSelection models, String runId,
                                                  PrintStream console) {
    ManifestValidator.Split split = ManifestStage.read(spark, a.manifest, a.out, runId);
    score(spark, a, models, runId, split, console);
    return split;
  }

  static ScoreJob.Result score(SparkSession spark, ScoreArgs a, ModelSelection models, String runId,
                               ManifestValidator.Split split, PrintStream console) {
    ScoreJob.Result r = ScoreJob.run(spark, split.valid(), a.out + "/scores",
        new ScoreJob.Options(models.names(), models.catalog(), a.maxPixels, a.maxBytes, runId, a.resume,
            a.imageTimeout()), console);
    console.printf("scored %d image(s) x model(s) this run: %d ok rows, %d failed rows; %d triple(s) already in scores/%s%n",
        r.images(), r.rowsOk(), r.rowsFailed(), r.alreadyScored(),
        (r.rescored() == 0 ? "" : ", " + r.rescored() + " transient failure(s) scored again")
            + (r.otherModelFile() == 0 ? "" : ", " + r.otherModelFile() + " scored by another model file scored again"));
    return r;
  }

  /**
   * @param models   the models every manifest row should have a score of (null: those found in the scores)
   * @param recorded directions recorded beside the scores ({@code Directions.fromRunJson}) when they were made by
   *                 another command; empty when this command scored them (its catalog knows its models)
   * @param catalog  the metrics this command knows (the built-in ones and the specs it was given)
   */
  static Reconciliation evaluateAndReport(SparkSession spark, String scoresUri, ManifestValidator.Split split,
                                          List<String> models, EvalArgs eval, String out, RunInfo info,
                                          Map<String, Boolean> recorded, MetricCatalog catalog, PrintStream console) {
    List<String> groupBy = eval.groupBy;
    Dataset<Row> all = ScoresInput.readAll(spark, scoresUri).cache();
    long duplicated = LatestScores.sameRunDuplicates(all);
    if (duplicated > 0) {
      console.printf("warning: %d (image_id, level, model) have several rows from one run in %s; each counts once: "
          + "its ok row with the highest score%n", duplicated, scoresUri);
    }
    Dataset<Row> scores = LatestScores.of(all);
    Reconciliation rec = Stages.reconcile(split, scores, models, console);
    EvaluateJob.Options options = eval.options(recorded, catalog, console);
    EvaluateJob.Result e = EvaluateJob.run(spark, scores, split.valid(), groupBy, out, options);
    info.put("directions", options.directions().record());
    options.directions().unused().forEach(m -> console.printf("warning: --direction names %s, which has no scores here%n", m));
    info.put("reconciliation", rec.record()).put("seeds", eval.seeds()).put("evaluation", Map.of("metrics_rows",
        e.metrics().size(), "pairwise_rows", e.pairwise().size(), "score_rows_without_manifest_row",
        e.unmatchedScoreRows(), "triples_with_duplicate_rows", duplicated, "group_by", groupBy, "bootstrap_b",
        eval.bootstrap, "driver_max_n", eval.driverMaxN));
    OutputFiles.writeText(spark.sparkContext().hadoopConfiguration(), out + "/run.json", info.toJson());
    ReportBuilder.build(spark, out, out, groupBy.isEmpty() ? null : groupBy.get(0).split("\\+")[0]);
    all.unpersist();
    console.println("wrote " + out + "/report.html, summary.md, metrics/, pairwise/, points/, run.json");
    return rec;
  }
}
