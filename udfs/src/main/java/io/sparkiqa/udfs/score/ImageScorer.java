package io.sparkiqa.udfs.score;

import io.sparkiqa.udfs.image.DecodeException;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.ImageDecoder.DecodedImage;
import io.sparkiqa.udfs.image.ImageInfo;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import io.sparkiqa.udfs.metrics.MetricResult;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one manifest row with every requested metric: fetches and decodes the image once, crops it if
 * the row has a box, decodes the reference at most once per scorer for a run of rows that share it
 * (a small LRU), and turns every problem into a failed {@link ScoreRecord} with a reason. One instance
 * per task; not thread-safe.
 *
 * <pre>{@code
 * ImageScorer s = new ImageScorer(bytes, decoder, List.of(MetricTable.get("psnr")), runId);
 * List<ScoreRecord> rows = s.score(request);   // one row per metric, never throws for bad input
 * }</pre>
 */
public final class ImageScorer {
  private static final int REF_CACHE = 8;

  private final ImageBytes bytes;
  private final ImageDecoder decoder;
  private final List<Metric> metrics;
  private final String runId;
  private final Map<String, Object> refCache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> e) {
      return size() > REF_CACHE;
    }
  };

  public ImageScorer(ImageBytes bytes, ImageDecoder decoder, List<Metric> metrics, String runId) {
    this.bytes = bytes;
    this.decoder = decoder;
    this.metrics = List.copyOf(metrics);
    this.runId = runId;
  }

  public List<ScoreRecord> score(ScoreRequest req) {
    long t0 = System.nanoTime();
    byte[] data;
    try {
      data = bytes.read(req.uri());
    } catch (ImageBytes.ReadException e) {
      return failAll(req, null, null, e.reasonClass(), e.getMessage(), t0);
    }
    String sha = sha256(data);
    DecodedImage decoded;
    try {
      decoded = decoder.decode(data);
    } catch (DecodeException e) {
      return failAll(req, null, sha, e.reasonClass(), e.getMessage(), t0);
    }
    RgbImage image = decoded.image();
    if (req.hasCrop()) {
      try {
        image = image.crop(req.cropTop(), req.cropLeft(), req.cropBottom(), req.cropRight());
      } catch (IllegalArgumentException e) {
        return failAll(req, decoded.info(), sha, "crop_outside_image", e.getMessage(), t0);
      }
    }
    long sharedNanos = System.nanoTime() - t0;
    List<ScoreRecord> out = new ArrayList<>(metrics.size());
    for (Metric m : metrics) {
      long t1 = System.nanoTime();
      try {
        RgbImage ref = null;
        if (m.spec().needsReference() && req.refUri() != null) {
          ref = reference(req.refUri());
        }
        MetricResult r = m.score(image, ref);
        out.add(record(req, m, decoded.info(), sha, r.score(), null, r.diagnostics(), sharedNanos + System.nanoTime() - t1));
      } catch (MetricException e) {
        out.add(record(req, m, decoded.info(), sha, null, e.reasonClass() + ": " + e.getMessage(), Map.of(),
            sharedNanos + System.nanoTime() - t1));
      } catch (RuntimeException e) {
        out.add(record(req, m, decoded.info(), sha, null, "internal_error: " + e, Map.of(),
            sharedNanos + System.nanoTime() - t1));
      }
    }
    return out;
  }

  private RgbImage reference(String refUri) throws MetricException {
    Object cached = refCache.get(refUri);
    if (cached == null) {
      try {
        cached = decoder.decode(bytes.read(refUri)).image();
      } catch (ImageBytes.ReadException e) {
        cached = new MetricException("reference_" + e.reasonClass(), e.getMessage());
      } catch (DecodeException e) {
        cached = new MetricException("reference_" + e.reasonClass(), e.getMessage());
      }
      refCache.put(refUri, cached);
    }
    if (cached instanceof MetricException e) {
      throw new MetricException(e.reasonClass(), e.getMessage());
    }
    return (RgbImage) cached;
  }

  private List<ScoreRecord> failAll(ScoreRequest req, ImageInfo info, String sha, String reason, String msg, long t0) {
    long nanos = System.nanoTime() - t0;
    List<ScoreRecord> out = new ArrayList<>(metrics.size());
    for (Metric m : metrics) {
      out.add(record(req, m, info, sha, null, reason + ": " + msg, Map.of(), nanos));
    }
    return out;
  }

  private ScoreRecord record(ScoreRequest req, Metric m, ImageInfo info, String sha, Double score, String error,
                             Map<String, Double> diagnostics, long nanos) {
    boolean ok = error == null;
    return new ScoreRecord(req.imageId(), req.level(), m.spec().name(), ok ? score : null,
        ok ? ScoreRecord.OK : ScoreRecord.FAILED, error,
        info == null ? null : info.width(), info == null ? null : info.height(),
        info == null ? null : info.format(), info == null ? null : info.mode(),
        info == null ? null : info.bitDepth(), info == null ? null : info.exifOrientation(),
        info == null ? null : info.hasAlpha(), sha, m.modelSha256(), m.spec().preprocess(), runId,
        nanos / 1_000_000, diagnostics);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
