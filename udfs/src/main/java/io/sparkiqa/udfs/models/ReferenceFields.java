package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.oneOf;
import static io.sparkiqa.udfs.models.Fields.require;

import io.sparkiqa.udfs.image.PilResize;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.References;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A full-reference model's two inputs ({@link ModelSpec.Reference}): the spec checks (a {@code reference} block
 * exactly when the mode is {@code FR}, two distinct input names, a size rule and, for {@code resize}, its PIL filter;
 * not for a served model, which takes one tensor) and the pairing of an image with its reference: sizes matched
 * (or the reference resized to the image), both through the same {@link Preprocess}, crop i of the image with crop i
 * of the reference as the model's two inputs.
 */
public final class ReferenceFields {
  private static final Set<String> FILTERS = Set.of("bilinear", "bicubic", "lanczos");

  private ReferenceFields() {
  }

  static void check(String where, ModelSpec s) {
    ModelSpec.Reference r = s.reference();
    if (!"FR".equals(s.mode())) {
      require(where, "reference", r == null, "no 'reference' unless mode is FR (a no-reference model takes one image)");
      return;
    }
    require(where, "reference", r != null, "for mode FR an object {\"inputs\": [image input, reference input], "
        + "\"size\": \"must_match\" or \"resize\"} (the model takes the distorted image and its reference)");
    require(where, "reference", !ServerFields.served(s), "no full-reference model on engine " + ServerFields.ENGINE
        + " (a served model takes one input tensor)");
    require(where, "reference", s.tokens() == null && s.scales() == null,
        "no 'tokens' or 'scales' with a reference (a full-reference model takes one image input and its reference)");
    require(where, "reference.inputs", r.inputs() != null && r.inputs().size() == 2
        && r.inputs().stream().allMatch(n -> n != null && !n.isBlank()) && !r.inputs().get(0).equals(r.inputs().get(1)),
        "two distinct input names, the distorted image's first, e.g. [\"x\", \"ref\"] (ONNX: the model's input names; "
            + "TorchScript: forward(x, ref))");
    oneOf(where, "reference.size", r.size(), Set.of("must_match", "resize"));
    if (r.resizes()) {
      oneOf(where, "reference.interpolation", r.interpolation(), FILTERS);
    } else {
      require(where, "reference.interpolation", r.interpolation() == null,
          "no interpolation unless size is resize (must_match never resizes the reference)");
    }
  }

  /** The preprocessing id's reference part: empty for a no-reference spec, else e.g. {@code /ref-must_match}. */
  static String id(ModelSpec s) {
    ModelSpec.Reference r = s.reference();
    return r == null ? "" : "/ref-" + r.size() + (r.resizes() ? "-pil-" + r.interpolation() : "");
  }

  /** The ONNX input names to feed by name (so the spec's order holds whatever order the file declares), else null. */
  static List<String> feedNames(ModelSpec s) {
    return s.reference() != null && "OnnxRuntime".equals(s.engine()) ? s.reference().inputs() : null;
  }

  /**
   * The reference at the image's size: as it is when the sizes match, resized with the spec's PIL filter when the
   * spec says {@code resize}, else {@code ref_size_mismatch} (and {@code no_reference} when the row has none).
   */
  static RgbImage matched(ModelSpec s, RgbImage image, RgbImage reference) throws MetricException {
    if (reference != null && s.reference().resizes()
        && (reference.width() != image.width() || reference.height() != image.height())) {
      return PilResize.resize(reference, image.width(), image.height(),
          PilResize.Filter.valueOf(s.reference().interpolation().toUpperCase(Locale.ROOT)));
    }
    References.requireSameSize(s.id(), image, reference);
    return reference;
  }

  /** Crop i of the image as the first input with crop i of the reference as the second. */
  static List<Preprocess.Tensor> pairs(List<Preprocess.Tensor> image, List<Preprocess.Tensor> reference) {
    if (image.size() != reference.size()) {
      throw new IllegalStateException(image.size() + " image crops but " + reference.size() + " reference crops");
    }
    List<Preprocess.Tensor> out = new ArrayList<>(image.size());
    for (int i = 0; i < image.size(); i++) {
      out.add(image.get(i).with(List.of(reference.get(i))));
    }
    return out;
  }
}
