package io.sparkiqa.udfs.image;

/**
 * The first image file directory (IFD0) of a TIFF file or of an EXIF block (which has the TIFF layout):
 * byte order, the IFD offset (inside the block, past its 8-byte header), the entry count (every entry
 * inside the block) and the tags that matter here. Only IFD0 is read, so there is no chain to loop on.
 */
final class TiffHeader {
  private static final int TAG_WIDTH = 256;
  private static final int TAG_HEIGHT = 257;
  private static final int TAG_BITS = 258;
  private static final int TAG_PHOTOMETRIC = 262;
  private static final int TAG_ORIENTATION = 274;
  private static final int TAG_SAMPLES = 277;
  private static final int TAG_EXTRA_SAMPLES = 338;
  private static final int TYPE_SHORT = 3;
  private static final int ENTRY = 12;

  long width = -1;
  long height = -1;
  int bitsPerSample = 8;
  long samplesPerPixel = 1;
  long photometric = -1;
  long orientation;
  long extraSamples;

  private TiffHeader() {
  }

  /** A TIFF file's facts; its IFD0 must declare a width and a height of at least 1. */
  static ImageInfo read(HeaderBytes h) throws DecodeException {
    TiffHeader t = parse(h, 0, h.length(), "TIFF");
    if (t.width < 0 || t.height < 0) {
      throw new DecodeException("undecodable", "TIFF IFD0 has no " + (t.width < 0 ? "ImageWidth" : "ImageLength")
          + " tag");
    }
    HeaderReader.requireDimensions("TIFF", t.width, t.height);
    return new ImageInfo("tiff", (int) t.width, (int) t.height, t.mode(), t.bitsPerSample, t.validOrientation(),
        t.extraSamples > 0);
  }

  /**
   * The orientation (1..8) of the EXIF block in {@code [base, end)}, or 0 when it has none or is malformed:
   * the reference tools (PIL's open and convert) never read EXIF, so a broken block does not fail the image.
   */
  static int exifOrientation(HeaderBytes h, long base, long end) {
    try {
      return parse(h, base, Math.min(end, h.length()), "EXIF").validOrientation();
    } catch (DecodeException e) {
      return 0;
    }
  }

  private static TiffHeader parse(HeaderBytes h, long base, long end, String what) throws DecodeException {
    if (end - base < 8) {
      throw new DecodeException("truncated", what + " block at byte " + base + " is shorter than its 8-byte header");
    }
    String order = h.ascii(base, 2);
    boolean le = order.equals("II");
    if (!le && !order.equals("MM")) {
      throw new DecodeException("undecodable", what + " byte order mark at byte " + base + " is not II or MM");
    }
    int magic = h.u16(base + 2, le);
    if (magic == 43) {
      throw new DecodeException("unsupported_format", "BigTIFF (magic 43) is not supported");
    }
    if (magic != 42) {
      throw new DecodeException("undecodable", what + " magic at byte " + (base + 2) + " is " + magic + ", not 42");
    }
    long offset = h.u32(base + 4, le);
    long ifd = base + offset;
    if (offset < 8) {
      throw new DecodeException("undecodable", what + " IFD0 offset " + offset + " at byte " + (base + 4)
          + " points into the header");
    }
    within(ifd, 2, end, what + " IFD0 entry count");
    int n = h.u16(ifd, le);
    if (n == 0) {
      throw new DecodeException("undecodable", what + " IFD0 at byte " + ifd + " has no entries");
    }
    within(ifd + 2, (long) ENTRY * n, end, what + " IFD0 of " + n + " entries");
    TiffHeader t = new TiffHeader();
    for (int i = 0; i < n; i++) {
      long e = ifd + 2 + (long) ENTRY * i;
      int tag = h.u16(e, le);
      long count = h.u32(e + 4, le);
      long value = h.u16(e + 2, le) == TYPE_SHORT ? h.u16(e + 8, le) : h.u32(e + 8, le);
      switch (tag) {
        case TAG_WIDTH -> t.width = value;
        case TAG_HEIGHT -> t.height = value;
        case TAG_BITS -> t.bitsPerSample = count > 2 ? firstBits(h, base, end, h.u32(e + 8, le), le, what) : (int) value;
        case TAG_PHOTOMETRIC -> t.photometric = value;
        case TAG_ORIENTATION -> t.orientation = value;
        case TAG_SAMPLES -> t.samplesPerPixel = value;
        case TAG_EXTRA_SAMPLES -> t.extraSamples = count;
        default -> { }
      }
    }
    return t;
  }

  /** The first BitsPerSample value of an array stored at {@code offset} from the block's base. */
  private static int firstBits(HeaderBytes h, long base, long end, long offset, boolean le, String what)
      throws DecodeException {
    within(base + offset, 2, end, what + " BitsPerSample array");
    return h.u16(base + offset, le);
  }

  private static void within(long off, long n, long end, String what) throws DecodeException {
    if (off + n > end) {
      throw new DecodeException("truncated", what + " at byte " + off + " needs " + n + " bytes, the block ends at byte "
          + end);
    }
  }

  private int validOrientation() {
    return orientation >= 1 && orientation <= 8 ? (int) orientation : 0;
  }

  private String mode() {
    if (photometric == 5) {
      return "CMYK";
    }
    if (photometric == 3) {
      return "palette";
    }
    if (samplesPerPixel <= 2) {
      return extraSamples > 0 ? "greyA" : "grey";
    }
    return extraSamples > 0 ? "RGBA" : "RGB";
  }
}
