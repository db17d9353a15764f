package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.positive;
import static io.sparkiqa.udfs.models.Fields.require;

import java.util.ArrayList;
import java.util.List;

/**
 * LIQE's windows (crop policy {@code windows}): every width x height window at offsets 0, stride, 2 stride, ... in
 * both directions, listed row by row (as torch's {@code unfold} enumerates them), then {@code n} of them chosen by
 * index stepping: step = total / n (integer division), windows 0, step, 2 step, ... (LIQE's official selection; fewer
 * windows than n gives step 0, so the first window n times, as there). With {@code resize.policy}
 * {@code shorter_side_min} the shorter side is raised to at least the window first.
 */
record Windows(int n, int width, int height, int stride) implements CropPolicy {

  static Windows of(String where, ModelSpec.Crops c) {
    require(where, "crops.n", positive(c.n()), "the number of windows (LIQE: 15)");
    require(where, "crops.stride", positive(c.stride()), "a positive stride in pixels (LIQE: 32)");
    return new Windows(c.n(), c.width(), c.height(), c.stride());
  }

  @Override
  public List<int[]> boxes(int w, int h) {
    if (width > w || height > h) {
      throw new IllegalArgumentException("a " + width + "x" + height + " window needs a larger image than " + w + "x" + h);
    }
    int rows = (h - height) / stride + 1;
    int cols = (w - width) / stride + 1;
    int step = rows * cols / n;
    List<int[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = step * i;
      out.add(new int[] {(k / cols) * stride, (k % cols) * stride, height, width});
    }
    return out;
  }

  @Override
  public String id() {
    return "windows" + n + "x" + width + "x" + height + "s" + stride;
  }

  @Override
  public int[] minimumSize() {
    return new int[] {width, height};
  }
}
