package io.sparkiqa.jobs.datasets;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
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
import java.util.Map;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * A synthetic "generated-image corpus" for audits: centred 512x384 crops of the photos rendered through
 * six pseudo-generators with fixed artefacts (gen-a clean PNG, gen-b/c/d Gaussian blur sigma 1/2/4,
 * gen-e noise sigma 15, gen-f JPEG quality 10), each row with a pseudo-prompt and style in {@code attrs};
 * plus what a real corpus contains: an exact duplicate, a grey and an RGBA image, a truncated JPEG, an
 * empty file, a text file named .png and a missing object. No {@code mos}.
 */
public final class GeneratedCorpus {
  /** Generator name to (distortion, parameter) in SyntheticLadder's terms; gen-a is the clean crop. */
  public static final Map<String, Object[]> GENERATORS = new LinkedHashMap<>();
  private static final String[] STYLES = {"photo", "watercolour", "cinematic", "studio"};
  private static final String[] SUBJECTS = {"a lighthouse at dusk", "a red door", "parrots on a branch",
      "a mountain lake", "a street market", "an old sailing boat"};

  static {
    GENERATORS.put("gen-a", new Object[] {null, 0.0});
    GENERATORS.put("gen-b", new Object[] {"blur", 1.0});
    GENERATORS.put("gen-c", new Object[] {"blur", 2.0});
    GENERATORS.put("gen-d", new Object[] {"blur", 4.0});
    GENERATORS.put("gen-e", new Object[] {"noise", 15.0});
    GENERATORS.put("gen-f", new Object[] {"jpeg", 10.0});
  }

  private GeneratedCorpus() {
  }

  /** Writes the images and {@code manifest.jsonl} into {@code out} (published by the caller); returns the manifest's URI. */
  public static String write(List<Path> photos, OutputFolder out, long seed) {
    Path outDir = out.local();
    try {
      Path manifest = outDir.resolve("manifest.jsonl");
      ObjectMapper json = new ObjectMapper();
      try (Writer w = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
        int k = 0;
        for (Path photo : photos) {
          String name = photo.getFileName().toString().replaceFirst("\\.[^.]+$", "");
          try (Mat full = imread(photo.toAbsolutePath().toString(), IMREAD_COLOR)) {
            if (full.empty()) {
              throw new IllegalArgumentException("cannot read photo " + photo);
            }
            try (Mat crop = new Mat(full, new Rect((full.cols() - 512) / 2, (full.rows() - 384) / 2, 512, 384)).clone()) {
              for (Map.Entry<String, Object[]> g : GENERATORS.entrySet()) {
                String kind = (String) g.getValue()[0];
                Path file = outDir.resolve(g.getKey() + "_" + name + ("jpeg".equals(kind) ? ".jpg" : ".png"));
                if (kind == null) {
                  check(imwrite(file.toString(), crop), file);
                } else {
                  SyntheticLadder.distort(crop, kind, (Double) g.getValue()[1], seed, name, 0, file);
                }
                w.write(json.writeValueAsString(row(g.getKey() + "/" + name, out.uri(file),
                    g.getKey(), k++)) + "\n");
              }
              if (photo.equals(photos.get(0))) {
                extras(crop, out, name, w, json);
              }
            }
          }
        }
      }
      return out.uri(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void extras(Mat crop, OutputFolder folder, String name, Writer w, ObjectMapper json) throws IOException {
    Path out = folder.local();
    Path clean = out.resolve("gen-a_" + name + ".png");
    Path dup = Files.copy(clean, out.resolve("gen-a_" + name + "_copy.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    w.write(json.writeValueAsString(row("gen-a/" + name + "/copy", folder.uri(dup), "gen-a", 0)) + "\n");
    try (Mat grey = new Mat(); Mat rgba = new Mat()) {
      opencv_imgproc.cvtColor(crop, grey, opencv_imgproc.COLOR_BGR2GRAY);
      opencv_imgproc.cvtColor(crop, rgba, opencv_imgproc.COLOR_BGR2BGRA);
      Path g = out.resolve("misc_" + name + "_grey.png");
      Path a = out.resolve("misc_" + name + "_rgba.png");
      check(imwrite(g.toString(), grey), g);
      check(imwrite(a.toString(), rgba), a);
      w.write(json.writeValueAsString(row("misc/" + name + "/grey", folder.uri(g), "misc", 1)) + "\n");
      w.write(json.writeValueAsString(row("misc/" + name + "/rgba", folder.uri(a), "misc", 2)) + "\n");
    }
    Path jpeg = out.resolve("gen-f_" + name + ".jpg");
    byte[] b = Files.readAllBytes(jpeg);
    Path truncated = Files.write(out.resolve("broken_truncated.jpg"), java.util.Arrays.copyOf(b, b.length / 2));
    Path empty = Files.write(out.resolve("broken_empty.png"), new byte[0]);
    Path text = Files.writeString(out.resolve("broken_text.png"), "this is not an image\n");
    Path missing = out.resolve("broken_missing.png");
    Files.deleteIfExists(missing);
    int i = 3;
    for (Path p : List.of(truncated, empty, text, missing)) {
      String id = p.getFileName().toString().replaceFirst("\\.[^.]+$", "").replace('_', '/');
      w.write(json.writeValueAsString(row(id, folder.uri(p), "broken", i++)) + "\n");
    }
  }

  private static Map<String, Object> row(String id, String file, String generator, int k) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("image_id", id);
    r.put("uri", file);
    r.put("dataset", "generated-corpus");
    r.put("level", "image");
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("generator", generator);
    attrs.put("style", STYLES[k % STYLES.length]);
    attrs.put("prompt", SUBJECTS[k % SUBJECTS.length] + ", " + STYLES[k % STYLES.length] + " style");
    r.put("attrs", attrs);
    return r;
  }

  private static void check(boolean ok, Path path) {
    if (!ok) {
      throw new UncheckedIOException(new IOException("OpenCV could not write " + path));
    }
  }
}
