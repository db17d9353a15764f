package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.require;

import io.sparkiqa.udfs.image.TorchInterpolate.Planes;
import java.util.ArrayList;
import java.util.List;

/**
 * Several inputs from one image (spec field {@code scales}, e.g. ARNIQA's image and its 0.5x copy through one trunk):
 * after the spec's resize and crops, each w x h crop at every factor f, resized to int(w f) x int(h f) with the
 * scales' own resample ({@link Resample}) and normalised; the first factor's view is the model's first input, the
 * others its further inputs in order ({@link Preprocess.Tensor#more}).
 */
record Scales(List<Double> factors, Resample resample) {

  /** The spec's scales, checked (null when the spec has none). */
  static Scales of(String where, ModelSpec s) {
    ModelSpec.Scales sc = s.scales();
    if (sc == null) {
      return null;
    }
    require(where, "scales.factors", sc.factors() != null && sc.factors().size() >= 2
        && sc.factors().stream().allMatch(f -> f != null && f > 0 && f <= 1), "two or more factors in (0, 1], e.g. [1, 0.5]");
    require(where, "scales", s.tokens() == null, "no scales with tokens (the tokens have their own scales)");
    return new Scales(List.copyOf(sc.factors()), Resample.of(where, "scales", sc.library(), sc.interpolation(),
        sc.antialias()));
  }

  /** The preprocessing id part. */
  String id() {
    return "scales" + factors.toString().replace(" ", "") + "-" + resample.id();
  }

  /** One tensor per crop box of the resized planes, each with the crop's further scales as further inputs. */
  List<Preprocess.Tensor> apply(Preprocess pre, Planes p, List<int[]> boxes) {
    List<Preprocess.Tensor> out = new ArrayList<>(boxes.size());
    for (int[] b : boxes) {
      Planes crop = crop(p, b[0], b[1], b[2], b[3]);
      List<Preprocess.Tensor> views = new ArrayList<>(factors.size());
      for (double f : factors) {
        int w = (int) (crop.width() * f);
        int h = (int) (crop.height() * f);
        if (w < 1 || h < 1) {
          throw new IllegalArgumentException("a " + crop.width() + "x" + crop.height() + " crop is too small for scale " + f);
        }
        Planes v = resample.resize(crop, w, h);
        views.add(pre.normalise(v, 0, 0, v.height(), v.width()));
      }
      out.add(views.get(0).with(views.subList(1, views.size())));
    }
    return out;
  }

  private static Planes crop(Planes p, int top, int left, int h, int w) {
    if (top == 0 && left == 0 && h == p.height() && w == p.width()) {
      return p;
    }
    float[] out = new float[3 * h * w];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(p.data(), c * p.width() * p.height() + (top + y) * p.width() + left, out, c * h * w + y * w, w);
      }
    }
    return new Planes(out, 3, h, w);
  }
}
