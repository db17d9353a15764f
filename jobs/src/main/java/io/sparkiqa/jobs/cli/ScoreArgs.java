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

  /** Checks everything that can be checked before Spark starts; returns the models and their catalog. */
  ModelSelection preflight(SparkOptions spark) {
    org.apache.hadoop.conf.Configuration hc = spark.hadoopConf();
    ModelSelection models = Preflight.models(this.models, hc);
    Preflight.positive("--max-pixels", maxPixels);
    Preflight.positive("--max-bytes", maxBytes);
    Preflight.inputExists(hc, "--manifest", manifest);
    Preflight.output(hc, out, resume, overwrite);
    return models;
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
    return c;
  }
}
