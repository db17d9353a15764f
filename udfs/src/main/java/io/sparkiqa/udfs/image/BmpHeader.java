package io.sparkiqa.udfs.image;

import java.util.Set;

/**
 * The BMP file and DIB headers (OS/2 core header of 12 bytes, or Windows headers of 40 bytes and more):
 * dimensions (a negative height means top-down rows; {@code Integer.MIN_VALUE} has no absolute value and
 * fails), bits per pixel, and for uncompressed images a check that the rows fit in the file, so a
 * truncated BMP fails before any pixel buffer is allocated.
 */
final class BmpHeader {
  private static final Set<Long> DIB_SIZES = Set.of(12L, 40L, 52L, 56L, 64L, 108L, 124L);
  private static final Set<Integer> BITS = Set.of(1, 4, 8, 16, 24, 32);
  private static final long BI_RGB = 0;
  private static final long BI_BITFIELDS = 3;

  private BmpHeader() {
  }

  /** A "BM" file whose DIB header size is a known one (or that ends before it says). */
  static boolean looksLikeBmp(HeaderBytes h) {
    try {
      return h.length() < 18 || DIB_SIZES.contains(h.u32(14, true));
    } catch (DecodeException e) {
      return true;
    }
  }

  static ImageInfo read(HeaderBytes h) throws DecodeException {
    h.need(0, 18, "file header");
    long dib = h.u32(14, true);
    h.need(14, dib, "DIB header");
    long width;
    long height;
    int bits;
    long compression = BI_RGB;
    if (dib == 12) {
      width = h.u16(18, true);
      height = h.u16(20, true);
      bits = h.u16(24, true);
    } else {
      width = h.s32le(18);
      int signedHeight = h.s32le(22);
      if (signedHeight == Integer.MIN_VALUE) {
        throw new DecodeException("undecodable", "BMP height at byte 22 is -2^31, which has no absolute value");
      }
      height = Math.abs(signedHeight);
      bits = h.u16(28, true);
      compression = h.u32(30, true);
    }
    HeaderReader.requireDimensions("BMP", width, height);
    if (!BITS.contains(bits)) {
      throw new DecodeException("undecodable", "BMP with " + bits + " bits per pixel");
    }
    if (compression == BI_RGB || compression == BI_BITFIELDS) {
      long offset = h.u32(10, true);
      long row = (width * bits + 31) / 32 * 4;
      h.need(offset, row * height, "pixel data of " + width + "x" + height + "x" + bits + " bits");
    }
    return new ImageInfo("bmp", (int) width, (int) height, bits <= 8 ? "palette" : "RGB", 8, 0, false);
  }
}
