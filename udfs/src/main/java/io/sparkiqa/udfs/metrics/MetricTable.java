package io.sparkiqa.udfs.metrics;

import static io.sparkiqa.udfs.metrics.MetricSpec.Mode.FR;
import static io.sparkiqa.udfs.metrics.MetricSpec.Mode.NR;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in native metrics as one literal table: name, mode, direction, range, preprocessing id, description
 * and factory. Immutable: model specs join them in the metric catalog of a command,
 * never here. Each metric class takes its {@link MetricSpec} from this table.
 *
 * <pre>{@code
 * Metric m = MetricTable.get("sharpness");
 * boolean lower = m.spec().lowerBetter();
 * }</pre>
 */
public final class MetricTable {
  private static final boolean LOWER = true;
  private static final boolean HIGHER = false;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final String RGB8 = "native:rgb8";
  private static final String GRAY = "native:matlab-rgb2gray";
  private static final String LUMA = "native:luma-bt601-double";

  private static final List<Row> ROWS = List.of(
      row("psnr", FR, HIGHER, 0, INF, RGB8, Psnr::new,
          "Peak signal-to-noise ratio, RGB, data range 255 (dB); identical images give +Infinity"),
      row("sharpness", NR, HIGHER, 0, INF, LUMA, Sharpness::new,
          "Variance of the 4-neighbour Laplacian of BT.601 luma, valid region"),
      row("ssim", FR, HIGHER, -1, 1, GRAY, Ssim::new,
          "SSIM (Wang et al. 2004, ssim.m without down-sampling) on MATLAB rgb2gray luma"),
      row("ms_ssim", FR, HIGHER, 0, 1, GRAY, MsSsim::new,
          "MS-SSIM (Wang et al. 2003, msssim.m defaults) on MATLAB rgb2gray luma"),
      row("niqe", NR, LOWER, 0, INF, GRAY, Niqe::new,
          "NIQE (LIVE release model, computequality.m) on MATLAB rgb2gray luma"),
      row("brisque", NR, LOWER, Double.NEGATIVE_INFINITY, INF, GRAY, Brisque::new,
          "BRISQUE (LIVE release SVR, brisquescore.m with libsvm text rounding) on MATLAB rgb2gray luma"),
      row("piqe", NR, LOWER, 0, 100, GRAY, Piqe::new,
          "PIQE (Venkatanath et al. 2015, as MATLAB's piqe) on MATLAB rgb2gray luma"),
      row("exposure", NR, HIGHER, 0, 255, LUMA, Exposure::new,
          "Mean BT.601 luma; diagnostics: share of pixels clipped at 0 and at 255"),
      row("noise_sigma", NR, LOWER, 0, INF, LUMA, NoiseSigma::new,
          "Noise sigma, Immerkaer (1996) estimator on BT.601 luma (grey levels)"),
      row("colorfulness", NR, HIGHER, 0, INF, RGB8, Colorfulness::new,
          "Colourfulness M of Hasler and Suesstrunk (2003) on 8-bit RGB"));

  private static final Map<String, Row> BY_NAME = index();
  /** One instance per metric: they are stateless and thread-safe. */
  private static final Map<String, Metric> INSTANCES = new java.util.concurrent.ConcurrentHashMap<>();

  private MetricTable() {
  }

  private record Row(MetricSpec spec, Supplier<Metric> factory) {
  }

  private static Row row(String name, MetricSpec.Mode mode, boolean lowerBetter, double low, double high, String preprocess,
                         Supplier<Metric> factory, String description) {
    // PSNR alone defines +Infinity (identical images)
    return new Row(new MetricSpec(name, mode, lowerBetter, low, high, preprocess, Aspect.QUALITY, description,
        name.equals("psnr")), factory);
  }

  private static Map<String, Row> index() {
    Map<String, Row> m = new LinkedHashMap<>();
    ROWS.forEach(r -> m.put(r.spec().name(), r));
    return java.util.Collections.unmodifiableMap(m);
  }

  public static boolean contains(String name) {
    return BY_NAME.containsKey(name);
  }

  /** The table's facts about {@code name} (the metric classes read their own from here). */
  public static MetricSpec spec(String name) {
    return row(name).spec();
  }

  /** The metric called {@code name}; the exception lists the known names. */
  public static Metric get(String name) {
    return INSTANCES.computeIfAbsent(name, n -> row(n).factory().get());
  }

  private static Row row(String name) {
    Row r = BY_NAME.get(name);
    if (r == null) {
      throw new IllegalArgumentException("unknown metric '" + name + "'; built-in metrics are "
          + String.join(", ", BY_NAME.keySet()) + " (or give a model spec file conf/models/NAME.json)");
    }
    return r;
  }

  /** Every built-in metric's spec, in table order. */
  public static List<MetricSpec> specs() {
    return ROWS.stream().map(Row::spec).toList();
  }
}
