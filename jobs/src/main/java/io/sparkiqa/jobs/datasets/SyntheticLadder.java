package io.sparkiqa.jobs.datasets;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.contracts.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Writes the "synthetic distortion ladder": each photo x three distortions x five fixed levels, with
 * {@code ref_uri} pointing at the pristine photo and {@code mos} = severity rank (5 mildest .. 1 worst,
 * {@code mos_scale=severity-rank}). It is a synthetic ranking, not human opinion.
 * <ul>
 *   <li>jpeg: OpenCV/libjpeg-turbo quality 90, 70, 50, 30, 10 (4:2:0), stored as .jpg;</li>
 *   <li>blur: Gaussian sigma 0.5, 1, 2, 3, 5 px, kernel 2*ceil(4 sigma)+1, reflect-101 border, stored as .png;</li>
 *   <li>noise: additive white Gaussian sigma 2, 5, 10, 20, 40 (8-bit scale), per-sample from a
 *       {@link SplittableRandom} seeded by (seed, photo, level), rounded and clipped, stored as .png.</li>
 * </ul>
 * One more row points at a truncated copy of a JPEG, so the quickstart shows a failure row. The pristine photos
 * are copied next to the images ({@code NAME_ref.png}), so every URI in the manifest lies in the output folder.
 */
public final class SyntheticLadder {
  /** The fixed levels, mildest first. */
  public static final Map<String, double[]> LEVELS = new LinkedHashMap<>();

  static {
    LEVELS.put("jpeg", new double[] {90, 70, 50, 30, 10});
    LEVELS.put("blur", new double[] {0.5, 1, 2, 3, 5});
    LEVELS.put("noise", new double[] {2, 5, 10, 20, 40});
  }

  private SyntheticLadder() {
  }

  /**
   * @param photos pristine images (PNG) to distort
   * @param out    where images and {@code manifest.jsonl} go (any Hadoop URI; published by the caller)
   * @return the manifest's URI
   */
  public static String write(List<Path> photos, OutputFolder out, long seed) {
    Path outDir = out.local();
    try {
      Path manifest = outDir.resolve("manifest.jsonl");
      ObjectMapper json = new ObjectMapper();
      try (Writer w = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
        for (Path photo : photos) {
          String name = photo.getFileName().toString().replaceFirst("\\.[^.]+$", "");
          String ref = out.uri(Files.copy(photo, outDir.resolve(name + "_ref.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING));
          try (Mat bgr = imread(photo.toAbsolutePath().toString(), IMREAD_COLOR)) {
            if (bgr.empty()) {
              throw new IllegalArgumentException("cannot read photo " + photo);
            }
            for (Map.Entry<String, double[]> d : LEVELS.entrySet()) {
              for (int i = 0; i < 5; i++) {
                double param = d.getValue()[i];
                Path file = outDir.resolve(String.format(Locale.ROOT, "%s_%s_%d.%s", name, d.getKey(), i + 1,
                    d.getKey().equals("jpeg") ? "jpg" : "png"));
                distort(bgr, d.getKey(), param, seed, name, i, file);
                w.write(json.writeValueAsString(row(name + "/" + d.getKey() + "/" + (i + 1), out.uri(file),
                    ref, 5 - i, d.getKey(), i + 1, param, name, null)) + "\n");
              }
            }
          }
        }
        String first = photos.get(0).getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path good = outDir.resolve(first + "_jpeg_3.jpg");
        Path corrupt = outDir.resolve(first + "_jpeg_3_truncated.jpg");
        byte[] b = Files.readAllBytes(good);
        Files.write(corrupt, java.util.Arrays.copyOf(b, b.length * 6 / 10));
        w.write(json.writeValueAsString(row(first + "/jpeg/3/truncated", out.uri(corrupt),
            out.uri(first + "_ref.png"), 3, "jpeg", 3, LEVELS.get("jpeg")[2], first, "truncated copy of " + good.getFileName())) + "\n");
      }
      return out.uri(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> row(String id, String file, String ref, int mos, String distortion, int level,
                                         double param, String photo, String note) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("image_id", id);
    r.put("uri", file);
    r.put("ref_uri", ref);
    r.put("dataset", "synthetic-ladder");
    r.put("level", "image");
    r.put("mos", mos);
    r.put("mos_scale", "severity-rank");
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("distortion", distortion);
    attrs.put("level", Integer.toString(level));
    attrs.put("param", String.format(Locale.ROOT, "%g", param).replaceAll("\\.?0+$", ""));
    attrs.put("photo", photo);
    if (note != null) {
      attrs.put("note", note);
    }
    r.put("attrs", attrs);
    return r;
  }

  static void distort(Mat bgr, String kind, double param, long seed, String photo, int level, Path file) {
    String path = file.toAbsolutePath().toString();
    switch (kind) {
      case "jpeg" -> {
        try (org.bytedeco.javacpp.IntPointer p = new org.bytedeco.javacpp.IntPointer(IMWRITE_JPEG_QUALITY, (int) param)) {
          check(imwrite(path, bgr, p), path);
        }
      }
      case "blur" -> {
        int k = 2 * (int) Math.ceil(4 * param) + 1;
        try (Mat out = new Mat()) {
          opencv_imgproc.GaussianBlur(bgr, out, new Size(k, k), param, param, opencv_core.BORDER_REFLECT_101,
              opencv_core.ALGO_HINT_ACCURATE);
          check(imwrite(path, out), path);
        }
      }
      case "noise" -> {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + photo.hashCode() * 31L + level);
        byte[] px = new byte[(int) (bgr.total() * bgr.channels())];
        bgr.data().get(px);
        for (int i = 0; i < px.length; i++) {
          long v = Math.round((px[i] & 0xff) + param * gaussian(rnd));
          px[i] = (byte) Math.max(0, Math.min(255, v));
        }
        try (Mat out = new Mat(bgr.rows(), bgr.cols(), bgr.type(), new BytePointer(px))) {
          check(imwrite(path, out), path);
        }
      }
      default -> throw new IllegalArgumentException(kind);
    }
  }

  /** Standard normal by Box-Muller, so the stream is fixed across JDK versions. */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static void check(boolean ok, String path) {
    if (!ok) {
      throw new UncheckedIOException(new IOException("OpenCV could not write " + path));
    }
  }
}
