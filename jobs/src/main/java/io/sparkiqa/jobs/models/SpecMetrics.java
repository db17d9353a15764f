package io.sparkiqa.jobs.models;

import io.sparkiqa.udfs.metrics.MetricTable;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Model specs as entries of the metric table: {@code --models} takes built-in names, spec files
 * ({@code *.json}, any Hadoop URI) and names of specs in {@code conf/models/}. The driver reads, validates and
 * registers each spec once before Spark starts; the executors register the same specs from their text
 * ({@link ShippedSpec}, shipped with the job), once per JVM, and never read the driver's paths.
 */
public final class SpecMetrics {
  private static final Map<String, ShippedSpec> REGISTERED = new LinkedHashMap<>();

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
   * Reads and validates the spec (fields, model file and sha256, and a dry run of the model on the CPU:
   * {@link ModelCheck}) and registers it; returns the metric name (its id). The model file's URI is resolved
   * here, on the driver (relative to the spec's folder), and shipped as an absolute URI.
   */
  public static synchronized String register(String specUri, Configuration conf) {
    String json = ModelSpecs.readText(specUri, conf);
    ModelSpec parsed = ModelSpecs.parseJson(specUri, json);
    ShippedSpec shipped = new ShippedSpec(parsed.id(), specUri, json, ModelCache.modelUri(parsed, specUri, conf), null);
    ModelSpec spec = parsed.withUri(shipped.modelUri());
    ModelCache.localCopy(spec, specUri, conf);
    ModelCheck.dryRun(new ModelMetric(spec, specUri, conf), specUri);
    return add(shipped, spec, conf);
  }

  private static String add(ShippedSpec shipped, ModelSpec spec, Configuration conf) {
    ShippedSpec known = REGISTERED.get(shipped.id());
    if (known != null && !known.source().equals(shipped.source())) {
      throw new IllegalArgumentException("two specs with id '" + shipped.id() + "': " + known.source() + " and "
          + shipped.source());
    }
    MetricTable.add(new ModelMetric(spec, shipped.source(), conf));
    REGISTERED.put(shipped.id(), shipped);
    return shipped.id();
  }

  /**
   * Registers, once per JVM, the specs the driver shipped. The specs' fields are checked again; the model
   * file is read and verified on first use ({@link ModelCache}), not here.
   */
  public static synchronized void ensure(Map<String, ShippedSpec> specs, Configuration conf) {
    specs.values().forEach(s -> {
      if (!s.equals(REGISTERED.get(s.id()))) {
        add(s, s.spec(), conf);
      }
    });
  }

  /** A copy of name to shipped spec, for the executors. */
  public static synchronized Map<String, ShippedSpec> registered() {
    return new LinkedHashMap<>(REGISTERED);
  }
}
