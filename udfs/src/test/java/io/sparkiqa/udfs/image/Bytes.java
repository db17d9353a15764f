package io.sparkiqa.udfs.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Builds image files byte by byte for the hostile-input tests: valid PNGs of every colour type (chunks
 * with real CRCs, so only the field under test is wrong), JPEG/BMP/TIFF from ImageIO, WebP from known
 * 1x1 files, and patches of single fields.
 */
final class Bytes {
  /** Smallest WebP files (the 1x1 test images browsers use for feature detection). */
  static final byte[] WEBP_LOSSY = b64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
  static final byte[] WEBP_LOSSLESS = b64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
  static final byte[] WEBP_ALPHA = b64("UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGA"
      + "AAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==");

  private Bytes() {
  }

  static byte[] b64(String s) {
    return Base64.getDecoder().decode(s);
  }

  /** A test picture: a gradient that is the same for every writer. */
  static BufferedImage picture(int w, int h, int type) {
    BufferedImage im = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        im.setRGB(x, y, 0xff000000 | (x * 4 & 255) << 16 | (y * 5 & 255) << 8 | (x + y) & 255);
      }
    }
    return im;
  }

  /** {@code picture(64, 48, type)} written by ImageIO as {@code format} (jpeg, png, bmp, tiff). */
  static byte[] imageio(String format, int type) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(picture(64, 48, type), format, o)) {
        throw new IllegalStateException("no ImageIO writer for " + format + " type " + type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return o.toByteArray();
  }

  /** A PNG chunk: length, type, data, CRC of type and data. */
  static byte[] chunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 4, 4 + data.length);
    return b.putInt((int) crc.getValue()).array();
  }

  static byte[] ihdr(long w, long h, int depth, int colourType) {
    return chunk("IHDR", ByteBuffer.allocate(13).putInt((int) w).putInt((int) h).put((byte) depth)
        .put((byte) colourType).array());
  }

  /**
   * A w x h PNG of one colour type and depth (8 or 16) whose samples are {@link #sample} (16-bit: that
   * as the high byte, 255 minus it as the low byte), with the given chunks between IHDR and IDAT.
   */
  static byte[] png(int w, int h, int depth, int colourType, byte[]... extra) {
    int channels = switch (colourType) {
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 1;
    };
    int bytes = depth / 8;
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int y = 0; y < h; y++) {
      raw.write(0);
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          int v = sample(x, y, c, colourType);
          raw.write(v);
          if (bytes == 2) {
            raw.write(255 - v);
          }
        }
      }
    }
    return concat(signature(), ihdr(w, h, depth, colourType), concat(extra), chunk("IDAT", deflate(raw.toByteArray())),
        chunk("IEND", new byte[0]));
  }

  /** The 8-bit sample of channel c at (x, y): a palette index 0..3 for colour type 3. */
  static int sample(int x, int y, int c, int colourType) {
    return (x + 3 * y + 40 * c) % (colourType == 3 ? 4 : 256);
  }

  static byte[] signature() {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  }

  /** A 4-entry palette: black, red, green, blue. */
  static byte[] plte() {
    return chunk("PLTE", new byte[] {0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255});
  }

  static byte[] deflate(byte[] raw) {
    Deflater d = new Deflater();
    d.setInput(raw);
    d.finish();
    byte[] buf = new byte[raw.length + 64];
    int n = d.deflate(buf);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  /**
   * A TIFF/EXIF block (little-endian) whose IFD0 holds the given SHORT/LONG entries {tag, type, value},
   * the IFD at byte 8.
   */
  static byte[] tiffBlock(long[]... entries) {
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 * entries.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.length);
    for (long[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
      if (e[1] == 3) {
        b.putShort((short) e[2]).putShort((short) 0);
      } else {
        b.putInt((int) e[2]);
      }
    }
    return b.putInt(0).array();
  }

  /** A JPEG APP1 EXIF segment carrying {@code tiff}. */
  static byte[] app1Exif(byte[] tiff) {
    byte[] head = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int len = 2 + head.length + tiff.length;
    return concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len}, head, tiff);
  }

  /** {@code jpeg} with {@code segment} inserted right after SOI. */
  static byte[] afterSoi(byte[] jpeg, byte[] segment) {
    return concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  /** The offset of the first JPEG marker 0xFF {@code marker} (a plain search: fine for ImageIO's headers). */
  static int marker(byte[] jpeg, int marker) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == marker) {
        return i;
      }
    }
    throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
  }

  /** A copy of {@code b} with the big-endian ({@code le} false) or little-endian value {@code v} of n bytes at off. */
  static byte[] put(byte[] b, int off, int n, long v, boolean le) {
    byte[] c = b.clone();
    for (int i = 0; i < n; i++) {
      int shift = 8 * (le ? i : n - 1 - i);
      c[off + i] = (byte) (v >> shift);
    }
    return c;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
