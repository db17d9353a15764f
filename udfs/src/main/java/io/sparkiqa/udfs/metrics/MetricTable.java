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
  private static final Map<String, Metric> METRICS = new LinkedHashMap<>();

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
  }

  private MetricTable() {
  }

  private static void register(Metric m) {
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
    METRICS.values().forEach(m -> out.add(m.spec()));
    return out;
  }
}
