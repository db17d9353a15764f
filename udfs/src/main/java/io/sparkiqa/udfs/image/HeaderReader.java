package io.sparkiqa.udfs.image;

/**
 * Reads an image's dimensions, colour mode, bit depth, alpha and EXIF orientation from the file header
 * alone, so the pixel cap is enforced before any pixel buffer is allocated. The format is sniffed from
 * the first bytes, never taken from the file name.
 *
 * <p>Supported containers: JPEG, PNG, BMP, WebP, TIFF ({@link JpegHeader}, {@link PngHeader},
 * {@link BmpHeader}, {@link WebpHeader}, {@link TiffHeader}). Anything else is {@code unsupported_format}.
 * Every parser reads through {@link HeaderBytes} and every header walk moves strictly forward, so no
 * input can make it loop, step backwards or read past the end: a declared length beyond the file is
 * {@code truncated}, an impossible one (negative, zero, backwards) or a zero or negative dimension is
 * {@code undecodable}, each with the offset in the message.
 */
public final class HeaderReader {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  private HeaderReader() {
  }

  /** Parses the header of {@code b}; throws a {@link DecodeException} naming what is wrong. */
  public static ImageInfo read(byte[] b) throws DecodeException {
    if (b.length == 0) {
      throw new DecodeException("empty", "zero-byte file");
    }
    HeaderBytes sniff = new HeaderBytes(b, "file");
    String head = sniff.ascii(0, 12);
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return JpegHeader.read(new HeaderBytes(b, "JPEG"));
    }
    if (startsWith(b, PNG_MAGIC)) {
      return PngHeader.read(new HeaderBytes(b, "PNG"));
    }
    if (head.startsWith("BM") && BmpHeader.looksLikeBmp(sniff)) {
      return BmpHeader.read(new HeaderBytes(b, "BMP"));
    }
    if (head.startsWith("RIFF") && head.length() == 12 && head.endsWith("WEBP")) {
      return WebpHeader.read(new HeaderBytes(b, "WebP"));
    }
    if (head.startsWith("II*\0") || head.startsWith("MM\0*") || head.startsWith("II+\0") || head.startsWith("MM\0+")) {
      return TiffHeader.read(new HeaderBytes(b, "TIFF"));
    }
    throw new DecodeException("unsupported_format",
        "not a JPEG, PNG, BMP, WebP or TIFF file (first bytes " + sniff.hex(8) + ")");
  }

  /** Fails {@code undecodable} unless both dimensions are between 1 and 2^31-1. */
  static void requireDimensions(String format, long width, long height) throws DecodeException {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new DecodeException("undecodable", format + " header declares a " + width + "x" + height + " image");
    }
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
