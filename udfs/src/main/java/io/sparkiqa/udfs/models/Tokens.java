package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.positive;
import static io.sparkiqa.udfs.models.Fields.require;

import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.image.TorchInterpolate.Planes;
import java.util.ArrayList;
import java.util.List;

/**
 * MUSIQ's multi-scale tokens, built on the host (spec field {@code tokens}): each scale (the longer side resized to
 * each of {@code longerSides}, the other side int(L * other / longer); then the native image when {@code nativeScale})
 * is normalised as the spec's {@code input} says, padded TF-"SAME" with 0 to a multiple of the patch size P (the
 * padding split as floor(total / 2) before, the rest after) and cut into P x P patches row by row. A token is the patch
 * flattened (row, column, channel for {@code input.layout} NHWC, as TF's extract_patches; channel, row, column for
 * NCHW), then its hashed position (r G / rows) G + (c G / cols) (integer division, G = {@code grid}), its scale index
 * (the scale's place in that order) and mask 1. One image gives a [1, N, 3 P P + 3] tensor, N varying with the native
 * size; {@link #stack} pads a batch to its longest image with rows of zeros (mask 0).
 */
record Tokens(int patch, int grid, List<Integer> longerSides, boolean nativeScale, Resample resample,
              boolean channelsLast) {

  /** The spec's tokens, checked (null when the spec has none). */
  static Tokens of(String where, ModelSpec s) {
    ModelSpec.Tokens t = s.tokens();
    if (t == null) {
      return null;
    }
    require(where, "tokens.patch", positive(t.patch()), "a positive patch size (MUSIQ: 32)");
    require(where, "tokens.grid", positive(t.grid()), "a positive hash grid size (MUSIQ: 10)");
    require(where, "tokens.native", t.nativeScale() != null, "true or false (whether the native image is a scale)");
    require(where, "tokens.longer_sides", t.longerSides() != null && t.longerSides().stream().allMatch(Fields::positive)
        && (!t.longerSides().isEmpty() || t.nativeScale()), "a list of positive sizes (MUSIQ: [224, 384])");
    require(where, "resize.policy", s.resize() != null && "none".equals(s.resize().policy()),
        "none with tokens (the tokens resize each scale themselves)");
    require(where, "crops", s.crops() == null || "none".equals(s.crops().policy()), "none with tokens");
    return new Tokens(t.patch(), t.grid(), List.copyOf(t.longerSides()), t.nativeScale(),
        Resample.of(where, "tokens", t.library(), t.interpolation(), t.antialias()), "NHWC".equals(s.input().layout()));
  }

  /** Values per token: the patch, position, scale index, mask. */
  int width() {
    return 3 * patch * patch + 3;
  }

  /** The preprocessing id part. */
  String id() {
    return "tokens" + patch + "g" + grid + longerSides.toString().replace(" ", "") + (nativeScale ? "+native" : "")
        + "-" + resample.id();
  }

  /** The [1, N, 3 P P + 3] token tensor of one image. */
  Preprocess.Tensor build(Preprocess pre, RgbImage img) {
    List<float[]> rows = new ArrayList<>();
    int w = img.width();
    int h = img.height();
    int index = 0;
    for (int side : longerSides) {
      int[] size = w >= h ? new int[] {side, Math.max(1, (int) ((long) side * h / w))}
          : new int[] {Math.max(1, (int) ((long) side * w / h)), side};
      patches(pre, resample.resize(img, size[0], size[1]), index++, rows);
    }
    if (nativeScale) {
      patches(pre, Preprocess.planes(img), index, rows);
    }
    int d = width();
    float[] data = new float[rows.size() * d];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * d, d);
    }
    return new Preprocess.Tensor(data, new long[] {1, rows.size(), d});
  }

  private void patches(Preprocess pre, Planes scale, int index, List<float[]> rows) {
    int h = scale.height();
    int w = scale.width();
    float[] x = pre.normalise(scale, 0, 0, h, w).data();
    int ph = (h + patch - 1) / patch * patch;
    int pw = (w + patch - 1) / patch * patch;
    int top = (ph - h) / 2;
    int left = (pw - w) / 2;
    int nr = ph / patch;
    int nc = pw / patch;
    for (int r = 0; r < nr; r++) {
      for (int c = 0; c < nc; c++) {
        float[] t = new float[width()];
        for (int y = 0; y < patch; y++) {
          int sy = r * patch + y - top;
          for (int xx = 0; xx < patch; xx++) {
            int sx = c * patch + xx - left;
            if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
              continue; // SAME padding: 0
            }
            for (int ch = 0; ch < 3; ch++) {
              float v = channelsLast ? x[3 * (sy * w + sx) + ch] : x[ch * w * h + sy * w + sx];
              t[channelsLast ? 3 * (y * patch + xx) + ch : ch * patch * patch + y * patch + xx] = v;
            }
          }
        }
        int d = 3 * patch * patch;
        t[d] = (r * grid / nr) * grid + c * grid / nc;
        t[d + 1] = index;
        t[d + 2] = 1f;
        rows.add(t);
      }
    }
  }

  /** Token tensors of several images as one [B, max N, D] batch, shorter images padded with zero rows (mask 0). */
  static Preprocess.Tensor stack(List<Preprocess.Tensor> tensors) {
    long n = tensors.stream().mapToLong(t -> t.shape()[1]).max().orElseThrow();
    int d = (int) tensors.get(0).shape()[2];
    float[] data = new float[(int) (tensors.size() * n * d)];
    for (int i = 0; i < tensors.size(); i++) {
      float[] one = tensors.get(i).data();
      System.arraycopy(one, 0, data, (int) (i * n * d), one.length);
    }
    return new Preprocess.Tensor(data, new long[] {tensors.size(), n, d});
  }
}
