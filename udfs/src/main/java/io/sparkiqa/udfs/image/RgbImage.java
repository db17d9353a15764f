package io.sparkiqa.udfs.image;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code rgb[3 * (y * width + x) + c]}, c = 0 R, 1 G, 2 B).
 *
 * <p>This is what every metric and scorer receives: the decoder has already applied the colour policy
 * (grey replicated, alpha dropped, CMYK converted, 16-bit reduced), so consumers never branch on modes.
 *
 * <pre>{@code
 * RgbImage img = ImageDecoder.withDefaults().decode(bytes).image();
 * int red = img.sample(10, 20, 0);
 * }</pre>
 */
public record RgbImage(int width, int height, byte[] rgb) {

  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
    }
    if (rgb.length != 3L * width * height) {
      throw new IllegalArgumentException("rgb length " + rgb.length + " != 3*" + width + "*" + height);
    }
  }

  /** Unsigned sample at (x, y), channel c. */
  public int sample(int x, int y, int c) {
    return rgb[3 * (y * width + x) + c] & 0xff;
  }

  public long pixels() {
    return (long) width * height;
  }

  /** The pixels inside the box [top, bottom) x [left, right), as a new image. */
  public RgbImage crop(int top, int left, int bottom, int right) {
    if (top < 0 || left < 0 || bottom > height || right > width || top >= bottom || left >= right) {
      throw new IllegalArgumentException("crop box (top=" + top + ", left=" + left + ", bottom=" + bottom
          + ", right=" + right + ") is outside the " + width + "x" + height + " image");
    }
    int w = right - left;
    int h = bottom - top;
    byte[] out = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(rgb, 3 * ((top + y) * width + left), out, 3 * y * w, 3 * w);
    }
    return new RgbImage(w, h, out);
  }
}
