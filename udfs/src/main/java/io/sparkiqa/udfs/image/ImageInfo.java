package io.sparkiqa.udfs.image;

/**
 * What the file header says about an image, read before any pixel is allocated.
 *
 * @param format          container format: {@code jpeg}, {@code png}, {@code bmp}, {@code webp}, {@code tiff}
 * @param mode            colour mode as stored: {@code grey}, {@code RGB}, {@code RGBA}, {@code greyA}, {@code CMYK},
 *                        {@code palette}
 * @param bitDepth        bits per sample as stored (8 or 16 for PNG; 8 for JPEG)
 * @param exifOrientation EXIF orientation tag 1..8, or 0 when the file has none (recorded, never applied)
 * @param hasAlpha        whether the file carries an alpha channel (dropped on decode)
 */
public record ImageInfo(String format, int width, int height, String mode, int bitDepth,
                        int exifOrientation, boolean hasAlpha) {

  public long pixels() {
    return (long) width * height;
  }
}
