package io.sparkiqa.udfs.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of built-in metrics: name, mode, direction, range, preprocessing. Code asks this table
 * (or a model spec) instead of special-casing metric names.
 *
 * <pre>{@code
 * Metric m = MetricTable.get("sharpness");
 * boolean lower = m.spec().lowerBetter();
 * }</pre>
 */
public final class MetricTable {
  private static final Map<String, Metric> METRICS = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private static final java.util.Set<String> BUILT_IN;

  static {
    register(new Psnr());
    register(new Sharpness());
    register(new Ssim());
    register(new MsSsim());
    register(new Niqe());
    register(new Brisque());
    register(new Piqe());
    register(new Exposure());
    register(new NoiseSigma());
    register(new Colorfulness());
    BUILT_IN = java.util.Set.copyOf(METRICS.keySet());
  }

  private MetricTable() {
  }

  private static void register(Metric m) {
    METRICS.put(m.spec().name(), m);
  }

  /**
   * Adds a metric defined outside this table (a model spec) under its spec name; a built-in name cannot
   * be taken. Registering the same name again replaces it (executors register what the driver did).
   */
  public static void add(Metric m) {
    if (BUILT_IN.contains(m.spec().name())) {
      throw new IllegalArgumentException("model id '" + m.spec().name() + "' is the name of a built-in metric; "
          + "give the spec another id");
    }
    METRICS.put(m.spec().name(), m);
  }

  public static boolean contains(String name) {
    return METRICS.containsKey(name);
  }

  /** The metric called {@code name}; the exception lists the known names. */
  public static Metric get(String name) {
    Metric m = METRICS.get(name);
    if (m == null) {
      throw new IllegalArgumentException("unknown metric '" + name + "'; built-in metrics are "
          + String.join(", ", METRICS.keySet()) + " (or give a model spec file conf/models/NAME.json)");
    }
    return m;
  }

  public static List<MetricSpec> specs() {
    List<MetricSpec> out = new ArrayList<>();
    synchronized (METRICS) {
      METRICS.values().forEach(m -> out.add(m.spec()));
    }
    return out;
  }
}
