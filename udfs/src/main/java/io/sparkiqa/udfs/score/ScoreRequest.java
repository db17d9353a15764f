package io.sparkiqa.udfs.score;

import java.io.Serializable;

/**
 * One manifest row to score: the image, its optional reference, and an optional crop box in pixels of
 * the decoded original ({@code null} box fields mean the whole image).
 */
public record ScoreRequest(String imageId, String level, String uri, String refUri,
                           Integer cropTop, Integer cropLeft, Integer cropBottom, Integer cropRight)
    implements Serializable {

  public boolean hasCrop() {
    return cropTop != null && cropLeft != null && cropBottom != null && cropRight != null;
  }
}
