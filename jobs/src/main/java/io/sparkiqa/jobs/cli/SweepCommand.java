package io.sparkiqa.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sparkiqa.jobs.apps.sweep.Rung;
import io.sparkiqa.jobs.apps.sweep.SweepJob;
import io.sparkiqa.jobs.apps.sweep.SweepTarget;
import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.manifest.ManifestStage;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.report.SweepSection;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa sweep}: per image, the lowest JPEG/WebP quality that meets a target. */
@Command(name = "sweep", mixinStandardHelpOptions = true, footer = SparkIqa.EXIT_CODES,
    description = {"Encode each image at a ladder of JPEG and WebP qualities in memory, score every rung (full-reference",
        "metrics against the original, no-reference ones on the rung) and find, per image and target, the lowest",
        "quality Q such that Q and every higher rung meet it, with the bytes saved. Writes rungs/, curves/, choices/,",
        "summary/, run.json (with the encoder settings), report.html and summary.md under --out."})
final class SweepCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin SparkOptions spark;

  @Option(names = "--jpeg", paramLabel = "Q1,Q2", defaultValue = "95,90,85,80,75,70,60,50,40,30",
      description = "JPEG qualities (rungs jpeg_q<Q>); empty for none (default: ${DEFAULT-VALUE}).")
  String jpeg;

  @Option(names = "--webp", paramLabel = "Q1,Q2", defaultValue = "95,90,80,70,60,50,40,30",
      description = "WebP qualities (rungs webp_q<Q>); empty for none (default: ${DEFAULT-VALUE}).")
  String webp;

  @Option(names = "--target", required = true, paramLabel = "MODEL>=VALUE",
      description = "Quality target, e.g. ms_ssim>=0.98 (<= for lower-better metrics); repeatable.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--group-by", paramLabel = "KEY", description = "Manifest column or attrs key to summarise per group.")
  String groupBy;

  @Option(names = "--keep-rungs", description = "Also write every encoded rung under rung_files/.")
  boolean keepRungs;

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    List<Rung> rungs = new ArrayList<>(Rung.parse("jpeg", jpeg));
    rungs.addAll(Rung.parse("webp", webp));
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("no rung: give --jpeg and/or --webp qualities");
    }
    List<SweepTarget> parsed = new ArrayList<>();
    for (String t : targets) {
      SweepTarget target = SweepTarget.parse(t);
      if (!models.names().contains(target.model())) {
        throw new IllegalArgumentException("--target " + t + ": " + target.model() + " is not among --models "
            + models.names());
      }
      boolean lower = models.catalog().entry(target.model()).spec().lowerBetter();
      if (lower == target.atLeast()) {
        throw new IllegalArgumentException("--target " + t + ": " + target.model() + " is " + (lower ? "lower" : "higher")
            + "-better, so its target reads " + target.model() + (lower ? "<=" : ">=") + target.value());
      }
      parsed.add(target);
    }
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa sweep", models.catalog());
    try {
      Map<String, Object> config = args.config(models.names());
      config.put("rungs", rungs.stream().map(Rung::level).toList());
      config.put("targets", parsed.stream().map(SweepTarget::label).toList());
      config.put("group_by", groupBy);
      config.put("keep_rungs", keepRungs);
      Map<String, Object> encoder = new LinkedHashMap<>();
      encoder.put("settings", Rung.SETTINGS);
      encoder.put("jpeg_qualities", Rung.parse("jpeg", jpeg).stream().map(Rung::quality).toList());
      encoder.put("webp_qualities", Rung.parse("webp", webp).stream().map(Rung::quality).toList());
      encoder.put("opencv_build", org.bytedeco.opencv.global.opencv_core.CV_VERSION());
      RunInfo info = new RunInfo(runId, "sweep", config).versions(s).models(models.catalog(), models.names())
          .put("encoder", encoder);
      ManifestValidator.Split split = ManifestStage.read(s, args.manifest, args.out, runId);
      Dataset<Row> valid = split.valid().cache();
      SweepJob.Result r = SweepJob.run(s, valid, new SweepJob.Options(models.names(), models.catalog(), rungs, parsed,
          groupBy, args.maxPixels, args.maxBytes, runId, args.resume, keepRungs), args.out);
      System.out.printf("sweep: %d image(s) x %d rung(s) this run (%d already swept): %d encodes, in %.1f s: "
              + "%.1f encodes/s, %.1f scores/s%n", r.images(), rungs.size(), r.alreadySwept(), r.encodes(), r.seconds(),
          r.seconds() > 0 ? r.encodes() / r.seconds() : 0.0,
          r.seconds() > 0 ? r.encodes() * models.names().size() / r.seconds() : 0.0);
      Dataset<Row> expanded = valid.select(col("image_id")).crossJoin(s.createDataset(
          rungs.stream().map(Rung::level).toList(), org.apache.spark.sql.Encoders.STRING()).toDF("level"));
      System.out.println("sweep reconciles image x rung: " + valid.count() + " image(s) x " + rungs.size() + " rung(s)");
      Reconciliation rec = Stages.reconcile(new ManifestValidator.Split(expanded, split.rejects()),
          LatestScores.of(s.read().schema(SweepJob.RUNGS).parquet(args.out + "/rungs")).withColumn("_x", lit(1)),
          models.names(), System.out);
      info.put("reconciliation", rec.record()).put("sweep", Map.of("images_this_run", r.images(), "encodes",
          r.encodes(), "seconds", r.seconds()));
      Stages.writeAppOutputs(s, args.out, info, "sweep", () -> SweepSection.read(s, args.out), args.out + "/rungs",
          "rungs, curves, choices, summary");
      return Stages.exitCode(rec, Stages.RESUME);
    } finally {
      s.stop();
    }
  }
}
