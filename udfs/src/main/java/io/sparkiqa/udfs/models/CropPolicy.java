package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.oneOf;
import static io.sparkiqa.udfs.models.Fields.positive;
import static io.sparkiqa.udfs.models.Fields.require;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Which crops of the resized image become model inputs, resolved once from the spec's {@code crops.policy} (absent:
 * none). Every policy is a record here and one line of {@link #POLICIES}: adding one touches this file only. Boxes
 * are {top, left, height, width}.
 */
public sealed interface CropPolicy permits CropPolicy.None, CropPolicy.Center, CropPolicy.Grid, Windows {

  /** Policy name to its factory (which checks the policy's fields). */
  Map<String, BiFunction<String, ModelSpec.Crops, CropPolicy>> POLICIES = policies();

  /** The crop boxes of a w x h image; throws IllegalArgumentException when the image is too small. */
  List<int[]> boxes(int w, int h);

  /** This policy's part of the preprocessing id, e.g. {@code nocrop}, {@code center224x224}, {@code grid9x32x32}. */
  String id();

  /** The smallest image side (width, height) the crops fit in. */
  default int[] minimumSize() {
    return new int[] {1, 1};
  }

  static CropPolicy of(String where, ModelSpec.Crops c) {
    if (c == null) {
      return new None();
    }
    oneOf(where, "crops.policy", c.policy(), POLICIES.keySet());
    require(where, "crops.stride", c.stride() == null || c.policy().equals("windows"), "no stride unless policy is windows");
    require(where, "crops.aggregate", c.aggregate() == null || Set.of("mean_scores", "mean_logits").contains(c.aggregate()),
        "one of [mean_logits, mean_scores]");
    if (!c.policy().equals("none")) {
      require(where, "crops.width/height", positive(c.width()) && positive(c.height()), "positive width and height");
    }
    return POLICIES.get(c.policy()).apply(where, c);
  }

  private static Map<String, BiFunction<String, ModelSpec.Crops, CropPolicy>> policies() {
    Map<String, BiFunction<String, ModelSpec.Crops, CropPolicy>> m = new LinkedHashMap<>();
    m.put("none", (where, c) -> new None());
    m.put("center", (where, c) -> new Center(c.width(), c.height()));
    m.put("grid", (where, c) -> {
      require(where, "crops.n", positive(c.n()) && Math.round(Math.sqrt(c.n())) * Math.round(Math.sqrt(c.n())) == c.n(),
          "a square number of crops (a k x k grid: 1, 4, 9, ...)");
      return new Grid(c.n(), c.width(), c.height());
    });
    m.put("windows", Windows::of);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A k x k grid of w x h crops: offsets round(i (H - h) / (k - 1)) for i = 0..k-1 in each direction, row by row; a
   * grid of 1 is torchvision's CenterCrop, int(round((H - h) / 2)) with Python's round (half to even).
   */
  private static List<int[]> grid(int k, int cropW, int cropH, int w, int h) {
    if (cropW > w || cropH > h) {
      throw new IllegalArgumentException("a " + cropW + "x" + cropH + " crop needs a larger image than " + w + "x" + h);
    }
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        out.add(new int[] {offset(h - cropH, i, k), offset(w - cropW, j, k), cropH, cropW});
      }
    }
    return out;
  }

  private static int offset(int slack, int i, int k) {
    return (int) Math.rint(k == 1 ? slack / 2.0 : (double) slack * i / (k - 1));
  }

  /** Whether the model's outputs are averaged over the crops before the head ({@code aggregate: mean_logits}). */
  static boolean meanLogits(ModelSpec.Crops c) {
    return c != null && "mean_logits".equals(c.aggregate());
  }

  /** The whole image. */
  record None() implements CropPolicy {
    @Override
    public List<int[]> boxes(int w, int h) {
      return List.<int[]>of(new int[] {0, 0, h, w});
    }

    @Override
    public String id() {
      return "nocrop";
    }
  }

  /** One centred crop. */
  record Center(int width, int height) implements CropPolicy {
    @Override
    public List<int[]> boxes(int w, int h) {
      return grid(1, width, height, w, h);
    }

    @Override
    public String id() {
      return "center" + width + "x" + height;
    }

    @Override
    public int[] minimumSize() {
      return new int[] {width, height};
    }
  }

  /** n = k x k evenly spaced crops. */
  record Grid(int n, int width, int height) implements CropPolicy {
    @Override
    public List<int[]> boxes(int w, int h) {
      return grid((int) Math.round(Math.sqrt(n)), width, height, w, h);
    }

    @Override
    public String id() {
      return "grid" + n + "x" + width + "x" + height;
    }

    @Override
    public int[] minimumSize() {
      return new int[] {width, height};
    }
  }
}
