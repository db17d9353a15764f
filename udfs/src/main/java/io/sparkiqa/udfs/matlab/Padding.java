package io.sparkiqa.udfs.matlab;

/**
 * How a 'same'-size filter sees pixels outside the image: {@code imfilter(..., 'replicate')} repeats the
 * edge pixels (NIQE); {@code filter2(..., 'same')} pads with zeros (BRISQUE).
 */
public enum Padding {
  REPLICATE, ZERO;

  /** The image padded by {@code r} pixels on every side, as this padding defines the outside. */
  public GreyImage pad(GreyImage img, int r) {
    int w = img.width();
    int h = img.height();
    int pw = w + 2 * r;
    double[] out = new double[pw * (h + 2 * r)];
    for (int y = -r; y < h + r; y++) {
      boolean rowInside = y >= 0 && y < h;
      int yy = Math.min(h - 1, Math.max(0, y));
      for (int x = -r; x < w + r; x++) {
        boolean inside = rowInside && x >= 0 && x < w;
        if (inside || this == REPLICATE) {
          out[(y + r) * pw + x + r] = img.v()[yy * w + Math.min(w - 1, Math.max(0, x))];
        }
      }
    }
    return new GreyImage(pw, h + 2 * r, out);
  }

  /**
   * The (2r+1) x (2r+1) window around (x, y) of the image padded by r, row-major: the same values as
   * {@code pad(img, r)} at (x .. x+2r, y .. y+2r), without padding the whole image.
   */
  public GreyImage window(GreyImage img, int x, int y, int r) {
    int w = img.width();
    int h = img.height();
    int k = 2 * r + 1;
    double[] out = new double[k * k];
    for (int dy = 0; dy < k; dy++) {
      int yy = y + dy - r;
      for (int dx = 0; dx < k; dx++) {
        int xx = x + dx - r;
        boolean inside = yy >= 0 && yy < h && xx >= 0 && xx < w;
        if (inside || this == REPLICATE) {
          out[dy * k + dx] = img.v()[Math.min(h - 1, Math.max(0, yy)) * w + Math.min(w - 1, Math.max(0, xx))];
        }
      }
    }
    return new GreyImage(k, k, out);
  }
}
