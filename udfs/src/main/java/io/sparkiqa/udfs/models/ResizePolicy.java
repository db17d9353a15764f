package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.oneOf;
import static io.sparkiqa.udfs.models.Fields.positive;
import static io.sparkiqa.udfs.models.Fields.require;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The size an image is resized to before cropping, resolved once from the spec's {@code resize.policy}. Every policy
 * is a record here and one line of {@link #POLICIES}: adding one touches this file only. Interpolation and library
 * are the spec's {@code resize} fields, checked by {@link ModelSpecs}.
 */
public sealed interface ResizePolicy
    permits ResizePolicy.None, ResizePolicy.Fixed, ResizePolicy.ShorterSide, ResizePolicy.LongerSideCap,
    ResizePolicy.ShorterSideCap, ResizePolicy.ShorterSideMin {

  /** Policy name to its factory (which checks the policy's fields). */
  Map<String, BiFunction<String, ModelSpec.Resize, ResizePolicy>> POLICIES = policies();

  /** Width and height after the resize. */
  int[] targetSize(int w, int h);

  /** This policy's part of the preprocessing id, e.g. {@code fixed224x224} or {@code shorter_side256}. */
  String id();

  static ResizePolicy of(String where, ModelSpec.Resize r) {
    require(where, "resize", r != null, "an object with a policy");
    oneOf(where, "resize.policy", r.policy(), POLICIES.keySet());
    return POLICIES.get(r.policy()).apply(where, r);
  }

  private static Map<String, BiFunction<String, ModelSpec.Resize, ResizePolicy>> policies() {
    Map<String, BiFunction<String, ModelSpec.Resize, ResizePolicy>> m = new LinkedHashMap<>();
    m.put("none", (where, r) -> new None());
    m.put("fixed", (where, r) -> {
      require(where, "resize.width/height", positive(r.width()) && positive(r.height()), "positive width and height");
      return new Fixed(r.width(), r.height());
    });
    m.put("shorter_side", (where, r) -> new ShorterSide(size(where, r)));
    m.put("longer_side_cap", (where, r) -> new LongerSideCap(size(where, r)));
    m.put("shorter_side_cap", (where, r) -> new ShorterSideCap(size(where, r)));
    m.put("shorter_side_min", (where, r) -> new ShorterSideMin(size(where, r)));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static int size(String where, ModelSpec.Resize r) {
    require(where, "resize.size", positive(r.size()), "a positive size");
    return r.size();
  }

  /** One side set to {@code size}, the other by torchvision's rule int(size * other / side). */
  private static int[] side(int w, int h, int size, boolean widthIsTheSide) {
    return widthIsTheSide ? new int[] {size, Math.max(1, (int) ((long) size * h / w))}
        : new int[] {Math.max(1, (int) ((long) size * w / h)), size};
  }

  /** The image as it is. */
  record None() implements ResizePolicy {
    @Override
    public int[] targetSize(int w, int h) {
      return new int[] {w, h};
    }

    @Override
    public String id() {
      return "none";
    }
  }

  /** Width x height, aspect ratio not kept. */
  record Fixed(int width, int height) implements ResizePolicy {
    @Override
    public int[] targetSize(int w, int h) {
      return new int[] {width, height};
    }

    @Override
    public String id() {
      return "fixed" + width + "x" + height;
    }
  }

  /** The shorter side to {@code size} (torchvision's {@code Resize(int)}). */
  record ShorterSide(int size) implements ResizePolicy {
    @Override
    public int[] targetSize(int w, int h) {
      return side(w, h, size, w <= h);
    }

    @Override
    public String id() {
      return "shorter_side" + size;
    }
  }

  /** The shorter side up to {@code size} when it is smaller (LIQE's windows); larger images stay as they are. */
  record ShorterSideMin(int size) implements ResizePolicy {
    @Override
    public int[] targetSize(int w, int h) {
      return Math.min(w, h) >= size ? new int[] {w, h} : side(w, h, size, w <= h);
    }

    @Override
    public String id() {
      return "shorter_side_min" + size;
    }
  }

  /** The longer side down to {@code size} when it is larger; smaller images stay as they are. */
  record LongerSideCap(int size) implements ResizePolicy {
    @Override
    public int[] targetSize(int w, int h) {
      return Math.max(w, h) <= size ? new int[] {w, h} : side(w, h, size, w >= h);
    }

    @Override
    public String id() {
      return "longer_side_cap" + size;
    }
  }

  /**
   * The shorter side down to {@code size} only when it is larger (torchvision's rule for the other side); smaller
   * images stay as they are. DISTS' official preprocessing: {@code if min(w, h) > 256: resize(image, 256)}.
   */
  record ShorterSideCap(int size) implements ResizePolicy {
    @Override
    public int[] targetSize(int w, int h) {
      return Math.min(w, h) <= size ? new int[] {w, h} : side(w, h, size, w <= h);
    }

    @Override
    public String id() {
      return "shorter_side_cap" + size;
    }
  }
}
