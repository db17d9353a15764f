package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.metrics.MetricTable;
import io.sparkiqa.udfs.models.ModelCache;
import io.sparkiqa.udfs.models.ModelCheck;
import io.sparkiqa.udfs.models.ModelMetric;
import io.sparkiqa.udfs.models.ModelSpec;
import io.sparkiqa.udfs.models.ModelSpecs;
import io.sparkiqa.udfs.models.ShippedSpec;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * A command's {@code --models}, resolved on the driver before Spark starts: the metric names to score, in order, and
 * the catalog that knows them (the built-in metrics plus the specs named). A token is a built-in name, a spec file
 * ({@code *.json}, any Hadoop URI) or the name of a spec in {@code conf/models/}; a spec stands for all its outputs.
 * A model named twice (or a spec output also named on its own) is refused. Each spec is read once, checked (fields,
 * model file and sha256, and a dry run of the model on the CPU: {@link ModelCheck}); its model file's URI is resolved
 * here (relative to the spec's folder) and shipped absolute.
 *
 * @param names   metric names in the order given
 * @param catalog built-in metrics plus the specs named
 */
public record ModelSelection(List<String> names, MetricCatalog catalog) {

  /** Resolves a comma-separated {@code --models} value; errors say what to fix. */
  public static ModelSelection of(String csv, Configuration conf) {
    if (csv == null || csv.isBlank()) {
      throw new IllegalArgumentException("--models is empty; give e.g. --models psnr,sharpness (see: sparkiqa models list)");
    }
    Map<String, ShippedSpec> specs = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    for (String token : csv.split(",")) {
      String name = token.trim();
      if (!name.isEmpty() && !tokens.add(name)) {
        throw twice(name);
      }
      String spec = name.isEmpty() || MetricTable.contains(name) ? null : specUri(name);
      if (spec != null) {
        ShippedSpec s = specs.computeIfAbsent(spec, u -> read(u, conf));
        order.add(s);
      } else if (!name.isEmpty()) {
        MetricTable.spec(name); // an unknown name fails here, listing the built-in ones
        order.add(name);
      }
    }
    MetricCatalog catalog = MetricCatalog.of(new ArrayList<>(specs.values()));
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Object o : order) {
      for (String name : o instanceof ShippedSpec s ? catalog.namesOf(s) : List.of((String) o)) {
        if (!names.add(name)) {
          throw twice(name);
        }
      }
    }
    return new ModelSelection(List.copyOf(names), catalog);
  }

  private static IllegalArgumentException twice(String name) {
    return new IllegalArgumentException("--models names " + name + " twice; give each model once");
  }

  /** The spec URI a --models token names, or null if it is no spec. */
  public static String specUri(String token) {
    if (token.endsWith(".json")) {
      return token;
    }
    java.nio.file.Path conf = java.nio.file.Path.of(System.getProperty("sparkiqa.conf.dir", "conf"), "models", token + ".json");
    return Files.isRegularFile(conf) ? conf.toAbsolutePath().toString() : null;
  }

  /** Reads and checks one spec, its model file and a dry run; the spec as the job ships it. */
  public static ShippedSpec read(String specUri, Configuration conf) {
    return read(specUri, conf, true);
  }

  /** As {@link #read(String, Configuration)}; without {@code dryRun} the model is not run (listing specs). */
  public static ShippedSpec read(String specUri, Configuration conf, boolean dryRun) {
    String json = ModelSpecs.readText(specUri, conf);
    ModelSpec parsed = ModelSpecs.parseJson(specUri, json);
    ShippedSpec shipped = new ShippedSpec(parsed.id(), specUri, json, ModelCache.modelUri(parsed, specUri, conf), null);
    ModelSpec spec = parsed.withUri(shipped.modelUri());
    ModelCache.localCopy(spec, specUri, conf);
    if (dryRun) {
      ModelCheck.dryRun(new ModelMetric(spec, specUri, conf), specUri);
    }
    return shipped;
  }
}
