package io.sparkiqa.udfs.image;

import static io.sparkiqa.udfs.image.Bytes.ascii;
import static io.sparkiqa.udfs.image.Bytes.chunk;
import static io.sparkiqa.udfs.image.Bytes.concat;
import static io.sparkiqa.udfs.image.Bytes.ihdr;
import static io.sparkiqa.udfs.image.Bytes.put;
import static io.sparkiqa.udfs.image.Bytes.signature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile headers for every parser (JPEG, PNG, BMP, WebP, TIFF) and files that are not images: looping and
 * backward lengths, zero, negative and over-cap dimensions, truncation inside the header and inside the
 * data. Each case must end within 10 s with its exact reason class (or decode, for the few that are
 * valid); the message must name a byte offset where the parser rejected a length or offset.
 */
class HostileHeaderTest {
  private static final boolean LE = true;
  private static final boolean BE = false;

  /** One hostile file: its name, bytes, the expected reason class ("ok": decodes) and a message fragment. */
  record Case(String name, byte[] bytes, String reason, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    jpeg(c);
    png(c);
    bmp(c);
    webp(c);
    tiff(c);
    notImages(c);
    return c;
  }

  private static void jpeg(List<Case> c) {
    byte[] j = Bytes.imageio("jpeg", BufferedImage.TYPE_3BYTE_BGR);
    int sof = Bytes.marker(j, 0xC0);
    c.add(new Case("jpeg segment length 0 (would loop)", put(j, 4, 2, 0, BE), "undecodable", "at byte 2 declares length 0"));
    c.add(new Case("jpeg segment length 1 (backward)", put(j, 4, 2, 1, BE), "undecodable", "declares length 1"));
    c.add(new Case("jpeg segment past the end", put(j, 4, 2, 0xFFFF, BE), "truncated", "at byte 4 needs 65535"));
    c.add(new Case("jpeg no marker where one is due", put(j, 20, 1, 0x00, BE), "undecodable", "marker expected at byte 20"));
    c.add(new Case("jpeg scan before frame", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2},
        "undecodable", "before any frame header"));
    c.add(new Case("jpeg zero width", put(j, sof + 7, 2, 0, BE), "undecodable", "0x48"));
    c.add(new Case("jpeg zero height", put(j, sof + 5, 2, 0, BE), "undecodable", "64x0"));
    c.add(new Case("jpeg 2 components", put(j, sof + 9, 1, 2, BE), "undecodable", "2 components"));
    c.add(new Case("jpeg over the pixel cap", put(put(j, sof + 5, 2, 65535, BE), sof + 7, 2, 65535, BE),
        "over_pixel_cap", "65535x65535"));
    // libjpeg (as PIL's) fills the rows its scan data lacks when an EOI marker ends them: a known gap,
    // bounded by the header's size, which the cap has admitted
    c.add(new Case("jpeg header says more than the data", put(put(j, sof + 5, 2, 96, BE), sof + 7, 2, 128, BE),
        "ok", "width=128, height=96"));
    c.add(new Case("jpeg truncated inside the frame header", Arrays.copyOf(j, sof + 6), "truncated", "at byte " + (sof + 2)));
    c.add(new Case("jpeg truncated inside the data", Arrays.copyOf(j, j.length / 2), "undecodable", "truncated jpeg"));
    c.add(new Case("jpeg SOI alone", Arrays.copyOf(j, 3), "truncated", "before its frame header"));
  }

  private static void png(List<Case> c) {
    byte[] p = Bytes.png(64, 48, 8, 2);
    byte[] head = concat(signature(), ihdr(64, 48, 8, 2));
    byte[] stall = stallingPng();
    c.add(new Case("png 61 bytes, chunk length -12 as int (stalled the job)", stall, "undecodable",
        "at byte 33 declares length 4294967284"));
    c.add(new Case("png chunk length -32 as int (backward)", put(stall, 33, 4, 0xFFFFFFE0L, BE), "undecodable",
        "declares length 4294967264"));
    c.add(new Case("png chunk length 2^31-1 past the end", put(stall, 33, 4, 0x7FFFFFFFL, BE), "truncated", "at byte 41"));
    c.add(new Case("png zero width", withIhdr(p, 0, 48), "undecodable", "0x48"));
    c.add(new Case("png zero height", withIhdr(p, 64, 0), "undecodable", "64x0"));
    c.add(new Case("png negative width", withIhdr(p, 0x80000000L, 48), "undecodable", "2147483648x48"));
    c.add(new Case("png over the pixel cap", withIhdr(p, 100_000, 100_000), "over_pixel_cap", "100000x100000"));
    c.add(new Case("png header says more than the data", withIhdr(p, 128, 96), "undecodable", "corrupt or truncated png data"));
    c.add(new Case("png bit depth 3", concat(signature(), ihdr(64, 48, 3, 2), Arrays.copyOfRange(p, 33, p.length)),
        "undecodable", "colour type 2 with bit depth 3"));
    c.add(new Case("png chunk before IHDR", concat(signature(), chunk("tEXt", ascii("a\0b")), Arrays.copyOfRange(p, 8, p.length)),
        "undecodable", "does not start with an IHDR"));
    c.add(new Case("png IEND before IDAT", concat(head, chunk("IEND", new byte[0])), "undecodable", "without image data"));
    c.add(new Case("png damaged signature", put(p, 4, 1, 0, BE), "undecodable", "signature damaged"));
    c.add(new Case("png truncated inside the signature", Arrays.copyOf(p, 5), "truncated", "signature"));
    c.add(new Case("png truncated inside IHDR", Arrays.copyOf(p, 20), "truncated", "at byte 16"));
    c.add(new Case("png truncated inside the data", Arrays.copyOf(p, p.length - 30), "undecodable", "truncated png"));
  }

  /**
   * The 61-byte PNG that hung the job: after IHDR a chunk of length 0xFFFFFFF4, which the old walk cast to
   * -12, so {@code pos += 12 + len} stood still.
   */
  static byte[] stallingPng() {
    byte[] head = concat(signature(), ihdr(64, 48, 8, 2));
    return concat(head, put(new byte[4], 0, 4, 0xFFFFFFF4L, BE), ascii("tEXt"), new byte[20]);
  }

  /** {@code png} with its IHDR dimensions replaced (CRC recomputed, so libpng reads them too). */
  private static byte[] withIhdr(byte[] png, long w, long h) {
    return concat(signature(), ihdr(w, h, png[24], png[25]), Arrays.copyOfRange(png, 33, png.length));
  }

  private static void bmp(List<Case> c) {
    byte[] b = Bytes.imageio("bmp", BufferedImage.TYPE_3BYTE_BGR);
    c.add(new Case("bmp pixel offset 0 (backward, into the headers)", put(b, 10, 4, 0, LE), "undecodable",
        "offset 0 at byte 10"));
    c.add(new Case("bmp pixel offset past the end", put(b, 10, 4, 0xFFFFFFF0L, LE), "truncated", "at byte 4294967280"));
    c.add(new Case("bmp zero width", put(b, 18, 4, 0, LE), "undecodable", "0x48"));
    c.add(new Case("bmp zero height", put(b, 22, 4, 0, LE), "undecodable", "64x0"));
    c.add(new Case("bmp negative width", put(b, 18, 4, -64, LE), "undecodable", "-64x48"));
    c.add(new Case("bmp height -2^31 (no absolute value)", put(b, 22, 4, Integer.MIN_VALUE, LE), "undecodable",
        "at byte 22 is -2^31"));
    c.add(new Case("bmp negative height (top-down rows)", put(b, 22, 4, -48, LE), "ok", ""));
    c.add(new Case("bmp 7 bits per pixel", put(b, 28, 2, 7, LE), "undecodable", "7 bits per pixel"));
    c.add(new Case("bmp over the pixel cap", put(put(b, 18, 4, 100_000, LE), 22, 4, 100_000, LE), "over_pixel_cap",
        "100000x100000"));
    c.add(new Case("bmp truncated inside the DIB header", Arrays.copyOf(b, 30), "truncated", "DIB header at byte 14"));
    c.add(new Case("bmp truncated inside the data", Arrays.copyOf(b, b.length / 2), "undecodable", "truncated bmp"));
  }

  private static void webp(List<Case> c) {
    byte[] w = Bytes.WEBP_LOSSY;
    c.add(new Case("webp chunk size -8 as int (would loop)", put(w, 16, 4, 0xFFFFFFF8L, LE), "truncated",
        "at byte 12 declares 4294967288"));
    c.add(new Case("webp chunk size -32 as int (backward)", put(w, 16, 4, 0xFFFFFFE0L, LE), "truncated",
        "at byte 12 declares 4294967264"));
    c.add(new Case("webp RIFF size past the end", put(w, 4, 4, 1000, LE), "truncated", "at byte 8 needs 1000"));
    c.add(new Case("webp RIFF size 0", put(w, 4, 4, 0, LE), "undecodable", "RIFF size at byte 4 is 0"));
    c.add(new Case("webp VP8 zero width", put(w, 26, 2, 0, LE), "undecodable", "0x1"));
    c.add(new Case("webp VP8 start code damaged", put(w, 23, 1, 0, LE), "undecodable", "start code missing at byte 23"));
    byte[] x = Bytes.WEBP_ALPHA;
    c.add(new Case("webp VP8X over the pixel cap", put(put(x, 24, 3, 0xFFFFFF, LE), 27, 3, 0xFFFFFF, LE),
        "over_pixel_cap", "16777216x16777216"));
    c.add(new Case("webp truncated inside the header", Arrays.copyOf(w, 16), "truncated", "RIFF payload at byte 8"));
    c.add(new Case("webp truncated inside the data", Arrays.copyOf(w, w.length - 4), "truncated", "RIFF payload"));
  }

  private static void tiff(List<Case> c) {
    long[] w = {256, 3, 64};
    long[] h = {257, 3, 48};
    byte[] t = Bytes.tiffBlock(w, h);
    c.add(new Case("tiff IFD offset 0 (backward)", put(t, 4, 4, 0, LE), "undecodable", "offset 0 at byte 4"));
    c.add(new Case("tiff IFD offset 4 (backward)", put(t, 4, 4, 4, LE), "undecodable", "offset 4 at byte 4"));
    c.add(new Case("tiff IFD offset past the end", put(t, 4, 4, 0x7FFFFFF0L, LE), "truncated", "entry count at byte 2147483632"));
    c.add(new Case("tiff 65535 IFD entries (would run off)", put(t, 8, 2, 0xFFFF, LE), "truncated",
        "IFD0 of 65535 entries at byte 10"));
    c.add(new Case("tiff IFD without entries", put(t, 8, 2, 0, LE), "undecodable", "IFD0 at byte 8 has no entries"));
    c.add(new Case("tiff zero width", Bytes.tiffBlock(new long[] {256, 3, 0}, h), "undecodable", "0x48"));
    c.add(new Case("tiff zero height", Bytes.tiffBlock(w, new long[] {257, 3, 0}), "undecodable", "64x0"));
    c.add(new Case("tiff negative height", Bytes.tiffBlock(w, new long[] {257, 4, 0x80000000L}), "undecodable",
        "64x2147483648"));
    c.add(new Case("tiff no height tag", Bytes.tiffBlock(w), "undecodable", "no ImageLength"));
    c.add(new Case("tiff over the pixel cap", Bytes.tiffBlock(new long[] {256, 4, 100_000}, new long[] {257, 4, 100_000}),
        "over_pixel_cap", "100000x100000"));
    c.add(new Case("tiff BigTIFF", put(t, 2, 2, 43, LE), "unsupported_format", "BigTIFF"));
    c.add(new Case("tiff truncated inside the header", Arrays.copyOf(t, 6), "truncated", "8-byte header"));
    byte[] real = Bytes.imageio("tiff", BufferedImage.TYPE_3BYTE_BGR);
    c.add(new Case("tiff truncated inside the data", Arrays.copyOf(real, real.length / 2), "undecodable", "truncated tiff"));
  }

  private static void notImages(List<Case> c) {
    c.add(new Case("text", ascii("hello, this is not an image\n"), "unsupported_format", "68656c6c"));
    c.add(new Case("zip", concat(new byte[] {'P', 'K', 3, 4}, new byte[40]), "unsupported_format", "504b0304"));
    c.add(new Case("text starting BM", ascii("BMW is a car maker, not a bitmap"), "unsupported_format", "424d57"));
    c.add(new Case("text starting MM", ascii("MMMh, a text file"), "unsupported_format", "4d4d4d"));
    c.add(new Case("RIFF WAVE audio", concat(ascii("RIFF"), new byte[] {36, 0, 0, 0}, ascii("WAVEfmt "), new byte[28]),
        "unsupported_format", "52494646"));
    c.add(new Case("one byte", new byte[] {(byte) 0xFF}, "unsupported_format", "ff"));
  }

  static Stream<Case> all() {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void endsFastWithItsReasonClass(Case k) {
    String[] got = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome(k.bytes()), k.name() + " hangs");
    assertEquals(k.reason(), got[0], k.name() + ": " + got[1]);
    assertTrue(got[1].contains(k.says()), k.name() + ": '" + got[1] + "' does not say '" + k.says() + "'");
  }

  @Test
  void noCapAdmitsMoreThanOneJavaArrayOfRgbPixels() {
    byte[] tiff = Bytes.tiffBlock(new long[] {256, 4, 65_536}, new long[] {257, 4, 65_536});
    DecodeException e = assertThrows(DecodeException.class,
        () -> new ImageDecoder(Long.MAX_VALUE).decode(tiff));
    assertEquals("over_pixel_cap", e.reasonClass());
    assertTrue(e.getMessage().endsWith("pixels is over 715827879, the most an RGB image in one Java array can hold"),
        e.getMessage());
  }

  /** {reason class or "ok", message or ImageInfo} of decoding {@code b} with the default cap. */
  static String[] outcome(byte[] b) {
    try {
      return new String[] {"ok", ImageDecoder.withDefaults().decode(b).info().toString()};
    } catch (DecodeException e) {
      return new String[] {e.reasonClass(), e.getMessage()};
    }
  }
}
