package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.audit.AuditJob;
import io.sparkiqa.jobs.audit.AuditOptions;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.report.AuditReport;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa audit}: score a corpus without MOS and describe it (distributions, agreement, extremes, drift). */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Audit a corpus without MOS (e.g. generated images): score it, then write ingest/, duplicates/,",
        "distributions/, agreement/, disagreement/, extremes/ (and drift/ with --baseline), run.json, report.html",
        "and summary.md under --out. Every manifest row ends scored, failed with a reason, or rejected with a reason."})
final class AuditCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin SparkOptions spark;

  @Option(names = "--group-by", paramLabel = "COL", split = ",",
      description = "Manifest column or attrs key to break distributions down by (repeatable), e.g. generator.")
  List<String> groupBy = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "MODEL=VALUE",
      description = "Score past which an image counts as bad, per model (direction from the metric table), e.g. niqe=6.")
  Map<String, Double> thresholds = new LinkedHashMap<>();

  @Option(names = "--calibration", paramLabel = "URI",
      description = "An evaluate/run output: its pooled logistic-4 maps scores to predicted MOS; needs --mos-cut.")
  String calibration;

  @Option(names = "--mos-cut", paramLabel = "MOS", description = "With --calibration: bad when predicted MOS is below this.")
  Double mosCut;

  @Option(names = "--baseline", paramLabel = "URI", description = "A previous audit's --out to test drift against.")
  String baseline;

  @Option(names = "--top-k", defaultValue = "12", description = "Worst/best images per model and disagreement sample size (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000", description = "Bootstrap replicates for the mean's CI (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "20261126", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--direction", paramLabel = "NAME=lower|higher",
      description = "Which way a model's scores point; repeatable. Wins over the run.json of a resumed --out and the "
          + "metric catalog; disagreements are printed.")
  List<String> direction = new ArrayList<>();

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    AuditOptions o = options(models, spark.hadoopConf());
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa audit", models.catalog());
    try {
      Map<String, Object> config = args.config(models.names());
      config.put("group_by", groupBy);
      config.put("thresholds", thresholds);
      config.put("calibration", calibration);
      config.put("mos_cut", mosCut);
      config.put("baseline", baseline);
      config.put("top_k", topK);
      RunInfo info = new RunInfo(runId, "audit", config).versions(s).models(models.catalog(), models.names());
      ManifestValidator.Split split = Flows.manifestAndScore(s, args, models, runId, System.out);
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> scores =
          io.sparkiqa.jobs.contracts.LatestScores.read(s, args.out + "/scores");
      Reconciliation rec = Stages.reconcile(split, scores, models.names(), System.out);
      AuditJob.Result r = AuditJob.run(s, scores, split.valid(), o, args.out);
      AuditJob.print(r, System.out);
      info.put("reconciliation", rec.record()).put("seeds", Map.of("bootstrap", seed)).put("directions", o.directions().record());
      OutputFiles.writeText(s.sparkContext().hadoopConfiguration(), args.out + "/run.json", info.toJson());
      AuditReport.build(s, args.out, args.out);
      System.out.println("wrote " + args.out + "/report.html, summary.md and the audit tables");
      return Stages.exitCode(rec, Stages.RESUME);
    } finally {
      s.stop();
    }
  }

  /** Everything checkable before Spark starts. */
  AuditOptions options(ModelSelection models, Configuration hc) {
    for (String m : thresholds.keySet()) {
      if (!models.names().contains(m)) {
        throw new IllegalArgumentException("--threshold " + m + "=...: " + m + " is not among --models " + models.names());
      }
    }
    if ((calibration == null) != (mosCut == null)) {
      throw new IllegalArgumentException("--calibration and --mos-cut go together (the cut is on predicted MOS)");
    }
    if (calibration != null) {
      Preflight.inputExists(hc, "--calibration", calibration + "/metrics");
    }
    if (baseline != null) {
      Preflight.inputExists(hc, "--baseline", baseline + "/audit_scores");
    }
    Preflight.positive("--top-k", topK);
    Preflight.positive("--bootstrap", bootstrap);
    Map<String, Boolean> recorded = args.resume ? Directions.fromRunJson(hc, args.out + "/scores") : Map.of();
    return new AuditOptions(groupBy, thresholds, calibration, mosCut, baseline, topK, bootstrap, seed,
        Directions.resolve(direction, recorded, models.catalog(), System.out));
  }
}
