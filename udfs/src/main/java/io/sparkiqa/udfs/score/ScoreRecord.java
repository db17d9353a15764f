package io.sparkiqa.udfs.score;

import java.util.Map;
import java.util.Set;

/**
 * One scores row (DESIGN.md section 2): the result of one model on one (image_id, level), ok or failed.
 * Header facts are filled whenever the header could be read, also on failed rows.
 */
public record ScoreRecord(String imageId, String level, String model, Double score, String status, String error,
                          Integer width, Integer height, String format, String mode, Integer bitDepth,
                          Integer exifOrientation, Boolean hasAlpha, String contentSha256, String modelSha256,
                          String preprocess, String runId, long millis, Map<String, Double> diagnostics) {

  public static final String OK = "ok";
  public static final String FAILED = "failed";

  /**
   * Failure classes that may not recur (a storage hiccup, a stalled step, a bug hit under load): a resumed run scores
   * these rows again. Every other class (a corrupt file, a missing object, an image over a cap) is permanent.
   */
  public static final Set<String> TRANSIENT = Set.of("read_error", "timeout", "server_unavailable", "internal_error",
      "reference_read_error", "reference_timeout", "reference_server_unavailable");

  /** The reason class of an {@code error} text ({@code reason_class: message}); null for null. */
  public static String reasonClass(String error) {
    if (error == null) {
      return null;
    }
    int colon = error.indexOf(':');
    return (colon < 0 ? error : error.substring(0, colon)).strip();
  }

  public boolean ok() {
    return OK.equals(status);
  }
}
