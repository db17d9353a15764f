package io.sparkiqa.udfs.image;

/**
 * The JPEG marker walk up to the first frame header (SOF): dimensions, components, precision, and the EXIF
 * orientation of an APP1 block before it. Each segment's length must be at least 2 and end inside the
 * file, so every step moves forward by at least 4 bytes (fill bytes by 1).
 */
final class JpegHeader {
  private JpegHeader() {
  }

  static ImageInfo read(HeaderBytes h) throws DecodeException {
    long pos = 2;
    int orientation = 0;
    while (true) {
      if (pos + 2 > h.length()) {
        throw new DecodeException("truncated", "JPEG ends at byte " + h.length() + " before its frame header");
      }
      if (h.u8(pos) != 0xFF) {
        throw new DecodeException("undecodable", "JPEG marker expected at byte " + pos + ", found 0x"
            + Integer.toHexString(h.u8(pos)));
      }
      int marker = h.u8(pos + 1);
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
        pos += 2;
        continue;
      }
      String name = String.format("segment 0xFF%02X", marker);
      if (marker == 0xDA || marker == 0xD9) {
        throw new DecodeException("undecodable", "JPEG " + name + " at byte " + pos + " comes before any frame header");
      }
      int len = h.u16(pos + 2, false);
      if (len < 2) {
        throw new DecodeException("undecodable", "JPEG " + name + " at byte " + pos + " declares length " + len
            + " (at least 2)");
      }
      h.need(pos + 2, len, name);
      long seg = pos + 4;
      if (marker == 0xE1 && len >= 8 && h.ascii(seg, 6).equals("Exif\0\0")) {
        orientation = TiffHeader.exifOrientation(h, seg + 6, pos + 2 + len);
      } else if (isSof(marker)) {
        return frame(h, pos, len, orientation);
      }
      pos += 2 + len;
    }
  }

  private static ImageInfo frame(HeaderBytes h, long pos, int len, int orientation) throws DecodeException {
    long seg = pos + 4;
    if (len < 8) {
      throw new DecodeException("undecodable", "JPEG frame header at byte " + pos + " is " + len + " bytes long");
    }
    int precision = h.u8(seg);
    int height = h.u16(seg + 1, false);
    int width = h.u16(seg + 3, false);
    int components = h.u8(seg + 5);
    HeaderReader.requireDimensions("JPEG frame", width, height);
    String mode = switch (components) {
      case 1 -> "grey";
      case 3 -> "RGB";
      case 4 -> "CMYK";
      default -> throw new DecodeException("undecodable", "JPEG with " + components + " components");
    };
    if (len < 8 + 3 * components) {
      throw new DecodeException("undecodable", "JPEG frame header at byte " + pos + " is " + len + " bytes long, "
          + components + " components need " + (8 + 3 * components));
    }
    return new ImageInfo("jpeg", width, height, mode, precision, orientation, false);
  }

  private static boolean isSof(int m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
  }
}
