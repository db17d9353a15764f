package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.evaluate.ScoresInput;
import io.sparkiqa.jobs.manifest.ManifestStage;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa evaluate}: correlate existing scores with the manifest's mos. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Join scores with the manifest's mos and compute n, n_failed, SRCC, KRCC, PLCC per",
        "(model, dataset, split, level) and per --group-by value; write points/, metrics/, report.html, summary.md."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--scores", required = true, paramLabel = "URI",
      description = "Scores: a scores/ folder written by score or run, or anyone's table as Parquet, CSV (.csv) or JSON "
          + "lines (.json, .jsonl) with image_id, model, score (level, status, error optional).")
  String scores;

  @Option(names = "--manifest", required = true, paramLabel = "URI", description = "The manifest the scores came from (mos, dataset, split, attrs).")
  String manifest;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Output folder.")
  String out;

  @Option(names = "--overwrite", description = "Replace an existing --out.")
  boolean overwrite;

  @Mixin EvalArgs eval;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    eval.options(MetricCatalog.builtIn());
    Configuration hc = spark.hadoopConf();
    Preflight.inputExists(hc, "--scores", scores);
    ScoresInput.checkHeader(hc, scores);
    Preflight.inputExists(hc, "--manifest", manifest);
    Preflight.output(hc, out, false, overwrite);
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa evaluate");
    try {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("scores", scores);
      config.put("manifest", manifest);
      config.put("out", out);
      config.put("group_by", eval.groupBy);
      config.put("bootstrap", eval.bootstrap);
      config.put("driver_max_n", eval.driverMaxN);
      RunInfo info = new RunInfo(runId, "evaluate", config).versions(s);
      ManifestValidator.Split split = ManifestStage.read(s, manifest, out, runId);
      Reconciliation rec = Flows.evaluateAndReport(s, scores, split, null, eval, out, info,
          io.sparkiqa.jobs.contracts.Directions.fromRunJson(s.sparkContext().hadoopConfiguration(), scores),
          MetricCatalog.builtIn(), System.out);
      return Stages.exitCode(rec, "score them, or pass a manifest of the scored images only");
    } finally {
      s.stop();
    }
  }
}
