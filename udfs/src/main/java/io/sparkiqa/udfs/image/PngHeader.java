package io.sparkiqa.udfs.image;

/**
 * The PNG chunk walk up to the first IDAT: IHDR (dimensions, bit depth, colour type), tRNS (alpha for
 * palette and key-colour images) and eXIf (orientation). A chunk length is a u32 read as a {@code long},
 * at most 2^31-1 as the PNG specification requires, and the chunk with its CRC must end inside the file,
 * so every step moves forward by at least 12 bytes.
 */
final class PngHeader {
  private static final String SIGNATURE = "\u0089PNG\r\n\u001a\n";
  private static final long MAX_CHUNK = Integer.MAX_VALUE;

  private PngHeader() {
  }

  static ImageInfo read(HeaderBytes h) throws DecodeException {
    if (!h.ascii(0, 8).equals(SIGNATURE)) {
      if (h.length() < 8) {
        throw new DecodeException("truncated", "PNG ends at byte " + h.length() + " inside its 8-byte signature");
      }
      throw new DecodeException("undecodable", "PNG signature damaged (first bytes " + h.hex(8) + ")");
    }
    long pos = 8;
    long width = 0;
    long height = 0;
    int depth = 0;
    int colourType = -1;
    boolean trns = false;
    int orientation = 0;
    while (true) {
      h.need(pos, 8, "chunk header");
      long len = h.u32(pos, false);
      String type = h.ascii(pos + 4, 4);
      if (len > MAX_CHUNK) {
        throw new DecodeException("undecodable", "PNG chunk '" + printable(type) + "' at byte " + pos
            + " declares length " + len + ", over the PNG limit of 2^31-1");
      }
      boolean first = pos == 8;
      if (first != type.equals("IHDR")) {
        throw new DecodeException("undecodable", first ? "PNG does not start with an IHDR chunk (found '"
            + printable(type) + "')" : "PNG has a second IHDR chunk at byte " + pos);
      }
      if (type.equals("IDAT")) {
        break;
      }
      if (type.equals("IEND")) {
        throw new DecodeException("undecodable", "PNG ends (IEND at byte " + pos + ") without image data");
      }
      h.need(pos + 8, len + 4, "chunk '" + printable(type) + "'");
      if (first) {
        if (len != 13) {
          throw new DecodeException("undecodable", "PNG IHDR chunk is " + len + " bytes long, not 13");
        }
        width = h.u32(16, false);
        height = h.u32(20, false);
        depth = h.u8(24);
        colourType = h.u8(25);
        HeaderReader.requireDimensions("PNG", width, height);
      } else if (type.equals("tRNS")) {
        trns = true;
      } else if (type.equals("eXIf")) {
        orientation = TiffHeader.exifOrientation(h, pos + 8, pos + 8 + len);
      }
      pos += 12 + len;
    }
    String mode = mode(colourType, depth);
    boolean alpha = colourType == 4 || colourType == 6 || trns;
    return new ImageInfo("png", (int) width, (int) height, mode, depth, orientation, alpha);
  }

  /** The colour mode of a valid (colour type, bit depth) pair of the PNG specification. */
  private static String mode(int colourType, int depth) throws DecodeException {
    boolean ok = switch (colourType) {
      case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
      case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
      case 2, 4, 6 -> depth == 8 || depth == 16;
      default -> false;
    };
    if (!ok) {
      throw new DecodeException("undecodable", "PNG colour type " + colourType + " with bit depth " + depth);
    }
    return switch (colourType) {
      case 0 -> "grey";
      case 2 -> "RGB";
      case 3 -> "palette";
      case 4 -> "greyA";
      default -> "RGBA";
    };
  }

  private static String printable(String type) {
    return type.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
