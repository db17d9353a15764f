package io.sparkiqa.udfs.image;

import static io.sparkiqa.udfs.image.Bytes.chunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Good images in every colour mode and container that the fixtures of {@link DecodePolicyTest} do not
 * cover (grey+alpha, palette with tRNS, 16-bit with alpha, BMP, TIFF, WebP), with their exact header facts,
 * and EXIF orientations 1..8 recorded, never applied. PNG pixels follow the policy exactly: grey
 * replicated, alpha dropped, palette looked up, 16-bit reduced to the high byte.
 */
class ColourModeTest {
  private static final int[][] PALETTE = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
  private final ImageDecoder decoder = ImageDecoder.withDefaults();

  static Stream<Arguments> pngs() {
    byte[] trns = chunk("tRNS", new byte[] {0, (byte) 128, (byte) 255, 0});
    return Stream.of(
        Arguments.of("grey 8", 0, 8, new byte[0][], "grey", false),
        Arguments.of("grey 8 + tRNS key", 0, 8, new byte[][] {chunk("tRNS", new byte[] {0, 7})}, "grey", true),
        Arguments.of("greyA 8", 4, 8, new byte[0][], "greyA", true),
        Arguments.of("greyA 16", 4, 16, new byte[0][], "greyA", true),
        Arguments.of("RGBA 16", 6, 16, new byte[0][], "RGBA", true),
        Arguments.of("palette", 3, 8, new byte[][] {Bytes.plte()}, "palette", false),
        Arguments.of("palette + tRNS", 3, 8, new byte[][] {Bytes.plte(), trns}, "palette", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pngs")
  void pngModesDecodeByThePolicy(String name, int colourType, int depth, byte[][] extra, String mode, boolean alpha)
      throws Exception {
    ImageDecoder.DecodedImage d = decode(Bytes.png(64, 48, depth, colourType, extra));
    assertEquals(new ImageInfo("png", 64, 48, mode, depth, 0, alpha), d.info());
    for (int y = 0; y < 48; y += 7) {
      for (int x = 0; x < 64; x += 5) {
        for (int c = 0; c < 3; c++) {
          int expected = switch (colourType) {
            case 0, 4 -> Bytes.sample(x, y, 0, colourType);
            case 3 -> PALETTE[Bytes.sample(x, y, 0, colourType)][c];
            default -> Bytes.sample(x, y, c, colourType);
          };
          assertEquals(expected, d.image().sample(x, y, c), name + " at " + x + "," + y + " channel " + c);
        }
      }
    }
  }

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of("bmp 24-bit", Bytes.imageio("bmp", BufferedImage.TYPE_3BYTE_BGR), new ImageInfo("bmp", 64, 48, "RGB", 8, 0, false)),
        Arguments.of("bmp 8-bit palette", Bytes.imageio("bmp", BufferedImage.TYPE_BYTE_INDEXED), new ImageInfo("bmp", 64, 48, "palette", 8, 0, false)),
        Arguments.of("tiff RGB", Bytes.imageio("tiff", BufferedImage.TYPE_3BYTE_BGR), new ImageInfo("tiff", 64, 48, "RGB", 8, 0, false)),
        Arguments.of("tiff grey", Bytes.imageio("tiff", BufferedImage.TYPE_BYTE_GRAY), new ImageInfo("tiff", 64, 48, "grey", 8, 0, false)),
        Arguments.of("tiff RGBA", Bytes.imageio("tiff", BufferedImage.TYPE_INT_ARGB), new ImageInfo("tiff", 64, 48, "RGBA", 8, 0, true)),
        Arguments.of("tiff palette", Bytes.imageio("tiff", BufferedImage.TYPE_BYTE_INDEXED), new ImageInfo("tiff", 64, 48, "palette", 8, 0, false)),
        Arguments.of("webp lossy", Bytes.WEBP_LOSSY, new ImageInfo("webp", 1, 1, "RGB", 8, 0, false)),
        Arguments.of("webp lossless", Bytes.WEBP_LOSSLESS, new ImageInfo("webp", 1, 1, "RGBA", 8, 0, true)),
        Arguments.of("webp VP8X alpha", Bytes.WEBP_ALPHA, new ImageInfo("webp", 1, 1, "RGBA", 8, 0, true)),
        Arguments.of("jpeg grey", Bytes.imageio("jpeg", BufferedImage.TYPE_BYTE_GRAY), new ImageInfo("jpeg", 64, 48, "grey", 8, 0, false)),
        Arguments.of("png RGB named by ImageIO", Bytes.imageio("png", BufferedImage.TYPE_3BYTE_BGR), new ImageInfo("png", 64, 48, "RGB", 8, 0, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void containersDecodeWithTheirHeaderFacts(String name, byte[] bytes, ImageInfo expected) throws Exception {
    ImageDecoder.DecodedImage d = decode(bytes);
    assertEquals(expected, d.info());
    assertEquals(expected.width(), d.image().width());
  }

  static IntStream orientations() {
    return IntStream.rangeClosed(1, 8);
  }

  @ParameterizedTest(name = "EXIF orientation {0}")
  @MethodSource("orientations")
  void exifOrientationIsRecordedNotApplied(int orientation) throws Exception {
    byte[] plain = Bytes.imageio("jpeg", BufferedImage.TYPE_3BYTE_BGR);
    byte[] tagged = Bytes.afterSoi(plain, Bytes.app1Exif(Bytes.tiffBlock(new long[] {274, 3, orientation})));
    ImageDecoder.DecodedImage d = decode(tagged);
    assertEquals(new ImageInfo("jpeg", 64, 48, "RGB", 8, orientation, false), d.info());
    assertArrayEquals(decode(plain).image().rgb(), d.image().rgb(), "pixels as stored, orientation not applied");
  }

  @Test
  void pngExifChunkIsRead() throws Exception {
    byte[] png = Bytes.png(64, 48, 8, 2, chunk("eXIf", Bytes.tiffBlock(new long[] {274, 3, 6})));
    assertEquals(6, decode(png).info().exifOrientation());
    assertEquals(64, decode(png).image().width());
  }

  static Stream<Arguments> brokenExif() {
    byte[] ok = Bytes.tiffBlock(new long[] {274, 3, 6});
    return Stream.of(
        Arguments.of("IFD offset past the block", Bytes.put(ok, 4, 4, 0x7FFFFFF0L, true)),
        Arguments.of("65535 entries", Bytes.put(ok, 8, 2, 0xFFFF, true)),
        Arguments.of("no byte order", Bytes.put(ok, 0, 2, 0, true)),
        Arguments.of("orientation 9", Bytes.tiffBlock(new long[] {274, 3, 9})),
        Arguments.of("cut after 6 bytes", java.util.Arrays.copyOf(ok, 6)));
  }

  /** PIL's open and convert never read EXIF, so a broken block leaves the image scorable, orientation 0. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenExif")
  void brokenExifIsIgnored(String name, byte[] tiff) throws Exception {
    byte[] jpeg = Bytes.afterSoi(Bytes.imageio("jpeg", BufferedImage.TYPE_3BYTE_BGR), Bytes.app1Exif(tiff));
    assertEquals(new ImageInfo("jpeg", 64, 48, "RGB", 8, 0, false), decode(jpeg).info());
  }

  private ImageDecoder.DecodedImage decode(byte[] b) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> decoder.decode(b));
  }
}
