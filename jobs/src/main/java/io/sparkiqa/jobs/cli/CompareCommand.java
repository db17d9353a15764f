package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.apps.compare.CompareJob;
import io.sparkiqa.jobs.apps.compare.CompareOptions;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.report.CompareSection;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa compare}: processing variants of the same scenes against a baseline, per metric. */
@Command(name = "compare", mixinStandardHelpOptions = true, footer = SparkIqa.EXIT_CODES,
    description = {"Compare processing variants of the same scenes: rows share --pair-key and differ by --variant-key.",
        "Per metric and variant: paired differences against --baseline with a bootstrap CI, the Wilcoxon signed-rank",
        "p-value (Holm-adjusted), wins/ties/losses. Writes pairs/, comparisons/, differ_most/, run.json, report.html,",
        "summary.md under --out."})
final class CompareCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin AppScores input;
  @Mixin SparkOptions spark;

  @Option(names = "--pair-key", required = true, paramLabel = "KEY", description = "Manifest column or attrs key of the scene.")
  String pairKey;

  @Option(names = "--variant-key", required = true, paramLabel = "KEY", description = "Manifest column or attrs key of the variant.")
  String variantKey;

  @Option(names = "--baseline", required = true, paramLabel = "VALUE", description = "The variant the others are compared with.")
  String baseline;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000", description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "20261126", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--top", defaultValue = "4", description = "Pairs shown per metric and variant where they differ most (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--direction", paramLabel = "NAME=lower|higher", description = "Which way a model's scores point; repeatable.")
  List<String> direction = new ArrayList<>();

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    input.preflight(spark.hadoopConf());
    Preflight.positive("--bootstrap", bootstrap);
    Preflight.positive("--top", top);
    if (pairKey.equals(variantKey)) {
      throw new IllegalArgumentException("--pair-key and --variant-key must differ, both are " + pairKey);
    }
    Directions directions = Directions.resolve(direction, Map.of(), models.catalog(), System.out);
    Map<String, Boolean> lower = directions.lowerBetter(models.names());
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa compare", models.catalog());
    try {
      Map<String, Object> config = args.config(models.names());
      config.put("scores", input.scores);
      config.put("pair_key", pairKey);
      config.put("variant_key", variantKey);
      config.put("baseline", baseline);
      config.put("bootstrap", bootstrap);
      RunInfo info = new RunInfo(runId, "compare", config).versions(s).models(models.catalog(), models.names());
      AppScores.Scored sc = input.run(s, args, models, runId, System.out);
      CompareJob.Result r = CompareJob.run(s, Wide.of(sc.split().valid(), sc.latest(), models.names()),
          new CompareOptions(pairKey, variantKey, baseline, models.names(), lower, bootstrap, seed, top, args.maxPixels,
              args.maxBytes), args.out);
      CompareJob.print(r, System.out);
      info.put("reconciliation", sc.rec().record()).put("directions", directions.record())
          .put("seeds", Map.of("bootstrap", seed));
      Stages.writeAppOutputs(s, args.out, info, "compare", () -> CompareSection.read(s, args.out), null,
          "pairs, comparisons, differ_most");
      return Stages.exitCode(sc.rec(), input.remedy());
    } finally {
      s.stop();
    }
  }
}
