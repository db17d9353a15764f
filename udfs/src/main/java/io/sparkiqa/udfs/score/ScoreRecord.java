package io.sparkiqa.udfs.score;

import java.util.Map;

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

  public boolean ok() {
    return OK.equals(status);
  }
}
