package io.sparkiqa.jobs.models;

import io.sparkiqa.udfs.image.PilResize;
import io.sparkiqa.udfs.image.RgbImage;
import java.util.List;
import java.util.Locale;

/**
 * A spec's preprocessing in Java, independent of the engine: resize with Pillow's resampler (fixed,
 * shorter side, longer-side cap), center crop, channel order, value range and mean/std in float32 as
 * NumPy computes them, NCHW or NHWC. {@link #id} is the canonical id written into every scores row.
 */
public final class Preprocess {
  private final ModelSpec spec;

  public Preprocess(ModelSpec spec) {
    if (spec.resize().library() != null && !"pil".equals(spec.resize().library()) && !"none".equals(spec.resize().policy())) {
      throw new IllegalArgumentException(spec.id() + ": resize.library '" + spec.resize().library()
          + "' is not implemented yet (pil is)");
    }
    this.spec = spec;
  }

  /** The tensor and its shape (batch 1). */
  public record Tensor(float[] data, long[] shape) {
  }

  public static String id(ModelSpec s) {
    ModelSpec.Resize r = s.resize();
    String resize = switch (r.policy()) {
      case "fixed" -> "fixed" + r.width() + "x" + r.height();
      case "shorter_side", "longer_side_cap" -> r.policy() + r.size();
      default -> "none";
    };
    String interp = "none".equals(r.policy()) ? "" : "-" + r.library() + "-" + r.interpolation();
    String crop = s.crops() == null || "none".equals(s.crops().policy()) ? "nocrop"
        : s.crops().policy() + s.crops().width() + "x" + s.crops().height();
    ModelSpec.Input in = s.input();
    return String.format(Locale.ROOT, "%s%s/%s/%s/range%s/mean%s/std%s/%s", resize, interp, crop, in.color(),
        in.valueRange(), in.mean(), in.std(), in.layout()).replace(" ", "");
  }

  public Tensor apply(RgbImage img) {
    RgbImage x = crop(resize(img));
    return normalise(x);
  }

  RgbImage resize(RgbImage img) {
    ModelSpec.Resize r = spec.resize();
    int w = img.width();
    int h = img.height();
    int[] size = switch (r.policy()) {
      case "fixed" -> new int[] {r.width(), r.height()};
      case "shorter_side" -> side(w, h, r.size(), w <= h);
      case "longer_side_cap" -> Math.max(w, h) <= r.size() ? new int[] {w, h} : side(w, h, r.size(), w >= h);
      default -> new int[] {w, h};
    };
    if (size[0] == w && size[1] == h) {
      return img;
    }
    return PilResize.resize(img, size[0], size[1], PilResize.Filter.valueOf(r.interpolation().toUpperCase(Locale.ROOT)));
  }

  /** One side set to {@code size}, the other int(size * other / side) as torchvision's Resize computes it. */
  private static int[] side(int w, int h, int size, boolean widthIsTheSide) {
    return widthIsTheSide ? new int[] {size, Math.max(1, (int) ((long) size * h / w))}
        : new int[] {Math.max(1, (int) ((long) size * w / h)), size};
  }

  /** torchvision's CenterCrop offsets: int(round((H - h) / 2)), Python's round (half to even). */
  RgbImage crop(RgbImage img) {
    ModelSpec.Crops c = spec.crops();
    if (c == null || "none".equals(c.policy())) {
      return img;
    }
    if (!"center".equals(c.policy())) {
      throw new IllegalArgumentException(spec.id() + ": crops.policy '" + c.policy() + "' is not implemented yet");
    }
    if (c.width() > img.width() || c.height() > img.height()) {
      throw new IllegalArgumentException("a " + c.width() + "x" + c.height() + " crop needs a larger image than "
          + img.width() + "x" + img.height());
    }
    int top = (int) Math.rint((img.height() - c.height()) / 2.0);
    int left = (int) Math.rint((img.width() - c.width()) / 2.0);
    return img.crop(top, left, top + c.height(), left + c.width());
  }

  Tensor normalise(RgbImage img) {
    ModelSpec.Input in = spec.input();
    int w = img.width();
    int h = img.height();
    float lo = in.valueRange().get(0).floatValue();
    float span = (float) (in.valueRange().get(1) - in.valueRange().get(0));
    float[] mean = floats(in.mean());
    float[] std = floats(in.std());
    boolean bgr = "BGR".equals(in.color());
    boolean nchw = "NCHW".equals(in.layout());
    float[] out = new float[3 * w * h];
    byte[] p = img.rgb();
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        int src = bgr ? 2 - c : c;
        // float32 throughout, as NumPy: x / 255 (* span + lo), then (x - mean) / std
        float v = (p[3 * i + src] & 0xff) / 255f;
        if (span != 1f || lo != 0f) {
          v = v * span + lo;
        }
        v = (v - mean[c]) / std[c];
        out[nchw ? c * w * h + i : 3 * i + c] = v;
      }
    }
    return new Tensor(out, nchw ? new long[] {1, 3, h, w} : new long[] {1, h, w, 3});
  }

  private static float[] floats(List<Double> v) {
    float[] f = new float[v.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = v.get(i).floatValue();
    }
    return f;
  }
}
