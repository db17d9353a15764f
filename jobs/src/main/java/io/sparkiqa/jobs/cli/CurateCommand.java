package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.apps.curate.CurateJob;
import io.sparkiqa.jobs.apps.curate.CurateOptions;
import io.sparkiqa.jobs.apps.curate.HammingIndex;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.report.CurateSection;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa curate}: the best k per group, near-duplicates suppressed. */
@Command(name = "curate", mixinStandardHelpOptions = true, footer = SparkIqa.EXIT_CODES,
    description = {"Pick the best k images per group by one metric or a weighted combination of rank-normalised",
        "metrics, suppressing near-duplicates (64-bit DCT perceptual hash within a Hamming threshold). Writes",
        "selection/, clusters/, picks/, run.json, report.html and summary.md under --out."})
final class CurateCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin AppScores input;
  @Mixin SparkOptions spark;

  @Option(names = "--group-by", paramLabel = "KEY", description = "Manifest column or attrs key of the groups (burst, prompt); default one group.")
  String groupBy;

  @Option(names = {"-k", "--k"}, defaultValue = "3", description = "Picks per group (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--weight", paramLabel = "MODEL=W",
      description = "Weight of a model in the combination (default: every --models model, weight 1); repeatable.")
  Map<String, Double> weights = new LinkedHashMap<>();

  @Option(names = "--dup-threshold", paramLabel = "BITS", defaultValue = "6",
      description = "Largest Hamming distance of two perceptual hashes that are near-duplicates, 0 to "
          + HammingIndex.MAX_THRESHOLD + " (default: ${DEFAULT-VALUE}).")
  int dupThreshold;

  @Option(names = "--direction", paramLabel = "NAME=lower|higher", description = "Which way a model's scores point; repeatable.")
  List<String> direction = new ArrayList<>();

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    input.preflight(spark.hadoopConf());
    Preflight.positive("-k", k);
    if (dupThreshold < 0 || dupThreshold > HammingIndex.MAX_THRESHOLD) {
      throw new IllegalArgumentException("--dup-threshold must be in [0, " + HammingIndex.MAX_THRESHOLD + "], got "
          + dupThreshold);
    }
    Map<String, Double> w = new LinkedHashMap<>();
    if (weights.isEmpty()) {
      models.names().forEach(m -> w.put(m, 1.0));
    }
    weights.forEach((m, v) -> {
      if (!models.names().contains(m)) {
        throw new IllegalArgumentException("--weight " + m + "=" + v + ": " + m + " is not among --models " + models.names());
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("--weight " + m + "=" + v + ": a weight must be a positive number");
      }
      w.put(m, v);
    });
    Directions directions = Directions.resolve(direction, Map.of(), models.catalog(), System.out);
    Map<String, Boolean> lower = directions.lowerBetter(w.keySet());
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa curate", models.catalog());
    try {
      Map<String, Object> config = args.config(models.names());
      config.put("scores", input.scores);
      config.put("group_by", groupBy);
      config.put("k", k);
      config.put("weights", w);
      config.put("dup_threshold", dupThreshold);
      config.put("hash", "64-bit DCT pHash: grey, 32x32 area resample, top-left 8x8 DCT, above the AC median");
      RunInfo info = new RunInfo(runId, "curate", config).versions(s).models(models.catalog(), models.names());
      AppScores.Scored sc = input.run(s, args, models, runId, System.out);
      CurateJob.Result r = CurateJob.run(s, Wide.of(sc.split().valid(), sc.latest(), models.names()),
          new CurateOptions(groupBy, k, w, lower, dupThreshold, args.maxPixels, args.maxBytes), args.out);
      CurateJob.print(r, System.out);
      info.put("reconciliation", sc.rec().record()).put("directions", directions.record())
          .put("curate", Map.of("in", r.in(), "picked", r.picked(), "duplicate", r.duplicate(), "not_picked",
              r.notPicked(), "failed", r.failed(), "groups", r.groups()));
      Stages.writeAppOutputs(s, args.out, info, "curate", () -> CurateSection.read(s, args.out), null,
          "selection, clusters, picks");
      return Stages.exitCode(sc.rec(), input.remedy());
    } finally {
      s.stop();
    }
  }
}
