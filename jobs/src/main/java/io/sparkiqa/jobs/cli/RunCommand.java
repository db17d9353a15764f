package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sparkiqa run}: score, evaluate and report in one Spark application. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Score a manifest, evaluate against its mos, and write the report, in one Spark application.",
        "Writes scores/, rejects/, points/, metrics/, run.json, report.html and summary.md under --out."})
final class RunCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin SparkOptions spark;

  @Mixin EvalArgs eval;

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    eval.options(models.catalog());
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa run", models.catalog());
    try {
      RunInfo info = new RunInfo(runId, "run", args.config(models.names())).versions(s).models(models.catalog(),
          models.names());
      ManifestValidator.Split split = Flows.manifestAndScore(s, args, models, runId, System.out);
      Reconciliation rec = Flows.evaluateAndReport(s, args.out + "/scores", split, models.names(), eval, args.out, info,
          java.util.Map.of(), models.catalog(), System.out);
      return Stages.exitCode(rec, Stages.RESUME);
    } finally {
      s.stop();
    }
  }
}
