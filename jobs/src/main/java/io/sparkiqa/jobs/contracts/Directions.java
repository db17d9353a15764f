package io.sparkiqa.jobs.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Which way each model's scores point, decided once per command and recorded: {@code --direction NAME=lower|higher}
 * first, then the {@code run.json} next to the scores read (the command that made them knew its models), then the
 * metric catalog (built-in metrics and the specs named on the command line). Where these disagree the console says
 * so; a model found in none of them (scores made elsewhere) is taken as higher-better with a warning, and its
 * source reads {@code assumed}.
 *
 * <pre>{@code
 * Directions d = Directions.resolve(List.of("my_model=lower"), Directions.fromRunJson(conf, "out/run1/scores"),
 *     MetricCatalog.builtIn(), System.out);
 * boolean lower = d.lowerBetter("my_model");   // true, source "option"
 * }</pre>
 */
public final class Directions {
  /** A model's direction and where it came from: {@code option}, {@code run.json}, {@code catalog} or {@code assumed}. */
  public record Direction(boolean lowerBetter, String source) {
  }

  private final Map<String, Boolean> options;
  private final Map<String, Boolean> runJson;
  private final MetricCatalog catalog;
  private final PrintStream console;
  private final Map<String, Direction> resolved = new LinkedHashMap<>();

  private Directions(Map<String, Boolean> options, Map<String, Boolean> runJson, MetricCatalog catalog,
                     PrintStream console) {
    this.options = options;
    this.runJson = runJson;
    this.catalog = catalog;
    this.console = console;
  }

  /** Directions from the catalog alone (the scores were made by this command), warning on the console. */
  public static Directions catalog(MetricCatalog catalog, PrintStream console) {
    return new Directions(Map.of(), Map.of(), catalog, console);
  }

  /**
   * @param option  {@code --direction} values, {@code NAME=lower} or {@code NAME=higher}
   * @param runJson model to lower_better from the run.json next to the scores ({@link #fromRunJson})
   * @param catalog the metrics the command knows (built-in ones and the specs it was given)
   */
  public static Directions resolve(List<String> option, Map<String, Boolean> runJson, MetricCatalog catalog,
                                   PrintStream console) {
    Map<String, Boolean> o = new LinkedHashMap<>();
    for (String kv : option) {
      int eq = kv.indexOf('=');
      String v = eq < 0 ? "" : kv.substring(eq + 1).trim();
      if (eq <= 0 || !(v.equals("lower") || v.equals("higher"))) {
        throw new IllegalArgumentException("--direction " + kv + ": expected NAME=lower or NAME=higher");
      }
      Boolean before = o.put(kv.substring(0, eq).trim(), v.equals("lower"));
      if (before != null && before != v.equals("lower")) {
        throw new IllegalArgumentException("--direction " + kv.substring(0, eq).trim() + " is given twice, once lower and "
            + "once higher");
      }
    }
    return new Directions(o, runJson, catalog, console);
  }

  /**
   * Model to lower_better as recorded in the {@code run.json} of the output folder holding {@code scoresUri}
   * ({@code OUT/scores} → {@code OUT/run.json}: its {@code models}, then the {@code directions} an evaluate or audit
   * decided); empty when there is none (scores made elsewhere).
   */
  public static Map<String, Boolean> fromRunJson(Configuration conf, String scoresUri) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path(scoresUri).getParent();
    if (parent == null) {
      return out;
    }
    org.apache.hadoop.fs.Path runJson = new org.apache.hadoop.fs.Path(parent, "run.json");
    try {
      org.apache.hadoop.fs.FileSystem fs = runJson.getFileSystem(conf);
      if (!fs.exists(runJson)) {
        return out;
      }
      JsonNode root;
      try (java.io.InputStream in = fs.open(runJson)) {
        root = new ObjectMapper().readTree(in);
      }
      // what the command that made the scores knew (models), then what an evaluate or audit decided (directions)
      for (String section : List.of("models", "directions")) {
        root.path(section).fields().forEachRemaining(e -> {
          // a guess recorded earlier is no opinion: it stays "assumed" (and warned about) when read again
          if (e.getValue().path("lower_better").isBoolean() && !"assumed".equals(e.getValue().path("direction_source").asText())) {
            out.put(e.getKey(), e.getValue().get("lower_better").asBoolean());
          }
        });
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(runJson + ": cannot read it: " + e.getMessage(), e);
    }
    return out;
  }

  /** True when lower scores of {@code model} mean better quality. */
  public boolean lowerBetter(String model) {
    return of(model).lowerBetter();
  }

  /** For each of {@code models} in order, whether lower scores mean better quality. */
  public Map<String, Boolean> lowerBetter(java.util.Collection<String> models) {
    Map<String, Boolean> lower = new LinkedHashMap<>();
    models.forEach(m -> lower.put(m, lowerBetter(m)));
    return lower;
  }

  /** The direction of {@code model}, decided (and reported) on first use. */
  public synchronized Direction of(String model) {
    return resolved.computeIfAbsent(model, this::decide);
  }

  /** Models named by --direction that were never looked up (no scores of theirs were evaluated). */
  public synchronized List<String> unused() {
    return options.keySet().stream().filter(m -> !resolved.containsKey(m)).toList();
  }

  /** What was decided, for run.json: model to {lower_better, direction_source}. */
  public synchronized Map<String, Object> record() {
    Map<String, Object> out = new LinkedHashMap<>();
    resolved.forEach((m, d) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("lower_better", d.lowerBetter());
      e.put("direction_source", d.source());
      out.put(m, e);
    });
    return out;
  }

  private Direction decide(String model) {
    // what each source says, in order of precedence
    List<Opinion> said = new ArrayList<>();
    if (options.containsKey(model)) {
      said.add(new Opinion("option", "--direction", options.get(model)));
    }
    if (runJson.containsKey(model)) {
      said.add(new Opinion("run.json", "run.json", runJson.get(model)));
    }
    if (catalog.contains(model)) {
      said.add(new Opinion("catalog", "the catalog", catalog.entry(model).spec().lowerBetter()));
    }
    Direction d = said.isEmpty() ? new Direction(false, "assumed")
        : new Direction(said.get(0).lowerBetter(), said.get(0).source());
    if (said.stream().anyMatch(o -> o.lowerBetter() != d.lowerBetter())) {
      console.printf("warning: direction of %s: %s; using %s (%s)%n", model,
          String.join(", ", said.stream().map(o -> o.who() + " says " + word(o.lowerBetter())).toList()),
          word(d.lowerBetter()), d.source());
    } else if (d.source().equals("assumed")) {
      console.printf("warning: direction of %s is unknown (not in --direction, run.json or the catalog): evaluated as "
          + "higher-better; give --direction %s=lower if lower scores mean better quality%n", model, model);
    }
    return d;
  }

  private record Opinion(String source, String who, boolean lowerBetter) {
  }

  /** {@code lower-better} or {@code higher-better}. */
  public static String word(boolean lower) {
    return lower ? "lower-better" : "higher-better";
  }
}
