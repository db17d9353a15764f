package io.sparkiqa.jobs.cli;

import io.sparkiqa.udfs.metrics.MetricSpec;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sparkiqa models list}: the metric table. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Inspect the models and metrics spark-iqa can score with.",
    subcommands = ModelsCommand.ListCommand.class)
final class ModelsCommand implements Runnable {
  @Override
  public void run() {
    new ListCommand().call();
  }

  /** Prints one line per metric: name, mode, direction, range, preprocessing, description. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List built-in metrics (and model specs) with mode, direction and range.")
  static final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.printf(Locale.ROOT, "%-12s %-4s %-13s %-14s %-26s %s%n", "name", "mode", "direction", "range",
          "preprocess", "description");
      for (MetricSpec s : MetricTable.specs()) {
        System.out.printf(Locale.ROOT, "%-12s %-4s %-13s %-14s %-26s %s%n", s.name(), s.mode(),
            s.lowerBetter() ? "lower-better" : "higher-better", "[" + bound(s.rangeLow()) + ", " + bound(s.rangeHigh()) + "]",
            s.preprocess(), s.description());
      }
      return 0;
    }

    private static String bound(double v) {
      return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%g", v).replaceAll("\\.?0+$", "");
    }
  }
}
