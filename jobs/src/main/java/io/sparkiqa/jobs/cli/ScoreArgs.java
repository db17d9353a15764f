package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.udfs.image.ImageDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of {@code score}, {@code run} (and later {@code audit}). */
public final class ScoreArgs {
  @Option(names = "--manifest", required = true, paramLabel = "URI",
      description = "Manifest to score: CSV with header, JSON lines (.jsonl/.json) or Parquet (file or folder); any Hadoop URI.")
  String manifest;

  @Option(names = "--models", required = true, paramLabel = "M1,M2",
      description = "Comma-separated metric names or model specs (see: sparkiqa models list), e.g. psnr,sharpness,kodak_nr or path/to/spec.json.")
  String models;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Output folder (any Hadoop URI).")
  String out;

  @Option(names = "--resume", description = "Continue an existing --out: score only (image_id, level, model) not yet in scores/.")
  boolean resume;

  @Option(names = "--overwrite", description = "Delete an existing --out first.")
  boolean overwrite;

  @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "" + ImageDecoder.DEFAULT_MAX_PIXELS,
      description = "Pixel cap read from the header before decoding; larger images fail with over_pixel_cap (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "536870912",
      description = "Largest object fetched, in bytes (default: ${DEFAULT-VALUE}).")
  long maxBytes;

  @Option(names = "--image-timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Time budget of each step on one image (read and decode, each model, a batch per image in it); a row "
          + "past it fails with 'timeout' and the task moves on (default: ${DEFAULT-VALUE}).")
  double imageTimeout;

  /** Checks everything that can be checked before Spark starts; returns the models and their catalog. */
  ModelSelection preflight(SparkOptions spark) {
    org.apache.hadoop.conf.Configuration hc = spark.hadoopConf();
    ModelSelection models = Preflight.models(this.models, hc);
    Preflight.positive("--max-pixels", maxPixels);
    Preflight.positive("--max-bytes", maxBytes);
    if (!(imageTimeout > 0) || Double.isInfinite(imageTimeout)) {
      throw new IllegalArgumentException("--image-timeout must be a positive number of seconds, got " + imageTimeout);
    }
    Preflight.inputExists(hc, "--manifest", manifest);
    Preflight.output(hc, out, resume, overwrite);
    return models;
  }

  /** {@code --image-timeout} as a duration (millisecond resolution). */
  java.time.Duration imageTimeout() {
    return java.time.Duration.ofMillis(Math.max(1, Math.round(imageTimeout * 1000)));
  }

  Map<String, Object> config(List<String> modelList) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("manifest", manifest);
    c.put("models", modelList);
    c.put("out", out);
    c.put("resume", resume);
    c.put("overwrite", overwrite);
    c.put("max_pixels", maxPixels);
    c.put("max_bytes", maxBytes);
    c.put("image_timeout_s", imageTimeout);
    return c;
  }
}
