package io.sparkiqa.udfs.image;

import java.nio.charset.StandardCharsets;

/**
 * Reads an image's dimensions, colour mode, bit depth, alpha and EXIF orientation from the file header
 * alone, so the pixel cap is enforced before any pixel buffer is allocated.
 *
 * <p>Supported containers: JPEG, PNG, BMP, WebP, TIFF. Anything else is {@code unsupported_format}.
 */
public final class HeaderReader {
  private HeaderReader() {
  }

  /** Parses the header of {@code b}; throws a {@link DecodeException} naming what is wrong. */
  public static ImageInfo read(byte[] b) throws DecodeException {
    if (b.length == 0) {
      throw new DecodeException("empty", "zero-byte file");
    }
    try {
      if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) {
        return jpeg(b);
      }
      if (b.length >= 8 && u8(b, 0) == 0x89 && ascii(b, 1, 3).equals("PNG")) {
        return png(b);
      }
      if (b.length >= 2 && ascii(b, 0, 2).equals("BM")) {
        return bmp(b);
      }
      if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
        return webp(b);
      }
      if (b.length >= 4 && (ascii(b, 0, 2).equals("II") || ascii(b, 0, 2).equals("MM"))) {
        Tiff t = Tiff.parse(b, 0);
        if (t != null && t.width > 0) {
          return new ImageInfo("tiff", t.width, t.height, t.mode(), t.bitsPerSample, t.orientation, t.hasAlpha());
        }
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new DecodeException("truncated", "file ends inside the image header");
    }
    throw new DecodeException("unsupported_format",
        "not a JPEG, PNG, BMP, WebP or TIFF file (first bytes " + hex(b, 8) + ")");
  }

  private static ImageInfo jpeg(byte[] b) throws DecodeException {
    int pos = 2;
    int orientation = 0;
    while (pos + 4 <= b.length) {
      if (u8(b, pos) != 0xFF) {
        throw new DecodeException("undecodable", "JPEG marker expected at byte " + pos);
      }
      int marker = u8(b, pos + 1);
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      int len = u16be(b, pos + 2);
      int seg = pos + 4;
      if (marker == 0xE1 && len >= 8 && ascii(b, seg, 4).equals("Exif")) {
        Tiff exif = Tiff.parse(b, seg + 6);
        if (exif != null) {
          orientation = exif.orientation;
        }
      } else if (isSof(marker)) {
        int precision = u8(b, seg);
        int height = u16be(b, seg + 1);
        int width = u16be(b, seg + 3);
        int components = u8(b, seg + 5);
        if (width == 0 || height == 0) {
          throw new DecodeException("undecodable", "JPEG frame header declares a " + width + "x" + height + " image");
        }
        String mode = switch (components) {
          case 1 -> "grey";
          case 3 -> "RGB";
          case 4 -> "CMYK";
          default -> throw new DecodeException("undecodable", "JPEG with " + components + " components");
        };
        return new ImageInfo("jpeg", width, height, mode, precision, orientation, false);
      } else if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      pos = seg + len - 2;
    }
    throw new DecodeException("truncated", "JPEG ends before its frame header");
  }

  private static boolean isSof(int m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
  }

  private static ImageInfo png(byte[] b) throws DecodeException {
    if (!ascii(b, 12, 4).equals("IHDR")) {
      throw new DecodeException("undecodable", "PNG without IHDR chunk");
    }
    int width = (int) u32be(b, 16);
    int height = (int) u32be(b, 20);
    int depth = u8(b, 24);
    int colourType = u8(b, 25);
    if (width <= 0 || height <= 0) {
      throw new DecodeException("undecodable", "PNG header declares a " + width + "x" + height + " image");
    }
    boolean trns = false;
    int orientation = 0;
    int pos = 8;
    while (pos + 8 <= b.length) {
      long len = u32be(b, pos);
      String type = ascii(b, pos + 4, 4);
      if (type.equals("IDAT") || type.equals("IEND")) {
        break;
      }
      if (type.equals("tRNS")) {
        trns = true;
      } else if (type.equals("eXIf")) {
        Tiff exif = Tiff.parse(b, pos + 8);
        if (exif != null) {
          orientation = exif.orientation;
        }
      }
      pos += 12 + (int) len;
    }
    String mode = switch (colourType) {
      case 0 -> "grey";
      case 2 -> "RGB";
      case 3 -> "palette";
      case 4 -> "greyA";
      case 6 -> "RGBA";
      default -> throw new DecodeException("undecodable", "PNG colour type " + colourType);
    };
    boolean alpha = colourType == 4 || colourType == 6 || trns;
    return new ImageInfo("png", width, height, mode, depth, orientation, alpha);
  }

  private static ImageInfo bmp(byte[] b) throws DecodeException {
    int width = (int) u32le(b, 18);
    int height = Math.abs((int) u32le(b, 22));
    int bits = u16le(b, 28);
    if (width <= 0 || height <= 0) {
      throw new DecodeException("undecodable", "BMP header declares a " + width + "x" + height + " image");
    }
    String mode = bits <= 8 ? "palette" : "RGB";
    return new ImageInfo("bmp", width, height, mode, 8, 0, false);
  }

  private static ImageInfo webp(byte[] b) throws DecodeException {
    String chunk = ascii(b, 12, 4);
    int d = 20;
    switch (chunk) {
      case "VP8 " -> {
        int w = u16le(b, d + 6) & 0x3fff;
        int h = u16le(b, d + 8) & 0x3fff;
        return new ImageInfo("webp", w, h, "RGB", 8, 0, false);
      }
      case "VP8L" -> {
        long bits = u32le(b, d + 1);
        int w = (int) (bits & 0x3fff) + 1;
        int h = (int) ((bits >> 14) & 0x3fff) + 1;
        boolean alpha = ((bits >> 28) & 1) == 1;
        return new ImageInfo("webp", w, h, alpha ? "RGBA" : "RGB", 8, 0, alpha);
      }
      case "VP8X" -> {
        boolean alpha = (u8(b, d) & 0x10) != 0;
        int w = (u8(b, d + 4) | u8(b, d + 5) << 8 | u8(b, d + 6) << 16) + 1;
        int h = (u8(b, d + 7) | u8(b, d + 8) << 8 | u8(b, d + 9) << 16) + 1;
        return new ImageInfo("webp", w, h, alpha ? "RGBA" : "RGB", 8, 0, alpha);
      }
      default -> throw new DecodeException("undecodable", "WebP chunk " + chunk.strip());
    }
  }

  /** The fields of a TIFF IFD0 that matter here (also the layout of an EXIF block). */
  private static final class Tiff {
    int width;
    int height;
    int bitsPerSample = 8;
    int samplesPerPixel = 1;
    int photometric = -1;
    int orientation;
    int extraSamples;

    static Tiff parse(byte[] b, int base) {
      if (base + 8 > b.length) {
        return null;
      }
      boolean le = b[base] == 'I' && b[base + 1] == 'I';
      boolean be = b[base] == 'M' && b[base + 1] == 'M';
      if (!le && !be || u16(b, base + 2, le) != 42) {
        return null;
      }
      Tiff t = new Tiff();
      int ifd = base + (int) u32(b, base + 4, le);
      int n = u16(b, ifd, le);
      for (int i = 0; i < n; i++) {
        int e = ifd + 2 + 12 * i;
        int tag = u16(b, e, le);
        int type = u16(b, e + 2, le);
        long count = u32(b, e + 4, le);
        int value = type == 3 ? u16(b, e + 8, le) : (int) u32(b, e + 8, le);
        if (tag == 258 && count > 2) {
          value = u16(b, base + (int) u32(b, e + 8, le), le);
        }
        switch (tag) {
          case 256 -> t.width = value;
          case 257 -> t.height = value;
          case 258 -> t.bitsPerSample = value;
          case 262 -> t.photometric = value;
          case 274 -> t.orientation = value;
          case 277 -> t.samplesPerPixel = value;
          case 338 -> t.extraSamples = (int) count;
          default -> { }
        }
      }
      return t;
    }

    String mode() {
      if (photometric == 5) {
        return "CMYK";
      }
      if (photometric == 3) {
        return "palette";
      }
      if (samplesPerPixel <= 2) {
        return hasAlpha() ? "greyA" : "grey";
      }
      return hasAlpha() ? "RGBA" : "RGB";
    }

    boolean hasAlpha() {
      return extraSamples > 0;
    }
  }

  private static int u8(byte[] b, int i) {
    return b[i] & 0xff;
  }

  private static int u16be(byte[] b, int i) {
    return u8(b, i) << 8 | u8(b, i + 1);
  }

  private static int u16le(byte[] b, int i) {
    return u8(b, i) | u8(b, i + 1) << 8;
  }

  private static long u32be(byte[] b, int i) {
    return (long) u16be(b, i) << 16 | u16be(b, i + 2);
  }

  private static long u32le(byte[] b, int i) {
    return u16le(b, i) | (long) u16le(b, i + 2) << 16;
  }

  private static int u16(byte[] b, int i, boolean le) {
    return le ? u16le(b, i) : u16be(b, i);
  }

  private static long u32(byte[] b, int i, boolean le) {
    return le ? u32le(b, i) : u32be(b, i);
  }

  private static String ascii(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  private static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      s.append(String.format("%02x", b[i]));
    }
    return s.toString();
  }
}
