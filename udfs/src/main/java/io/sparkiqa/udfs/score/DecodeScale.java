package io.sparkiqa.udfs.score;

import io.sparkiqa.udfs.image.ImageInfo;
import io.sparkiqa.udfs.metrics.Metric;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The one JPEG reduction a manifest row is decoded at for all its metrics: the least any of them accepts
 * ({@link Metric#decodeScale}, asked with the original size from the header). A row with a crop box or a reference
 * decodes at full size: its box is in original pixels and a full-reference pair compares full images.
 */
final class DecodeScale {
  private DecodeScale() {
  }

  static ToIntFunction<ImageInfo> of(ScoreRequest req, List<Metric> metrics) {
    if (metrics.isEmpty() || req.hasCrop() || req.refUri() != null) {
      return info -> 1;
    }
    return info -> {
      int scale = Integer.MAX_VALUE;
      for (Metric m : metrics) {
        scale = Math.min(scale, m.decodeScale(info.width(), info.height()));
      }
      return scale;
    };
  }
}
