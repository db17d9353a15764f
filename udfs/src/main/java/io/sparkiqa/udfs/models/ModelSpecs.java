package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.oneOf;
import static io.sparkiqa.udfs.models.Fields.positive;
import static io.sparkiqa.udfs.models.Fields.require;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.sparkiqa.udfs.metrics.Aspect;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
  private static final Set<String> ENGINES = Set.of("OnnxRuntime", "PyTorch", ServerFields.ENGINE);
  private static final Set<String> INTERPOLATION = Set.of("bilinear", "bicubic", "lanczos");
  private static final String ID = "[A-Za-z0-9_.-]+";
  private static final java.util.Map<String, Set<String>> ORT_OPTIONS = java.util.Map.of(
      "optLevel", Set.of("NO_OPT", "BASIC_OPT", "EXTENDED_OPT", "ALL_OPT"),
      "memoryPatternOptimization", Set.of("true", "false"), "cpuArenaAllocator", Set.of("true", "false"));

  private ModelSpecs() {
  }

  /**
   * Parses and validates the spec at {@code uri} and verifies its model file: read once per JVM into
   * the local cache ({@link ModelCache}), checked against the sha256 (a served spec has no model file here).
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
    require(where, "id", s.id() != null && s.id().matches(ID), "an id of letters, digits, _ . -");
    oneOf(where, "engine", s.engine(), ENGINES);
    if (ServerFields.served(s)) {
      ServerFields.check(where, s);
    } else {
      require(where, "uri", s.uri() != null && !s.uri().isBlank(), "the model file (path or URI)");
      require(where, "sha256", s.sha256() != null && s.sha256().matches("[0-9a-f]{64}"), "64 lower-case hex digits");
      require(where, "server", s.server() == null, "no 'server' unless engine is " + ServerFields.ENGINE);
    }
    oneOf(where, "mode", s.mode(), Set.of("NR", "FR"));
    ReferenceFields.check(where, s);
    require(where, "input", s.input() != null, "an object with color, value_range, mean, std, layout");
    oneOf(where, "input.color", s.input().color(), Set.of("RGB", "BGR"));
    require(where, "input.value_range", s.input().valueRange() != null && s.input().valueRange().size() == 2,
        "[low, high], e.g. [0, 1]");
    require(where, "input.mean", s.input().mean() != null && s.input().mean().size() == 3, "3 numbers");
    require(where, "input.std", s.input().std() != null && s.input().std().size() == 3
        && s.input().std().stream().allMatch(v -> v > 0), "3 positive numbers");
    oneOf(where, "input.layout", s.input().layout(), Set.of("NCHW", "NHWC"));
    ResizePolicy resize = ResizePolicy.of(where, s.resize());
    if (!(resize instanceof ResizePolicy.None)) {
      oneOf(where, "resize.interpolation", s.resize().interpolation(), INTERPOLATION);
      oneOf(where, "resize.library", s.resize().library(), Set.of("pil", "torch"));
      if ("torch".equals(s.resize().library())) {
        oneOf(where, "resize.interpolation", s.resize().interpolation(), Set.of("bilinear", "bicubic"));
        require(where, "resize.antialias", s.resize().antialias() != null,
            "true or false (torch.nn.functional.interpolate's antialias; torchvision's Resize uses true)");
      }
    }
    CropPolicy.of(where, s.crops());
    Tokens.of(where, s);
    Scales.of(where, s);
    if (s.decode() != null) {
      oneOf(where, "decode.reduce", s.decode().reduce(), Set.of("none", "draft"));
      require(where, "decode.reduce", !s.decode().draft() || !(resize instanceof ResizePolicy.None),
          "none when resize.policy is none (draft decodes JPEGs at about the size the resize goes to)");
    }
    outputs(where, s);
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

  /**
   * The named scores of a spec, checked: one (the spec's id, head, lower_better, range and aspect) or, with
   * {@code outputs}, one per listed output. {@code where} names the spec in messages.
   */
  public static List<ModelOutput> outputs(String where, ModelSpec s) {
    Aspect aspect = aspect(where, "aspect", s.aspect(), Aspect.QUALITY);
    if (s.outputs() == null) {
      return List.of(output(where, "", s.id(), s.head(), s.lowerBetter(), s.range(), aspect, null));
    }
    require(where, "outputs", !s.outputs().isEmpty(), "at least one output (or leave 'outputs' out)");
    require(where, "head", s.head() == null, "no top-level head when 'outputs' gives one per output");
    require(where, "lower_better", s.lowerBetter() == null, "no top-level lower_better when 'outputs' gives one per output");
    require(where, "range", s.range() == null, "no top-level range when 'outputs' gives one per output");
    List<ModelOutput> out = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < s.outputs().size(); i++) {
      ModelSpec.Output o = s.outputs().get(i);
      String prefix = "outputs[" + i + "].";
      require(where, prefix + "id", o.id() != null && o.id().matches(ID) && ids.add(o.id()),
          "a distinct id of letters, digits, _ . -");
      out.add(output(where, prefix, o.id(), o.head(), o.lowerBetter(), o.range(),
          aspect(where, prefix + "aspect", o.aspect(), aspect), o.slice()));
    }
    return List.copyOf(out);
  }

  private static ModelOutput output(String where, String prefix, String id, ModelSpec.Head head, Boolean lowerBetter,
                                    List<Double> range, Aspect aspect, List<Integer> slice) {
    require(where, prefix + "lower_better", lowerBetter != null, "true or false");
    require(where, prefix + "range", range != null && range.size() == 2 && range.stream().allMatch(Objects::nonNull)
        && range.get(0) <= range.get(1), "[low, high] with low <= high");
    require(where, prefix + "slice", slice == null || (slice.size() == 2 && slice.stream().allMatch(Objects::nonNull)
        && slice.get(0) >= 0 && slice.get(1) > slice.get(0)), "[from, to) with 0 <= from < to");
    Head h = Head.of(prefix.isEmpty() ? where : where + " (" + prefix + "head)", head);
    return new ModelOutput(id, h, lowerBetter, range.get(0), range.get(1), aspect, slice == null ? 0 : slice.get(0),
        slice == null ? -1 : slice.get(1));
  }

  private static Aspect aspect(String where, String field, String value, Aspect fallback) {
    if (value == null) {
      return fallback;
    }
    oneOf(where, field, value, Set.of("quality", "aesthetics"));
    return Aspect.of(value);
  }
}
