package io.sparkiqa.udfs.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A deep model's spec ({@code conf/models/*.json}, DESIGN.md section 4): what to load, how to
 * preprocess, how its outputs become a score, and where its weights came from. Parsed strictly by
 * {@link ModelSpecs} (unknown fields are errors that name the field). {@code engine_options} (optional) are
 * passed to the DJL engine: for ONNX Runtime {@code optLevel} (NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT),
 * {@code memoryPatternOptimization} and {@code cpuArenaAllocator} (true/false); threads are set by spark-iqa.
 * {@code aspect} is {@code quality} (default) or {@code aesthetics}. A model with several named scores lists them in
 * {@code outputs} (each its own model id, head, direction, range and aspect, read from a slice of the output vector)
 * instead of the top-level {@code head}, {@code lower_better} and {@code range}; {@link ModelSpecs#outputs} resolves
 * either form. {@code decode} (optional, {@link Decode}) lets JPEGs decode at a reduced scale for a model that resizes
 * down anyway. Engine {@code InferenceServer} runs the model on an inference server speaking the open inference
 * protocol (KServe v2 / Triton) instead of in this JVM: {@code server} says which served model, its tensors,
 * timeout and retries ({@link Server}); such a spec has no {@code uri} (the server holds the model). A full-reference
 * model (mode {@code FR}) declares its two inputs in {@code reference} ({@link Reference}).
 * {@code tokens} (MUSIQ's multi-scale patches) and {@code scales} (several inputs from one image) change what the
 * host hands the model ({@link Tokens}, {@link Scales}).
 */
public record ModelSpec(
    String id, String engine, String uri, String sha256, String mode,
    @JsonProperty("lower_better") Boolean lowerBetter, List<Double> range,
    Input input, Resize resize, Crops crops, Head head, Batch batch,
    String licence, String source, @JsonProperty("trained_on") List<String> trainedOn,
    @JsonProperty("engine_options") java.util.Map<String, String> engineOptions, String aspect, List<Output> outputs,
    Decode decode, Server server, Reference reference, Tokens tokens, Scales scales) {

  /** This spec with its model file at {@code modelUri} (the rest unchanged). */
  public ModelSpec withUri(String modelUri) {
    return new ModelSpec(id, engine, modelUri, sha256, mode, lowerBetter, range, input, resize, crops, head, batch,
        licence, source, trainedOn, engineOptions, aspect, outputs, decode, server, reference, tokens, scales);
  }

  /** Colour order, value range and normalisation of the input tensor. */
  public record Input(String color, @JsonProperty("value_range") List<Double> valueRange, List<Double> mean,
                      List<Double> std, String layout) {
  }

  /**
   * Resize policy: {@code none}, {@code fixed} (width x height), {@code shorter_side} / {@code longer_side_cap} /
   * {@code shorter_side_cap} / {@code shorter_side_min} (size; the caps resize only an image whose side is larger, shorter_side_min raises a shorter side below size, LIQE); interpolation {@code bilinear}/{@code bicubic}/{@code lanczos}; {@code library} {@code pil} (on
   * 8-bit pixels) or {@code torch} (interpolate on the float tensor, with {@code antialias}).
   */
  public record Resize(String policy, Integer width, Integer height, Integer size, String interpolation,
                       Boolean antialias, String library) {
  }

  /**
   * Crop policy: {@code none}, {@code center} (width x height), {@code grid} (n crops of width x height),
   * {@code windows} (n of the width x height windows at {@code stride}, chosen by index stepping: {@link Windows}).
   * {@code aggregate}: {@code mean_scores} (default: the head per crop, then the mean) or {@code mean_logits} (the
   * model's outputs averaged over the crops, then the head).
   */
  public record Crops(String policy, Integer n, Integer width, Integer height, Integer stride, String aggregate) {
  }

  /**
   * MUSIQ's multi-scale tokens ({@link Tokens}): P x P patches ({@code patch}) of each scale (the longer side resized
   * to each of {@code longer_sides} with {@code interpolation} / {@code library} / {@code antialias}, then the native
   * image when {@code native}), positions hashed to a {@code grid} x {@code grid} table.
   */
  public record Tokens(Integer patch, Integer grid, @JsonProperty("longer_sides") List<Integer> longerSides,
                       @JsonProperty("native") Boolean nativeScale, String interpolation, String library,
                       Boolean antialias) {
  }

  /**
   * Several inputs from one image ({@link Scales}): every crop at each of {@code factors} (the first is the model's
   * first input), resized with {@code interpolation} / {@code library} / {@code antialias}.
   */
  public record Scales(List<Double> factors, String interpolation, String library, Boolean antialias) {
  }

  /**
   * Head: {@code scalar}; {@code distribution} (sum of k p_k over {@code weights}, default 1..K); {@code levels}
   * (softmax over level logits times {@code weights}); {@code prompt_pair} (per [bad, good] pair: cosine with the two
   * {@code anchors} times {@code logit_scale}, softmax, P(second); averaged over the pairs).
   */
  public record Head(String type, List<Double> weights, List<List<Double>> anchors,
                     @JsonProperty("logit_scale") Double logitScale) {
  }

  /**
   * One named score of a multi-output model: its model id, head, direction, range, aspect (default the spec's) and
   * {@code slice} [from, to) of the output vector the head reads (default all of it).
   */
  public record Output(String id, Head head, @JsonProperty("lower_better") Boolean lowerBetter, List<Double> range,
                       String aspect, List<Integer> slice) {
  }

  /**
   * How images are decoded for this model: {@code reduce} {@code none} (default: full size) or {@code draft}: a JPEG
   * is decoded at 1/2, 1/4 or 1/8 scale through libjpeg's DCT scaling, the largest at which both sides stay at least
   * the resize target computed on the original size, as Pillow's {@code Image.draft("RGB", target)} chooses it
   * ({@link io.sparkiqa.udfs.image.JpegDraft}); the preprocessing then runs on the reduced image, so the scores equal
   * a Python pipeline that calls {@code draft} before {@code convert("RGB")}. Needs a resize policy other than
   * {@code none}. A row is decoded once at the least reduction all its models allow: native metrics, full-reference
   * rows and rows with a crop box decode at full size; {@code width}/{@code height} and crop boxes stay in original
   * pixels.
   */
  public record Decode(String reduce) {
    /** Whether JPEGs may be decoded at a reduced scale. */
    public boolean draft() {
      return "draft".equals(reduce);
    }
  }

  /** Largest batch, and whether images are bucketed by shape. */
  public record Batch(Integer max, @JsonProperty("bucket_by_shape") Boolean bucketByShape) {
  }

  /**
   * Where engine {@code InferenceServer} sends its batches: the served {@code model} (and {@code version}, else the
   * server's default), the {@code input} and {@code output} tensor names, the per-request {@code timeout_s}
   * (default 30), {@code retries} after a failed request (default 3, 0 to 10) with exponential backoff from
   * {@code backoff_ms} (default 200), and {@code binary} (default true: the input travels with the binary tensor
   * extension; false sends it as JSON numbers). The server's base URL is a Spark setting
   * ({@code spark.sparkiqa.inferenceServer.url}, default {@code http://127.0.0.1:8000}: one server per node).
   */
  public record Server(String model, String version, String input, String output,
                       @JsonProperty("timeout_s") Double timeoutS, Integer retries,
                       @JsonProperty("backoff_ms") Integer backoffMs, Boolean binary) {
  }

  /**
   * The two inputs of a full-reference model ({@link ReferenceFields}): {@code inputs} names them in the order the
   * model takes them, the distorted image first and its reference second (an ONNX model's input names, fed by name;
   * a TorchScript model's {@code forward(x, ref)} parameters, fed by position). Both images go through the spec's
   * one preprocessing. {@code size}: {@code must_match} (a reference of another decoded size fails the row with
   * {@code ref_size_mismatch}) or {@code resize} (the reference is first resized to the image's size with PIL's
   * {@code interpolation} filter).
   */
  public record Reference(List<String> inputs, String size, String interpolation) {
    /** Whether a reference of another size is resized to the image (else it fails the row). */
    public boolean resizes() {
      return "resize".equals(size);
    }
  }
}
