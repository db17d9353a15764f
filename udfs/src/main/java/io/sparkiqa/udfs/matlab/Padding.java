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
}
