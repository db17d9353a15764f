package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.models.ModelSpec;
import io.sparkiqa.jobs.models.ModelSpecs;
import io.sparkiqa.udfs.metrics.MetricSpec;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sparkiqa models list}: the metric table. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Inspect the models and metrics spark-iqa can score with.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.ValidateCommand.class})
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
      java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("sparkiqa.conf.dir", "conf"), "models");
      if (java.nio.file.Files.isDirectory(dir)) {
        try (java.util.stream.Stream<java.nio.file.Path> specs = java.nio.file.Files.list(dir)) {
          for (java.nio.file.Path p : specs.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
            ModelSpec m = ModelSpecs.load(p.toAbsolutePath().toUri().toString(), new org.apache.hadoop.conf.Configuration());
            System.out.printf(Locale.ROOT, "%-12s %-4s %-13s %-14s %-26s %s%n", m.id(), m.mode(),
                m.lowerBetter() ? "lower-better" : "higher-better", "[" + bound(m.range().get(0)) + ", "
                    + bound(m.range().get(1)) + "]", m.engine() + ":" + m.resize().policy(), "model spec " + p.getFileName()
                    + ", trained on " + m.trainedOn());
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return 0;
    }

    private static String bound(double v) {
      return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%g", v).replaceAll("\\.?0+$", "");
    }
  }

  /** Checks model spec files before any job uses them; exit 2 with the field to fix. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate model spec files (strict JSON fields, allowed values, the model file and its sha256, "
          + "and a dry run of the model on the CPU: input rank/layout/size and outputs against the head).")
  static final class ValidateCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(paramLabel = "SPEC", arity = "1..*", description = "Spec files (any Hadoop URI).")
    java.util.List<String> specs;

    @Override
    public Integer call() {
      for (String s : specs) {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        ModelSpec m = ModelSpecs.load(s, conf);
        int outputs = io.sparkiqa.jobs.models.ModelCheck.dryRun(new io.sparkiqa.jobs.models.ModelMetric(m, s, conf), s);
        System.out.println(s + ": ok (" + m.id() + ", " + m.engine() + ", head " + m.head().type() + ", " + outputs
            + " output(s) per image, preprocess " + io.sparkiqa.jobs.models.Preprocess.id(m) + ")");
      }
      return 0;
    }
  }
}
