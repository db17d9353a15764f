package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.evaluate.EvaluateJob;
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

  EvaluateJob.Options options() {
    Preflight.positive("--bootstrap", bootstrap);
    Preflight.positive("--driver-max-n", driverMaxN);
    return new EvaluateJob.Options(bootstrap, seed, driverMaxN);
  }

  Map<String, Object> seeds() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("bootstrap", seed);
    return s;
  }
}
