package io.sparkiqa.jobs.models;

import io.sparkiqa.udfs.metrics.MetricTable;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Model specs as entries of the metric table: {@code --models} takes built-in names, spec files
 * ({@code *.json}, any Hadoop URI) and names of specs in {@code conf/models/}. The driver validates and
 * registers them before Spark starts; executors register the same (name to spec URI) map per JVM.
 */
public final class SpecMetrics {
  private static final Map<String, String> REGISTERED = new LinkedHashMap<>();

  private SpecMetrics() {
  }

  /** The spec URI a --models token names, or null if it is no spec. */
  public static String specUri(String token) {
    if (token.endsWith(".json")) {
      return token;
    }
    java.nio.file.Path conf = java.nio.file.Path.of(System.getProperty("sparkiqa.conf.dir", "conf"), "models", token + ".json");
    return Files.isRegularFile(conf) ? conf.toAbsolutePath().toString() : null;
  }

  /**
   * Validates the spec (file, sha256, and a dry run of the model on the CPU: {@link ModelCheck}) and
   * registers it; returns the metric name (its id).
   */
  public static synchronized String register(String specUri, Configuration conf) {
    ModelSpec spec = ModelSpecs.load(specUri, conf);
    ModelCheck.dryRun(new ModelMetric(spec, specUri, conf), specUri);
    return add(spec, specUri, conf);
  }

  private static String add(ModelSpec spec, String specUri, Configuration conf) {
    String known = REGISTERED.get(spec.id());
    if (known != null && !known.equals(specUri)) {
      throw new IllegalArgumentException("two specs with id '" + spec.id() + "': " + known + " and " + specUri);
    }
    MetricTable.add(new ModelMetric(spec, specUri, conf));
    REGISTERED.put(spec.id(), specUri);
    return spec.id();
  }

  /**
   * Registers, once per JVM, what the driver registered. The specs' fields are checked again; the model
   * file is read and verified on first use ({@link ModelCache}), not here.
   */
  public static synchronized void ensure(Map<String, String> specs, Configuration conf) {
    specs.forEach((name, uri) -> {
      if (!uri.equals(REGISTERED.get(name))) {
        add(ModelSpecs.parse(uri, conf), uri, conf);
      }
    });
  }

  /** A copy of name to spec URI, for the executors. */
  public static synchronized Map<String, String> registered() {
    return new LinkedHashMap<>(REGISTERED);
  }
}
