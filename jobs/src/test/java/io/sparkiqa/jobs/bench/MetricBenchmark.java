package io.sparkiqa.jobs.bench;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ScoreJob;
import io.sparkiqa.jobs.spark.Sessions;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The native-metric benchmark (run by scripts/bench_metrics.sh on 1024x768 JPEGs): per metric, ms/image
 * and megapixels/s on one core after a warm-up pass (decode excluded, timed on its own), then the score
 * job on local[2] per metric over 4 copies of the images (images/s, decode and Parquet write included). Full-reference metrics use the image itself
 * as reference.
 */
public final class MetricBenchmark {
  /** The score job sees each image this many times, so that job start-up does not dominate. */
  private static final int COPIES = 4;
  private MetricBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> metrics = List.of(args[1].split(","));
    String out = args[2];
    List<Path> files = images(dir);
    List<RgbImage> images = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Path p : files) {
      images.add(ImageDecoder.withDefaults().decode(Files.readAllBytes(p)).image());
    }
    double mp = images.stream().mapToDouble(i -> (double) i.width() * i.height()).sum() / 1e6 / images.size();
    System.out.printf(Locale.ROOT, "%d images, %.2f MP each; decode (first pass, cold) %.1f ms/image%n", images.size(),
        mp, (System.nanoTime() - t0) / 1e6 / images.size());
    System.out.printf(Locale.ROOT, "%-14s %10s %8s   (one core, after one warm-up pass, 2 timed passes)%n",
        "metric", "ms/image", "MP/s");
    double decode = time(files, p -> ImageDecoder.withDefaults().decode(Files.readAllBytes(p)));
    System.out.printf(Locale.ROOT, "%-14s %10.2f %8.1f%n", "decode", decode, mp / decode * 1000);
    if (metrics.contains("niqe") && metrics.contains("brisque")) {
      NiqeBrisqueVersusBaseline.run(images, mp);
    }
    for (String name : metrics) {
      Metric m = MetricTable.get(name);
      double ms = time(images, i -> m.score(i, m.spec().needsReference() ? i : null));
      System.out.printf(Locale.ROOT, "%-14s %10.2f %8.1f%n", name, ms, mp / ms * 1000);
    }
    scoreJob(dir, files, metrics, out);
  }

  private static void scoreJob(Path dir, List<Path> files, List<String> metrics, String out) throws IOException {
    Path manifest = Path.of(out, "manifest.csv");
    Files.createDirectories(manifest.getParent());
    StringBuilder csv = new StringBuilder("image_id,uri,ref_uri\n");
    for (int copy = 0; copy < COPIES; copy++) {
      for (Path p : files) {
        String uri = p.toAbsolutePath().toUri().toString();
        csv.append(copy).append('-').append(p.getFileName()).append(',').append(uri).append(',').append(uri).append('\n');
      }
    }
    Files.writeString(manifest, csv);
    SparkSession spark = Sessions.create("bench-metrics", "local[2]", Map.of("spark.sql.shuffle.partitions", "2",
        "spark.ui.enabled", "false"), List.of());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    var valid = ManifestValidator.validate(ManifestReader.read(spark, manifest.toUri().toString()), "bench").valid()
        .repartition(2).cache();
    valid.count();
    System.out.printf(Locale.ROOT, "%nscore job, local[2], %d images per run (decode + metric, Parquet write):%n",
        COPIES * files.size());
    List<String> runs = new ArrayList<>(List.of("sharpness"));
    runs.addAll(metrics);
    for (int k = 0; k < runs.size(); k++) {
      String name = runs.get(k);
      long t = System.nanoTime();
      ScoreJob.run(spark, valid, out + "/scores-" + k, new ScoreJob.Options(List.of(name), MetricCatalog.builtIn(),
          ImageDecoder.DEFAULT_MAX_PIXELS, 1L << 30, "bench-" + k, false), quiet);
      double s = (System.nanoTime() - t) / 1e9;
      if (k > 0) {
        System.out.printf(Locale.ROOT, "%-14s %8.1f images/s  (%.2f s)%n", name, COPIES * files.size() / s, s);
      }
    }
    spark.stop();
  }

  private interface Body<T> {
    void run(T t) throws Exception;
  }

  private static <T> double time(List<T> items, Body<T> body) throws Exception {
    for (T t : items) {
      body.run(t);
    }
    long t0 = System.nanoTime();
    for (int pass = 0; pass < 2; pass++) {
      for (T t : items) {
        body.run(t);
      }
    }
    return (System.nanoTime() - t0) / 1e6 / (2.0 * items.size());
  }

  private static List<Path> images(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
  }
}
