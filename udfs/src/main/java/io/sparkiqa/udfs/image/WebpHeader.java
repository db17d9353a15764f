package io.sparkiqa.udfs.image;

/**
 * The WebP RIFF container: the RIFF size must fit in the file, and every chunk's size must fit in the RIFF
 * payload (chunks are walked to the end, each step at least 8 bytes forward). The first chunk gives the
 * facts: {@code VP8 } (lossy: 14-bit dimensions after the start code), {@code VP8L} (lossless: 14-bit
 * dimensions plus one, alpha hint) or {@code VP8X} (extended: 24-bit canvas dimensions plus one, flags).
 */
final class WebpHeader {
  private static final int ALPHA_FLAG = 0x10;

  private WebpHeader() {
  }

  static ImageInfo read(HeaderBytes h) throws DecodeException {
    long riff = h.u32(4, true);
    if (riff < 4) {
      throw new DecodeException("undecodable", "WebP RIFF size at byte 4 is " + riff);
    }
    long end = 8 + riff;
    h.need(8, riff, "RIFF payload");
    h.need(12, 8, "first chunk header");
    String chunk = h.ascii(12, 4);
    long size = h.u32(16, true);
    walkChunks(h, end);
    long d = 20;
    switch (chunk) {
      case "VP8 " -> {
        requireSize(chunk, size, 10);
        if (h.u8(d + 3) != 0x9d || h.u8(d + 4) != 0x01 || h.u8(d + 5) != 0x2a) {
          throw new DecodeException("undecodable", "WebP VP8 start code missing at byte " + (d + 3));
        }
        int w = h.u16(d + 6, true) & 0x3fff;
        int ht = h.u16(d + 8, true) & 0x3fff;
        HeaderReader.requireDimensions("WebP VP8", w, ht);
        return new ImageInfo("webp", w, ht, "RGB", 8, 0, false);
      }
      case "VP8L" -> {
        requireSize(chunk, size, 5);
        if (h.u8(d) != 0x2f) {
          throw new DecodeException("undecodable", "WebP VP8L signature missing at byte " + d);
        }
        long bits = h.u32(d + 1, true);
        int w = (int) (bits & 0x3fff) + 1;
        int ht = (int) ((bits >> 14) & 0x3fff) + 1;
        boolean alpha = ((bits >> 28) & 1) == 1;
        return new ImageInfo("webp", w, ht, alpha ? "RGBA" : "RGB", 8, 0, alpha);
      }
      case "VP8X" -> {
        requireSize(chunk, size, 10);
        boolean alpha = (h.u8(d) & ALPHA_FLAG) != 0;
        long w = u24(h, d + 4) + 1;
        long ht = u24(h, d + 7) + 1;
        HeaderReader.requireDimensions("WebP VP8X", w, ht);
        return new ImageInfo("webp", (int) w, (int) ht, alpha ? "RGBA" : "RGB", 8, 0, alpha);
      }
      default -> throw new DecodeException("undecodable", "WebP first chunk '" + chunk.strip() + "' at byte 12");
    }
  }

  /** Every chunk from byte 12 to the RIFF end: header inside, payload (padded to even) inside. */
  private static void walkChunks(HeaderBytes h, long end) throws DecodeException {
    long pos = 12;
    while (pos + 8 <= end) {
      long size = h.u32(pos + 4, true);
      if (size > end - pos - 8) {
        throw new DecodeException("truncated", "WebP chunk '" + h.ascii(pos, 4).strip() + "' at byte " + pos
            + " declares " + size + " bytes, the RIFF payload has " + (end - pos - 8) + " left");
      }
      pos += 8 + size + (size & 1);
    }
  }

  private static void requireSize(String chunk, long size, int min) throws DecodeException {
    if (size < min) {
      throw new DecodeException("undecodable", "WebP " + chunk.strip() + " chunk at byte 12 is " + size
          + " bytes, under its " + min + "-byte header");
    }
  }

  private static long u24(HeaderBytes h, long off) throws DecodeException {
    return h.u8(off) | h.u8(off + 1) << 8 | (long) h.u8(off + 2) << 16;
  }
}
