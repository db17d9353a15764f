package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.oneOf;
import static io.sparkiqa.udfs.models.Fields.require;

import io.sparkiqa.udfs.image.PilResize;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.image.TorchInterpolate;
import io.sparkiqa.udfs.image.TorchInterpolate.Planes;
import java.util.Locale;
import java.util.Set;

/**
 * One resample of the further views a spec asks for ({@code tokens} scales, {@code scales} factors): Pillow's
 * resampler on 8-bit pixels ({@code library: pil}; float planes are rounded back to 8 bits first, as
 * {@code Image.fromarray(rint(x * 255))}) or {@code torch.nn.functional.interpolate} on the float planes.
 */
record Resample(String library, String interpolation, boolean antialias) {

  /** The resample of a spec field {@code field} (tokens or scales), its values checked. */
  static Resample of(String where, String field, String library, String interpolation, Boolean antialias) {
    oneOf(where, field + ".library", library, Set.of("pil", "torch"));
    oneOf(where, field + ".interpolation", interpolation,
        "torch".equals(library) ? Set.of("bilinear", "bicubic") : Set.of("bilinear", "bicubic", "lanczos"));
    require(where, field + ".antialias", !"torch".equals(library) || antialias != null,
        "true or false (torch.nn.functional.interpolate's antialias)");
    return new Resample(library, interpolation, Boolean.TRUE.equals(antialias));
  }

  /** The image resized to w x h as float32 planes in [0, 1]. */
  Planes resize(RgbImage img, int w, int h) {
    if (w == img.width() && h == img.height()) {
      return Preprocess.planes(img);
    }
    if ("pil".equals(library)) {
      return Preprocess.planes(PilResize.resize(img, w, h,
          PilResize.Filter.valueOf(interpolation.toUpperCase(Locale.ROOT))));
    }
    return resize(Preprocess.planes(img), w, h);
  }

  /** Float planes in [0, 1] resized to w x h. */
  Planes resize(Planes p, int w, int h) {
    if (w == p.width() && h == p.height()) {
      return p;
    }
    if ("pil".equals(library)) {
      return resize(eightBit(p), w, h);
    }
    return TorchInterpolate.resize(p, h, w, TorchInterpolate.Mode.valueOf(interpolation.toUpperCase(Locale.ROOT)),
        antialias);
  }

  /** The id part, e.g. {@code torch-bilinear-aa} or {@code pil-bicubic}. */
  String id() {
    return library + "-" + interpolation + ("torch".equals(library) ? (antialias ? "-aa" : "-noaa") : "");
  }

  private static RgbImage eightBit(Planes p) {
    int n = p.width() * p.height();
    byte[] rgb = new byte[3 * n];
    float[] d = p.data();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        rgb[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.rint(d[c * n + i] * 255f)));
      }
    }
    return new RgbImage(p.width(), p.height(), rgb);
  }
}
