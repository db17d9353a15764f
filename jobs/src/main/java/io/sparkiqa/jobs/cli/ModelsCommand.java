package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.udfs.catalog.CatalogEntry;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.metrics.MetricSpec;
import io.sparkiqa.udfs.models.ModelCheck;
import io.sparkiqa.udfs.models.ModelMetric;
import io.sparkiqa.udfs.models.ModelSpec;
import io.sparkiqa.udfs.models.ModelSpecs;
import io.sparkiqa.udfs.models.Preprocess;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;

/** {@code sparkiqa models list}: the metric catalog; {@code models validate}: check spec files. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Inspect the models and metrics spark-iqa can score with.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.ValidateCommand.class})
final class ModelsCommand implements Runnable {
  @Override
  public void run() {
    new ListCommand().call();
  }

  /** Prints one line per metric: name, mode, direction, range, aspect, kind or engine, preprocessing, description. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the metric catalog: built-in metrics and the specs in conf/models, with mode, direction, range and aspect.")
  static final class ListCommand implements Callable<Integer> {
    private static final String ROW = "%-12s %-4s %-13s %-14s %-10s %-11s %-26s %s%n";

    @Override
    public Integer call() {
      System.out.printf(Locale.ROOT, ROW, "name", "mode", "direction", "range", "aspect", "kind", "preprocess", "description");
      for (CatalogEntry e : catalog().entries()) {
        MetricSpec s = e.spec();
        System.out.printf(Locale.ROOT, ROW, s.name(), s.mode(), Directions.word(s.lowerBetter()),
            "[" + bound(s.rangeLow()) + ", " + bound(s.rangeHigh()) + "]", s.aspect().id(),
            e.deep() ? e.engine() : "native", e.deep() ? "spec " + e.shipped().source() : s.preprocess(), s.description());
      }
      return 0;
    }

    /** The built-in metrics and every spec in conf/models (fields and model file checked, no dry run). */
    private static MetricCatalog catalog() {
      java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("sparkiqa.conf.dir", "conf"), "models");
      if (!java.nio.file.Files.isDirectory(dir)) {
        return MetricCatalog.builtIn();
      }
      Configuration conf = new Configuration();
      try (java.util.stream.Stream<java.nio.file.Path> specs = java.nio.file.Files.list(dir)) {
        return MetricCatalog.of(specs.filter(x -> x.toString().endsWith(".json")).sorted()
            .map(p -> ModelSelection.read(p.toAbsolutePath().toUri().toString(), conf, false)).toList());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
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
        int outputs = ModelCheck.dryRun(new ModelMetric(m, s, conf), s);
        System.out.println(s + ": ok (" + m.id() + ", " + m.engine() + ", scores "
            + ModelSpecs.outputs(s, m).stream().map(o -> o.id() + " (" + o.head().getClass().getSimpleName() + " head)").toList()
            + ", " + (outputs < 0 ? "outputs checked on the server" : outputs + " output(s) per image") + ", preprocess " + Preprocess.id(m) + ")");
      }
      return 0;
    }
  }
}
