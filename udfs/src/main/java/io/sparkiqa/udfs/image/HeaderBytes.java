package io.sparkiqa.udfs.image;

import java.nio.charset.StandardCharsets;

/**
 * Bounded reads over an encoded file for the header parsers: offsets are {@code long}, so no sum of a
 * position and a declared length can wrap, and every read or length past the end of the file is a
 * {@code truncated} {@link DecodeException} naming the offset, never an index exception.
 */
final class HeaderBytes {
  private final byte[] b;
  private final String format;

  HeaderBytes(byte[] b, String format) {
    this.b = b;
    this.format = format;
  }

  long length() {
    return b.length;
  }

  /** Fails {@code truncated} unless {@code n} bytes from {@code off} lie inside the file. */
  void need(long off, long n, String what) throws DecodeException {
    if (off < 0 || n < 0 || off > b.length || n > b.length - off) {
      throw new DecodeException("truncated", format + " " + what + " at byte " + off + " needs " + n
          + " bytes, the file has " + Math.max(0, b.length - off) + " left");
    }
  }

  int u8(long off) throws DecodeException {
    need(off, 1, "header field");
    return b[(int) off] & 0xff;
  }

  int u16(long off, boolean le) throws DecodeException {
    need(off, 2, "header field");
    int i = (int) off;
    return le ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
  }

  long u32(long off, boolean le) throws DecodeException {
    need(off, 4, "header field");
    long lo = u16(off, le);
    long hi = u16(off + 2, le);
    return le ? lo | hi << 16 : lo << 16 | hi;
  }

  /** The signed 32-bit little-endian value at {@code off} (BMP dimensions). */
  int s32le(long off) throws DecodeException {
    return (int) u32(off, true);
  }

  /** {@code len} bytes at {@code off} as ISO-8859-1 text; fewer when the file ends first (for sniffing). */
  String ascii(long off, int len) {
    if (off >= b.length) {
      return "";
    }
    return new String(b, (int) off, (int) Math.min(len, b.length - off), StandardCharsets.ISO_8859_1);
  }

  /** The first {@code n} bytes in hex, for messages about files that are not images. */
  String hex(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      s.append(String.format("%02x", b[i]));
    }
    return s.toString();
  }
}
