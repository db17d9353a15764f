package io.sparkiqa.jobs.apps.sweep;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One rung of the quality ladder: a codec and a quality, encoded in memory through the OpenCV codecs the project
 * ships (libjpeg-turbo: baseline, 4:2:0, no optimisation; libwebp: lossy), its level named {@code jpeg_q80} or
 * {@code webp_q80}.
 */
public record Rung(String codec, int quality) implements Serializable {
  /** The encoder settings recorded in run.json. */
  public static final String SETTINGS = "OpenCV 4.13.0 (bytedeco 1.5.13) imencode: .jpg with IMWRITE_JPEG_QUALITY=Q "
      + "(libjpeg-turbo defaults: baseline, 4:2:0 chroma subsampling, no optimised Huffman tables, no restart "
      + "intervals); .webp with IMWRITE_WEBP_QUALITY=Q (libwebp lossy, default method and filters); input BGR 8-bit";

  public String level() {
    return codec + "_q" + quality;
  }

  public String extension() {
    return codec.equals("jpeg") ? "jpg" : "webp";
  }

  /** The encoded bytes of {@code bgr} at this rung. */
  public byte[] encode(Mat bgr) {
    try (BytePointer out = new BytePointer();
         IntPointer params = new IntPointer(codec.equals("jpeg") ? IMWRITE_JPEG_QUALITY : IMWRITE_WEBP_QUALITY, quality)) {
      if (!imencode("." + extension(), bgr, out, params)) {
        throw new IllegalStateException("OpenCV could not encode " + level());
      }
      byte[] b = new byte[(int) out.limit()];
      out.get(b);
      return b;
    }
  }

  /** The rungs of comma-separated qualities (1..100) of {@code codec}; an empty text gives none. */
  public static List<Rung> parse(String codec, String qualities) {
    List<Rung> out = new ArrayList<>();
    if (qualities == null || qualities.isBlank()) {
      return out;
    }
    for (String q : qualities.split(",")) {
      int v;
      try {
        v = Integer.parseInt(q.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + codec + " " + qualities + ": '" + q.trim() + "' is not a quality");
      }
      if (v < 1 || v > 100) {
        throw new IllegalArgumentException("--" + codec + " " + qualities + ": qualities are 1..100, got " + v);
      }
      if (out.contains(new Rung(codec, v))) {
        throw new IllegalArgumentException("--" + codec + " " + qualities + ": quality " + v + " is given twice");
      }
      out.add(new Rung(codec, v));
    }
    return out;
  }
}
