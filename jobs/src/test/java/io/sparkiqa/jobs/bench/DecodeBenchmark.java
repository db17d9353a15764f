package io.sparkiqa.jobs.bench;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.models.ModelMetric;
import io.sparkiqa.udfs.models.ModelSpecs;
import io.sparkiqa.udfs.score.ImageLoader;
import io.sparkiqa.udfs.score.ScoreRequest;
import io.sparkiqa.udfs.score.TimeBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The reduced-decode benchmark (scripts/bench_decode.sh): one model on large JPEGs through the score job's own
 * per-image pipeline without Spark (read, hash, decode at the row's scale, the spec's preprocessing, one forward
 * pass, the head), once with the spec as it is (full-size decode) and once with {@code "decode": {"reduce":
 * "draft"}}, interleaved image by image on one thread (the order alternating) so that both see the same machine
 * load; model load and a warm-up image excluded. Prints images/s both ways and their ratio, for the whole pipeline
 * and for decode + preprocess alone (the part the option changes), and the milliseconds per image of the load (read
 * + hash + decode), the preprocessing and the model. Arguments: image folder, spec, draft spec, passes over the
 * images.
 */
public final class DecodeBenchmark {
  private DecodeBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    Configuration conf = new Configuration();
    ModelMetric[] models = {metric(args[1], conf), metric(args[2], conf)};
    String[] names = {"full-size decode", "draft decode"};
    int passes = Integer.parseInt(args[3]);
    ImageLoader loader = new ImageLoader(new ImageBytes(conf, 1L << 30), ImageDecoder.withDefaults(),
        new TimeBudget(TimeBudget.DEFAULT));
    long[][] nanos = new long[2][3];
    double[] scores = new double[2];
    double maxDiff = 0;
    for (int v = 0; v < 2; v++) {
      run(loader, models[v], files.get(0), new long[3]);  // warm-up: model load, JIT
    }
    ImageLoader.Loaded sample = loader.load(request(files.get(0)), List.of(models[1]));
    System.out.printf(Locale.ROOT, "%d JPEGs of %dx%d, %d passes, one thread; the draft spec decodes them at 1/%d "
        + "(%dx%d); preprocess %s%n", files.size(), sample.decoded().info().width(), sample.decoded().info().height(),
        passes, sample.decoded().scale(), sample.image().width(), sample.image().height(),
        models[0].spec().preprocess());
    for (int p = 0; p < passes; p++) {
      for (int i = 0; i < files.size(); i++) {
        for (int k = 0; k < 2; k++) {
          int v = (i + p + k) % 2;
          scores[v] = run(loader, models[v], files.get(i), nanos[v]);
        }
        maxDiff = Math.max(maxDiff, Math.abs(scores[0] - scores[1]));
      }
    }
    int n = passes * files.size();
    double[] rate = new double[2];
    double[] prep = new double[2];
    for (int v = 0; v < 2; v++) {
      long[] t = nanos[v];
      rate[v] = n / ((t[0] + t[1] + t[2]) / 1e9);
      prep[v] = n / ((t[0] + t[1]) / 1e9);
      System.out.printf(Locale.ROOT, "  %-17s %6.2f images/s (decode + preprocess alone %6.2f)   ms/image: load %6.1f, "
          + "preprocess %6.1f, model %6.1f%n", names[v], rate[v], prep[v], t[0] / 1e6 / n, t[1] / 1e6 / n,
          t[2] / 1e6 / n);
    }
    System.out.printf(Locale.ROOT, "  draft / full-size = %.2f images/s (decode + preprocess alone: %.2f); largest "
        + "score difference between the two: %.3g%n", rate[1] / rate[0], prep[1] / prep[0], maxDiff);
    System.out.printf(Locale.ROOT, "RESULT decode full=%.3f draft=%.3f ratio=%.3f prep_ratio=%.3f%n", rate[0], rate[1],
        rate[1] / rate[0], prep[1] / prep[0]);
  }

  private static ModelMetric metric(String spec, Configuration conf) {
    String uri = Path.of(spec).toAbsolutePath().toString();
    return new ModelMetric(ModelSpecs.load(uri, conf), uri, conf);
  }

  private static ScoreRequest request(Path file) {
    return new ScoreRequest(file.getFileName().toString(), null, file.toUri().toString(), null, null, null, null, null);
  }

  /** Scores one image with one model, adding the load, preprocess and model nanoseconds to {@code nanos}. */
  private static double run(ImageLoader loader, ModelMetric m, Path file, long[] nanos) throws Exception {
    long t0 = System.nanoTime();
    ImageLoader.Loaded l = loader.load(request(file), List.of(m));
    if (!l.ok()) {
      throw new IllegalStateException(file + ": " + l.failure());
    }
    long t1 = System.nanoTime();
    List<io.sparkiqa.udfs.models.Preprocess.Tensor> input = m.prepare(l.image());
    long t2 = System.nanoTime();
    double score = m.scoreBatch(List.of(input)).get(0).score();
    nanos[0] += t1 - t0;
    nanos[1] += t2 - t1;
    nanos[2] += System.nanoTime() - t2;
    return score;
  }
}
