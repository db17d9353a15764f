package io.sparkiqa.jobs.bench;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.jobs.score.ScoreJob;
import io.sparkiqa.jobs.spark.Sessions;
import io.sparkiqa.udfs.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Images/s of the score job on {@code local[2]} for each model named, in one run on the same 512x512 JPEGs (the
 * centre crops of the bundled Kodak photos, the size of AGIQA-3K's images): scripts/bench_default_model.sh compares
 * the default deep model with NIQE. Each model gets a warm-up job (model load, code paths) before the timed job.
 * Arguments: out folder, copies (the timed job sees each of the 24 crops that many times), models (as --models).
 * Prints {@code RESULT model images_per_s=...} per model.
 */
public final class DefaultModelThroughput {
  private DefaultModelThroughput() {
  }

  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args[0]));
    int copies = Integer.parseInt(args[1]);
    List<Path> crops = crops(Path.of("data/kodak"), Files.createDirectories(out.resolve("images")));
    SparkSession spark = Sessions.create("bench-default-model", "local[2]", Map.of("spark.ui.enabled", "false",
        "spark.sql.shuffle.partitions", "2"), List.of());
    ModelSelection selection = ModelSelection.of(args[2], spark.sparkContext().hadoopConfiguration());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (String model : selection.names()) {
      scoreJob(spark, selection, model, crops, 1, out.resolve(model + "-warmup"), quiet);
      double s = scoreJob(spark, selection, model, crops, copies, out.resolve(model), quiet);
      System.out.printf(Locale.ROOT, "RESULT %s images_per_s=%.1f (%d images of 512x512 in %.1f s)%n", model,
          copies * crops.size() / s, copies * crops.size(), s);
    }
    spark.stop();
  }

  /** The 512x512 centre crop of each Kodak PNG as a quality-75 JPEG (ImageIO's default). */
  private static List<Path> crops(Path kodak, Path dir) throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(kodak)) {
      for (Path p : s.filter(x -> x.toString().endsWith(".png")).sorted().toList()) {
        BufferedImage img = ImageIO.read(p.toFile());
        BufferedImage crop = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        crop.getGraphics().drawImage(img.getSubimage((img.getWidth() - 512) / 2, (img.getHeight() - 512) / 2, 512, 512),
            0, 0, null);
        Path jpg = dir.resolve(p.getFileName().toString().replace(".png", ".jpg"));
        ImageIO.write(crop, "jpg", jpg.toFile());
        out.add(jpg);
      }
    }
    return out;
  }

  private static double scoreJob(SparkSession spark, ModelSelection selection, String model, List<Path> files,
                                 int copies, Path out, PrintStream quiet) throws Exception {
    StringBuilder csv = new StringBuilder("image_id,uri\n");
    for (int c = 0; c < copies; c++) {
      for (Path p : files) {
        csv.append(c).append('-').append(p.getFileName()).append(',').append(p.toAbsolutePath().toUri()).append('\n');
      }
    }
    if (Files.exists(out)) { // a fresh scores/ each run
      try (Stream<Path> old = Files.walk(out)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path manifest = Files.writeString(Files.createDirectories(out).resolve("manifest.csv"), csv);
    Dataset<Row> valid = ManifestValidator.validate(ManifestReader.read(spark, manifest.toUri().toString()), "bench")
        .valid().cache();
    valid.count();
    long t = System.nanoTime();
    ScoreJob.Result r = ScoreJob.run(spark, valid, out.resolve("scores").toUri().toString(),
        new ScoreJob.Options(List.of(model), selection.catalog(), ImageDecoder.DEFAULT_MAX_PIXELS, 1L << 30,
            "bench-" + System.nanoTime(), false), quiet);
    double s = (System.nanoTime() - t) / 1e9;
    valid.unpersist();
    if (r.rowsFailed() > 0 || r.rowsOk() != (long) copies * files.size()) {
      throw new IllegalStateException(model + ": " + r.rowsFailed() + " failed rows, " + r.rowsOk() + " ok; see " + out);
    }
    return s;
  }
}
