package io.sparkiqa.udfs.image;

import java.util.Set;

/**
 * The BMP file and DIB headers (OS/2 core header of 12 bytes, or Windows headers of 40 bytes and more):
 * dimensions (a negative height means top-down rows; {@code Integer.MIN_VALUE} has no absolute value and
 * fails), bits per pixel, and a pixel data offset past the headers and inside the file. Rows missing at
 * the end are left to the decoder ({@code undecodable}, as for every format).
 */
final class BmpHeader {
  private static final Set<Long> DIB_SIZES = Set.of(12L, 40L, 52L, 56L, 64L, 108L, 124L);
  private static final Set<Integer> BITS = Set.of(1, 4, 8, 16, 24, 32);

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
    }
    HeaderReader.requireDimensions("BMP", width, height);
    if (!BITS.contains(bits)) {
      throw new DecodeException("undecodable", "BMP with " + bits + " bits per pixel");
    }
    long offset = h.u32(10, true);
    if (offset < 14 + dib) {
      throw new DecodeException("undecodable", "BMP pixel data offset " + offset + " at byte 10 points into its headers");
    }
    h.need(offset, 0, "pixel data");
    return new ImageInfo("bmp", (int) width, (int) height, bits <= 8 ? "palette" : "RGB", 8, 0, false);
  }
}
