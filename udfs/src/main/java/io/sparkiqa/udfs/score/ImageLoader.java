package io.sparkiqa.udfs.score;

import io.sparkiqa.udfs.image.DecodeException;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.ImageDecoder.DecodedImage;
import io.sparkiqa.udfs.image.ImageInfo;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Metric;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The I/O half of scoring one manifest row: read the bytes, hash them, decode, crop to the row's box. Never
 * throws for bad input: the result carries the failure reason instead. One instance per thread (it may run
 * on a decode-ahead thread while the task thread scores the previous rows).
 */
public final class ImageLoader {
  private final ImageBytes bytes;
  private final ImageDecoder decoder;
  private final TimeBudget budget;

  /** A loader whose reads and decodes each get {@code budget} ({@link TimeBudget}). */
  public ImageLoader(ImageBytes bytes, ImageDecoder decoder, TimeBudget budget) {
    this.bytes = bytes;
    this.decoder = decoder;
    this.budget = budget;
  }

  /**
   * A loaded row: the image (null on failure), the header facts and content hash when they could be read,
   * the failure as "reason_class: message" (null when loaded), and the nanoseconds spent.
   */
  public record Loaded(ScoreRequest request, DecodedImage decoded, RgbImage image, String sha256, String failure,
                       long nanos) {
    public boolean ok() {
      return failure == null;
    }
  }

  /** Reads, decodes (at full size) and crops one row within the time budget; an overrun fails with {@code timeout}. */
  public Loaded load(ScoreRequest req) {
    return load(req, List.of());
  }

  /**
   * As {@link #load(ScoreRequest)}, a JPEG decoded once at the least reduction all of {@code metrics} accept
   * ({@link DecodeScale}; the header facts keep the original size).
   */
  public Loaded load(ScoreRequest req, List<Metric> metrics) {
    long t0 = System.nanoTime();
    ToIntFunction<ImageInfo> scale = DecodeScale.of(req, metrics);
    try {
      return budget.run(() -> loadNow(req, scale, t0), 1);
    } catch (java.util.concurrent.TimeoutException e) {
      return new Loaded(req, null, null, null, budget.timeoutError("reading and decoding the image"),
          System.nanoTime() - t0);
    }
  }

  private Loaded loadNow(ScoreRequest req, ToIntFunction<ImageInfo> scale, long t0) {
    byte[] data;
    try {
      data = bytes.read(req.uri());
    } catch (ImageBytes.ReadException e) {
      return new Loaded(req, null, null, null, e.reasonClass() + ": " + e.getMessage(), System.nanoTime() - t0);
    }
    String sha = io.sparkiqa.udfs.io.Sha256.hex(data);
    DecodedImage decoded;
    try {
      decoded = decoder.decode(data, scale);
    } catch (DecodeException e) {
      return new Loaded(req, null, null, sha, e.reasonClass() + ": " + e.getMessage(), System.nanoTime() - t0);
    }
    RgbImage image = decoded.image();
    if (req.hasCrop()) {
      try {
        image = image.crop(req.cropTop(), req.cropLeft(), req.cropBottom(), req.cropRight());
      } catch (IllegalArgumentException e) {
        return new Loaded(req, decoded, null, sha, "crop_outside_image: " + e.getMessage(), System.nanoTime() - t0);
      }
    }
    return new Loaded(req, decoded, image, sha, null, System.nanoTime() - t0);
  }
}
