package io.sparkiqa.udfs.models;

import io.sparkiqa.udfs.image.PilResize;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.image.TorchInterpolate.Planes;
import io.sparkiqa.udfs.image.TorchInterpolate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A spec's preprocessing in Java, independent of the engine. The image becomes float32 planes
 * {@code byte / 255} (as NumPy or {@code ToTensor} compute them); the resize runs either on the 8-bit
 * pixels with Pillow's resampler ({@code library: pil}) or on those planes as
 * {@code torch.nn.functional.interpolate} ({@code library: torch}, antialias as the spec says); then the
 * crops (none, centre, or an evenly spaced k x k grid), value range and mean/std in float32, channel order
 * and layout. One tensor per crop (batch 1); {@link #id} is the canonical id written into every scores row. A spec
 * with {@code tokens} gives one MUSIQ token tensor instead ({@link Tokens}); with {@code scales} each crop carries
 * its further scales as further model inputs ({@link Scales}).
 */
public final class Preprocess {
  private final ModelSpec spec;
  private final ResizePolicy resize;
  private final CropPolicy crops;
  private final Tokens tokens;
  private final Scales scales;
  private final float lo;
  private final float span;
  private final float[] mean = new float[3];
  private final float[] std = new float[3];
  /** Per model input channel c, the normalised value of each 8-bit level: {@code normalised(v / 255f, c)}. */
  private final float[][] table = new float[3][256];

  public Preprocess(ModelSpec spec) {
    this.spec = spec;
    this.resize = ResizePolicy.of(spec.id(), spec.resize());
    this.crops = CropPolicy.of(spec.id(), spec.crops());
    this.tokens = Tokens.of(spec.id(), spec);
    this.scales = Scales.of(spec.id(), spec);
    ModelSpec.Input in = spec.input();
    lo = in.valueRange().get(0).floatValue();
    span = (float) (in.valueRange().get(1) - in.valueRange().get(0));
    for (int c = 0; c < 3; c++) {
      mean[c] = in.mean().get(c).floatValue();
      std[c] = in.std().get(c).floatValue();
      for (int v = 0; v < 256; v++) {
        table[c][v] = normalised(v / 255f, c);
      }
    }
  }

  /** A value in [0, 1] for model input channel c: to the model's range, then (x - mean) / std, in float32 as NumPy. */
  private float normalised(float v, int c) {
    if (span != 1f || lo != 0f) {
      v = v * span + lo;
    }
    return (v - mean[c]) / std[c];
  }

  ModelSpec spec() {
    return spec;
  }

  /**
   * A tensor and its shape (batch 1), with the model's further inputs for the same crop or view in {@code more}
   * (empty for a one-input model): a batch stacks the first tensors into the model's first input and each
   * {@code more.get(i)} into input i + 1, in the order the model declares its inputs.
   */
  public record Tensor(float[] data, long[] shape, List<Tensor> more) {
    public Tensor {
      more = List.copyOf(more);
    }

    /** A model's only input. */
    public Tensor(float[] data, long[] shape) {
      this(data, shape, List.of());
    }

    /** This tensor as the first input, followed by {@code others}. */
    public Tensor with(List<Tensor> others) {
      return new Tensor(data, shape, others);
    }

    /** The model inputs in order: this tensor, then {@code more}. */
    public List<Tensor> inputs() {
      List<Tensor> all = new ArrayList<>(1 + more.size());
      all.add(new Tensor(data, shape));
      all.addAll(more);
      return all;
    }

    /** The shapes of every input, comparable as a batch key. */
    public String shapeKey() {
      StringBuilder b = new StringBuilder(java.util.Arrays.toString(shape));
      more.forEach(t -> b.append('+').append(java.util.Arrays.toString(t.shape())));
      return b.toString();
    }
  }

  public static String id(ModelSpec s) {
    ModelSpec.Resize r = s.resize();
    String interp = "none".equals(r.policy()) ? ""
        : "-" + r.library() + "-" + r.interpolation() + (isTorch(s) ? (Boolean.TRUE.equals(r.antialias()) ? "-aa" : "-noaa") : "")
        + (s.decode() != null && s.decode().draft() ? "-draft" : "");
    ModelSpec.Input in = s.input();
    Tokens t = Tokens.of(s.id(), s);
    Scales sc = Scales.of(s.id(), s);
    String crop = CropPolicy.of(s.id(), s.crops()).id() + (CropPolicy.meanLogits(s.crops()) ? "-mean_logits" : "")
        + (t == null ? "" : "+" + t.id()) + (sc == null ? "" : "+" + sc.id());
    return String.format(Locale.ROOT, "%s%s/%s/%s/range%s/mean%s/std%s/%s", ResizePolicy.of(s.id(), r).id(), interp,
        crop, in.color(), in.valueRange(), in.mean(), in.std(), in.layout()).replace(" ", "");
  }

  /** The smallest image (width, height) the crops fit in. */
  int[] minimumSize() {
    return crops.minimumSize();
  }

  private static boolean isTorch(ModelSpec s) {
    return "torch".equals(s.resize().library()) && !"none".equals(s.resize().policy());
  }

  /** Whether the spec's inputs are MUSIQ tokens (a batch is padded, not stacked: {@link Tokens#stack}). */
  boolean tokens() {
    return tokens != null;
  }

  /** The model's input tensors, one per crop, all of one shape (tokens: one tensor, N varying with the image). */
  public List<Tensor> apply(RgbImage img) {
    List<Tensor> out = new ArrayList<>();
    if (tokens != null) {
      return List.of(tokens.build(this, img));
    }
    if (scales != null) {
      Planes p = resize(img);
      return scales.apply(this, p, boxes(p.width(), p.height()));
    }
    if (!isTorch(spec)) {
      // 8-bit path: the crops are read straight from the pixels through a per-channel table of the 256
      // normalised values (the same float32 operations as the planes path, so the same values)
      RgbImage r = pilResize(img);
      for (int[] b : boxes(r.width(), r.height())) {
        out.add(normalise(r, b[0], b[1], b[2], b[3]));
      }
      return out;
    }
    Planes p = resize(img);
    for (int[] box : boxes(p.width(), p.height())) {
      out.add(normalise(p, box[0], box[1], box[2], box[3]));
    }
    return out;
  }

  private RgbImage pilResize(RgbImage img) {
    int[] size = targetSize(img.width(), img.height());
    if (size[0] == img.width() && size[1] == img.height()) {
      return img;
    }
    return PilResize.resize(img, size[0], size[1],
        PilResize.Filter.valueOf(spec.resize().interpolation().toUpperCase(Locale.ROOT)));
  }

  /** Resized float32 planes in [0, 1]. */
  Planes resize(RgbImage img) {
    ModelSpec.Resize r = spec.resize();
    int[] size = targetSize(img.width(), img.height());
    boolean same = size[0] == img.width() && size[1] == img.height();
    if (isTorch(spec)) {
      Planes p = planes(img);
      return same ? p : TorchInterpolate.resize(p, size[1], size[0],
          TorchInterpolate.Mode.valueOf(r.interpolation().toUpperCase(Locale.ROOT)), Boolean.TRUE.equals(r.antialias()));
    }
    return planes(pilResize(img));
  }

  /** Width and height after the resize policy. */
  int[] targetSize(int w, int h) {
    return resize.targetSize(w, h);
  }

  /** Crop boxes {top, left, height, width} of the crop policy. */
  List<int[]> boxes(int w, int h) {
    return crops.boxes(w, h);
  }

  static Planes planes(RgbImage img) {
    int n = img.width() * img.height();
    float[] out = new float[3 * n];
    byte[] p = img.rgb();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        out[c * n + i] = (p[3 * i + c] & 0xff) / 255f;
      }
    }
    return new Planes(out, 3, img.height(), img.width());
  }

  /** {@link #normalise(Planes, int, int, int, int)} on 8-bit pixels, through a table per channel. */
  Tensor normalise(RgbImage img, int top, int left, int h, int w) {
    boolean bgr = "BGR".equals(spec.input().color());
    boolean nchw = "NCHW".equals(spec.input().layout());
    byte[] p = img.rgb();
    float[] out = new float[3 * w * h];
    for (int c = 0; c < 3; c++) {
      int from = bgr ? 2 - c : c;
      float[] t = table[c];
      for (int y = 0; y < h; y++) {
        int src = 3 * ((top + y) * img.width() + left) + from;
        for (int x = 0; x < w; x++, src += 3) {
          int i = y * w + x;
          out[nchw ? c * w * h + i : 3 * i + c] = t[p[src] & 0xff];
        }
      }
    }
    return new Tensor(out, nchw ? new long[] {1, 3, h, w} : new long[] {1, h, w, 3});
  }

  /** The crop at (top, left) of size h x w: value range, (x - mean) / std in float32, channel order, layout. */
  Tensor normalise(Planes p, int top, int left, int h, int w) {
    boolean bgr = "BGR".equals(spec.input().color());
    boolean nchw = "NCHW".equals(spec.input().layout());
    float[] src = p.data();
    int plane = p.width() * p.height();
    float[] out = new float[3 * w * h];
    for (int c = 0; c < 3; c++) {
      int from = bgr ? 2 - c : c;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          out[nchw ? c * w * h + i : 3 * i + c] = normalised(src[from * plane + (top + y) * p.width() + left + x], c);
        }
      }
    }
    return new Tensor(out, nchw ? new long[] {1, 3, h, w} : new long[] {1, h, w, 3});
  }
}
