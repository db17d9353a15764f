package io.sparkiqa.jobs.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads and checks model specs before any Spark job starts: strict JSON (an unknown field is named),
 * required fields, allowed values, field combinations per resize/crop/head policy, and the model file
 * (through {@link ModelCache}: reachable through Hadoop, relative paths against the spec's folder, sha256
 * equal to the spec's).
 * Every error says which field to fix.
 */
public final class ModelSpecs {
  private static final Set<String> ENGINES = Set.of("OnnxRuntime", "PyTorch");
  private static final Set<String> RESIZE = Set.of("none", "fixed", "shorter_side", "longer_side_cap");
  private static final Set<String> INTERPOLATION = Set.of("bilinear", "bicubic", "lanczos");
  private static final Set<String> CROPS = Set.of("none", "center", "grid");
  private static final Set<String> HEADS = Set.of("scalar", "distribution", "levels", "prompt_pair");
  private static final java.util.Map<String, Set<String>> ORT_OPTIONS = java.util.Map.of(
      "optLevel", Set.of("NO_OPT", "BASIC_OPT", "EXTENDED_OPT", "ALL_OPT"),
      "memoryPatternOptimization", Set.of("true", "false"), "cpuArenaAllocator", Set.of("true", "false"));

  private ModelSpecs() {
  }

  /**
   * Parses and validates the spec at {@code uri} and verifies its model file: read once per JVM into
   * the local cache ({@link ModelCache}), checked against the sha256.
   */
  public static ModelSpec load(String uri, Configuration conf) {
    ModelSpec s = parse(uri, conf);
    ModelCache.localCopy(s, uri, conf);
    return s;
  }

  /** Parses and checks the spec's fields only (no model-file I/O). */
  public static ModelSpec parse(String uri, Configuration conf) {
    return parseJson(uri, readText(uri, conf));
  }

  /** The spec file's text, read through Hadoop (any URI). */
  public static String readText(String uri, Configuration conf) {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(uri + ": cannot read the spec: " + e.getMessage(), e);
    }
  }

  /** Parses and checks a spec's text; {@code where} names it in messages. */
  public static ModelSpec parseJson(String where, String json) {
    ModelSpec s;
    try {
      s = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json, ModelSpec.class);
    } catch (UnrecognizedPropertyException e) {
      String field = e.getPath().stream().map(r -> r.getFieldName()).collect(java.util.stream.Collectors.joining("."));
      throw new IllegalArgumentException(where + ": unknown field '" + field + "'; known fields here: "
          + e.getKnownPropertyIds());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not a valid spec: " + e.getOriginalMessage(), e);
    }
    check(where, s);
    return s;
  }

  /** Field-level checks (no I/O). */
  static void check(String where, ModelSpec s) {
    require(where, "id", s.id() != null && s.id().matches("[A-Za-z0-9_.-]+"), "an id of letters, digits, _ . -");
    oneOf(where, "engine", s.engine(), ENGINES);
    require(where, "uri", s.uri() != null && !s.uri().isBlank(), "the model file (path or URI)");
    require(where, "sha256", s.sha256() != null && s.sha256().matches("[0-9a-f]{64}"), "64 lower-case hex digits");
    oneOf(where, "mode", s.mode(), Set.of("NR", "FR"));
    require(where, "lower_better", s.lowerBetter() != null, "true or false");
    require(where, "range", s.range() != null && s.range().size() == 2, "[low, high]");
    require(where, "input", s.input() != null, "an object with color, value_range, mean, std, layout");
    oneOf(where, "input.color", s.input().color(), Set.of("RGB", "BGR"));
    require(where, "input.value_range", s.input().valueRange() != null && s.input().valueRange().size() == 2,
        "[low, high], e.g. [0, 1]");
    require(where, "input.mean", s.input().mean() != null && s.input().mean().size() == 3, "3 numbers");
    require(where, "input.std", s.input().std() != null && s.input().std().size() == 3
        && s.input().std().stream().allMatch(v -> v > 0), "3 positive numbers");
    oneOf(where, "input.layout", s.input().layout(), Set.of("NCHW", "NHWC"));
    require(where, "resize", s.resize() != null, "an object with a policy");
    oneOf(where, "resize.policy", s.resize().policy(), RESIZE);
    switch (s.resize().policy()) {
      case "fixed" -> require(where, "resize.width/height", positive(s.resize().width()) && positive(s.resize().height()),
          "positive width and height");
      case "shorter_side", "longer_side_cap" -> require(where, "resize.size", positive(s.resize().size()), "a positive size");
      default -> { }
    }
    if (!s.resize().policy().equals("none")) {
      oneOf(where, "resize.interpolation", s.resize().interpolation(), INTERPOLATION);
      oneOf(where, "resize.library", s.resize().library(), Set.of("pil", "torch"));
      if ("torch".equals(s.resize().library())) {
        oneOf(where, "resize.interpolation", s.resize().interpolation(), Set.of("bilinear", "bicubic"));
        require(where, "resize.antialias", s.resize().antialias() != null,
            "true or false (torch.nn.functional.interpolate's antialias; torchvision's Resize uses true)");
      }
    }
    if (s.crops() != null) {
      oneOf(where, "crops.policy", s.crops().policy(), CROPS);
      if (!s.crops().policy().equals("none")) {
        require(where, "crops.width/height", positive(s.crops().width()) && positive(s.crops().height()),
            "positive width and height");
      }
      if (s.crops().policy().equals("grid")) {
        require(where, "crops.n", positive(s.crops().n())
            && Math.round(Math.sqrt(s.crops().n())) * Math.round(Math.sqrt(s.crops().n())) == s.crops().n(),
            "a square number of crops (a k x k grid: 1, 4, 9, ...)");
      }
    }
    require(where, "head", s.head() != null, "an object with a type");
    oneOf(where, "head.type", s.head().type(), HEADS);
    switch (s.head().type()) {
      case "levels" -> require(where, "head.weights", s.head().weights() != null && s.head().weights().size() >= 2,
          "one weight per level (at least 2)");
      case "prompt_pair" -> {
        List<List<Double>> a = s.head().anchors();
        require(where, "head.anchors", a != null && a.size() == 2 && a.get(0).size() == a.get(1).size()
            && !a.get(0).isEmpty(), "two text embeddings of equal length ([bad, good])");
        require(where, "head.logit_scale", s.head().logitScale() != null && s.head().logitScale() > 0, "a positive number");
      }
      default -> { }
    }
    if (s.batch() != null) {
      require(where, "batch.max", positive(s.batch().max()), "a positive batch size");
    }
    require(where, "trained_on", s.trainedOn() != null, "the datasets the weights saw ([] if none)");
    if (s.engineOptions() != null) {
      java.util.Map<String, Set<String>> allowed = "OnnxRuntime".equals(s.engine()) ? ORT_OPTIONS : java.util.Map.of();
      s.engineOptions().forEach((k, v) -> require(where, "engine_options." + k,
          allowed.containsKey(k) && allowed.get(k).contains(v), allowed.isEmpty() ? "no engine options for " + s.engine()
              : "one of " + new java.util.TreeSet<>(allowed.keySet()) + " with an allowed value " + allowed.getOrDefault(k, Set.of())));
    }
  }

  private static boolean positive(Integer v) {
    return v != null && v > 0;
  }

  private static void oneOf(String where, String field, String value, Set<String> allowed) {
    require(where, field, value != null && allowed.contains(value), "one of " + new java.util.TreeSet<>(allowed));
  }

  private static void require(String where, String field, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(where + ": field '" + field + "': expected " + expected);
    }
  }
}
