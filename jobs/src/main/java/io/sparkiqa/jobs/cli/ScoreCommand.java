package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sparkiqa score}: score a manifest into scores/ (and rejects/), resumable. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Score every manifest row with every model; write scores/, rejects/ and run.json under --out.",
        "Every row ends scored ok, failed with a reason, or rejected with a reason."})
final class ScoreCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa score", models.catalog());
    try {
      RunInfo info = new RunInfo(runId, "score", args.config(models.names())).versions(s).models(models.catalog(),
          models.names());
      ManifestValidator.Split split = Flows.manifestAndScore(s, args, models, runId, System.out);
      Reconciliation rec = Stages.reconcile(split, LatestScores.all(s, args.out + "/scores"), models.names(), System.out);
      info.put("reconciliation", rec.record());
      OutputFiles.writeText(s.sparkContext().hadoopConfiguration(), args.out + "/run.json", info.toJson());
      return Stages.exitCode(rec, Stages.RESUME);
    } finally {
      s.stop();
    }
  }
}
