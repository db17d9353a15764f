package io.sparkiqa.udfs.score;

import io.sparkiqa.udfs.image.DecodeException;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.metrics.MetricException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The decoded references of a task, read from {@code ref_uri} once while rows that share one keep coming: the last
 * {@link #SIZE} references (or their failures) are held, least recently used dropped first, and every scorer of the
 * task (native and deep, whatever models a row still needs) asks this one cache. Rows grouped by reference, as the
 * full-reference label files list them, read each reference once per task. One instance per task; not thread-safe.
 */
public final class ReferenceCache {
  /** How many decoded references are held. */
  public static final int SIZE = 8;

  /** Reads a reference's bytes (an {@link ImageBytes} read). */
  @FunctionalInterface
  public interface Reader {
    byte[] read(String uri) throws ImageBytes.ReadException;
  }

  private final Reader reader;
  private final ImageDecoder decoder;
  private final Map<String, Object> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> e) {
      return size() > SIZE;
    }
  };

  public ReferenceCache(Reader reader, ImageDecoder decoder) {
    this.reader = reader;
    this.decoder = decoder;
  }

  /**
   * The decoded reference, read and decoded within {@code budget} on first use; a failure (remembered for the rows
   * that share it) is {@code reference_<reason>}; a timeout is not remembered (a stalled read may succeed later).
   */
  RgbImage get(String refUri, TimeBudget budget) throws MetricException {
    Object cached = cache.get(refUri);
    if (cached == null) {
      try {
        cached = budget.run(() -> decode(refUri), 1);
      } catch (TimeoutException e) {
        throw new MetricException("reference_timeout",
            budget.timeoutError("reading and decoding " + refUri).substring("timeout: ".length()));
      }
      cache.put(refUri, cached);
    }
    if (cached instanceof MetricException e) {
      throw new MetricException(e.reasonClass(), e.getMessage());
    }
    return (RgbImage) cached;
  }

  private Object decode(String refUri) {
    try {
      return decoder.decode(reader.read(refUri)).image();
    } catch (ImageBytes.ReadException e) {
      return new MetricException("reference_" + e.reasonClass(), e.getMessage());
    } catch (DecodeException e) {
      return new MetricException("reference_" + e.reasonClass(), e.getMessage());
    }
  }
}
