package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.evaluate.EvaluateJob;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of the evaluate stage, shared by {@code evaluate} and {@code run}. */
public final class EvalArgs {
  @Option(names = "--group-by", paramLabel = "COL", split = ",",
      description = "Also evaluate per value of this attrs column; repeatable; A+B groups by the pair.")
  List<String> groupBy = List.of();

  @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000",
      description = "Bootstrap replicates for the percentile CIs and the paired test (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "20261126",
      description = "Seed of the bootstrap, recorded in metrics/ and run.json (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--driver-max-n", paramLabel = "N", defaultValue = "2000000",
      description = "Largest group whose full statistics (KRCC, fits, CIs, paired tests) are computed on the driver; "
          + "larger groups get SRCC and PLCC from Spark SQL only, and say so (default: ${DEFAULT-VALUE}).")
  long driverMaxN;

  @Option(names = "--direction", paramLabel = "NAME=lower|higher",
      description = "Which way a model's scores point; repeatable. Wins over the run.json next to the scores and the "
          + "metric catalog; a model in none of them is taken as higher-better, with a warning.")
  List<String> direction = List.of();

  /** Checks the options (exit 2 before Spark starts); directions from --direction and the catalog. */
  EvaluateJob.Options options(MetricCatalog catalog) {
    return options(Map.of(), catalog, System.out);
  }

  /** As {@link #options(MetricCatalog)}, with the directions recorded in the run.json next to the scores. */
  EvaluateJob.Options options(Map<String, Boolean> runJson, MetricCatalog catalog, java.io.PrintStream console) {
    Preflight.positive("--bootstrap", bootstrap);
    Preflight.positive("--driver-max-n", driverMaxN);
    return new EvaluateJob.Options(bootstrap, seed, driverMaxN, Directions.resolve(direction, runJson, catalog, console));
  }

  Map<String, Object> seeds() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("bootstrap", seed);
    return s;
  }
}
