package io.sparkiqa.udfs.image;

/**
 * Pillow's reduced-scale JPEG rule ({@code JpegImageFile.draft(mode, (w, h))}), as a pure function: libjpeg decodes
 * a W x H JPEG at 1/s through its scaled inverse DCT, for the largest s in {8, 4, 2, 1} with
 * {@code s <= min(W / w, H / h)} (integer division), giving {@code ceil(W / s) x ceil(H / s)} pixels, so both sides
 * stay at least the requested ones. OpenCV's reduced {@code imdecode} runs the same libjpeg scaling and gives the
 * same pixels as Pillow (ReducedDecodeParityTest: every scale; 4:2:0, 4:2:2 and 4:4:4, baseline and progressive, grey).
 *
 * <pre>{@code
 * int s = JpegDraft.scale(4000, 3000, 224, 224);   // 8: decoded at 500 x 375
 * }</pre>
 */
public final class JpegDraft {
  /** The reductions libjpeg offers and Pillow's draft() chooses among, largest first. */
  private static final int[] SCALES = {8, 4, 2, 1};

  private JpegDraft() {
  }

  /** The reduction (1, 2, 4 or 8) draft() chooses for a {@code width x height} JPEG asked for at the requested size. */
  public static int scale(int width, int height, int requestedWidth, int requestedHeight) {
    if (requestedWidth <= 0 || requestedHeight <= 0) {
      throw new IllegalArgumentException("requested size must be positive, got " + requestedWidth + "x"
          + requestedHeight);
    }
    int most = Math.min(width / requestedWidth, height / requestedHeight);
    for (int s : SCALES) {
      if (most >= s) {
        return s;
      }
    }
    return 1;
  }

  /** One side of the image decoded at 1/{@code scale}: {@code ceil(side / scale)}, as libjpeg sizes it. */
  public static int reduced(int side, int scale) {
    return (side + scale - 1) / scale;
  }

  /** Whether {@code scale} is one libjpeg can decode at. */
  public static boolean valid(int scale) {
    return scale == 1 || scale == 2 || scale == 4 || scale == 8;
  }
}
