package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.apps.filter.Calibration;
import io.sparkiqa.jobs.apps.filter.FilterJob;
import io.sparkiqa.jobs.apps.filter.FilterOptions;
import io.sparkiqa.jobs.apps.filter.FilterRule;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.report.FilterSection;
import io.sparkiqa.jobs.score.ModelSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa filter}: a quality gate that splits a manifest into kept/ and dropped/. */
@Command(name = "filter", mixinStandardHelpOptions = true, footer = SparkIqa.EXIT_CODES,
    description = {"A quality gate: score a manifest (or take --scores), apply the rules, and write kept/ and dropped/",
        "(the manifest's columns; dropped rows with rule, score, threshold, reason), counts/, rule_counts/,",
        "borderline/, run.json, report.html and summary.md under --out."})
final class FilterCommand implements Callable<Integer> {
  @Mixin ScoreArgs args;
  @Mixin AppScores input;
  @Mixin SparkOptions spark;

  @Option(names = "--rule", paramLabel = "MODEL<VALUE",
      description = "Keep rows whose score passes, e.g. niqe<6 or kodak_nr>=0.4 (<, <=, >, >=); repeatable.")
  List<String> rules = new ArrayList<>();

  @Option(names = "--keep-top", paramLabel = "[MODEL=]P%",
      description = "Keep the best P% of each group by the model's own direction (every --models model when no MODEL).")
  List<String> keepTop = new ArrayList<>();

  @Option(names = "--calibration", paramLabel = "URI",
      description = "An evaluate/run output: its pooled logistic-4 maps each model's score to predicted MOS; needs --mos-cut.")
  String calibration;

  @Option(names = "--mos-cut", paramLabel = "MOS", description = "With --calibration: keep when predicted MOS >= this.")
  Double mosCut;

  @ArgGroup(exclusive = true)
  Combine combine = new Combine();

  /** How the rules combine. */
  static final class Combine {
    @Option(names = "--all", description = "Keep a row when every rule passes (the default).")
    boolean all;
    @Option(names = "--any", description = "Keep a row when any rule passes.")
    boolean any;
  }

  @Option(names = "--keep-failed", description = "Keep rows whose score failed (default: dropped with the reason).")
  boolean keepFailed;

  @Option(names = "--group-by", paramLabel = "KEY", description = "Manifest column or attrs key: keep-top and counts per group.")
  String groupBy;

  @Option(names = "--borderline", paramLabel = "N", defaultValue = "6",
      description = "Borderline accepts and rejects per rule shown with thumbnails (default: ${DEFAULT-VALUE}).")
  int borderline;

  @Option(names = "--direction", paramLabel = "NAME=lower|higher", description = "Which way a model's scores point; repeatable.")
  List<String> direction = new ArrayList<>();

  @Override
  public Integer call() {
    ModelSelection models = args.preflight(spark);
    org.apache.hadoop.conf.Configuration hc = spark.hadoopConf();
    input.preflight(hc);
    List<FilterRule> parsed = parse(models.names());
    if ((calibration == null) != (mosCut == null)) {
      throw new IllegalArgumentException("--calibration and --mos-cut go together (the cut is on predicted MOS)");
    }
    if (calibration != null) {
      Preflight.inputExists(hc, "--calibration", calibration + "/metrics");
    }
    if (parsed.isEmpty() && calibration == null) {
      throw new IllegalArgumentException("no rule: give --rule, --keep-top or --calibration with --mos-cut");
    }
    Preflight.positive("--borderline", borderline);
    Directions directions = Directions.resolve(direction, Map.of(), models.catalog(), System.out);
    String runId = RunInfo.newRunId();
    SparkSession s = spark.session("sparkiqa filter", models.catalog());
    try {
      if (calibration != null) {
        parsed.addAll(Calibration.rules(s, calibration, models.names(), mosCut, System.out));
      }
      Map<String, Object> config = args.config(models.names());
      config.put("scores", input.scores);
      config.put("rules", parsed.stream().map(FilterRule::label).toList());
      config.put("combine", combine.any ? "any" : "all");
      config.put("keep_failed", keepFailed);
      config.put("group_by", groupBy);
      config.put("calibration", calibration);
      config.put("mos_cut", mosCut);
      RunInfo info = new RunInfo(runId, "filter", config).versions(s).models(models.catalog(), models.names());
      AppScores.Scored sc = input.run(s, args, models, runId, System.out);
      String format = ManifestReader.formatOf(args.manifest).name().toLowerCase(Locale.ROOT);
      FilterJob.Result r = FilterJob.run(s, Wide.of(sc.split().valid(), sc.latest(), models.names()),
          new FilterOptions(parsed, combine.any, keepFailed, groupBy, format, borderline, directions, args.maxPixels,
              args.maxBytes), args.out);
      FilterJob.print(r, System.out);
      info.put("reconciliation", sc.rec().record()).put("directions", directions.record())
          .put("filter", Map.of("in", r.in(), "kept", r.kept(), "dropped", r.dropped(), "dropped_failed", r.droppedFailed()));
      Stages.writeAppOutputs(s, args.out, info, "filter", () -> FilterSection.read(s, args.out), null,
          "kept, dropped, counts");
      return Stages.exitCode(sc.rec(), input.remedy());
    } finally {
      s.stop();
    }
  }

  private List<FilterRule> parse(List<String> models) {
    List<FilterRule> out = new ArrayList<>();
    for (String r : rules) {
      out.add(FilterRule.parse(r));
    }
    for (String t : keepTop) {
      int eq = t.indexOf('=');
      if (eq < 0) {
        models.forEach(m -> out.add(FilterRule.top(m, t)));
      } else {
        out.add(FilterRule.top(t.substring(0, eq).trim(), t.substring(eq + 1)));
      }
    }
    for (FilterRule r : out) {
      if (!models.contains(r.model())) {
        throw new IllegalArgumentException("rule " + r.label() + ": " + r.model() + " is not among --models " + models);
      }
    }
    return out;
  }
}
