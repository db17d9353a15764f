package io.sparkiqa.udfs.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.function.ToIntFunction;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns encoded bytes into an {@link RgbImage} under one documented policy, the one the Python reference
 * tools (PIL {@code Image.open(...).convert("RGB")}) follow:
 * <ul>
 *   <li>The header is read first ({@link HeaderReader}); an image over the pixel cap (or over what one Java
 *       array holds, whatever the cap) fails with {@code over_pixel_cap} before any pixel buffer is
 *       allocated, and the decoded size must equal the header's.</li>
 *   <li>Pixels come from OpenCV's {@code imdecode} (libjpeg-turbo, libpng), identical to PIL's for 8-bit
 *       JPEG and PNG. Truncated or corrupt data fails ({@code undecodable}); nothing is invented.</li>
 *   <li>Grey is replicated to R=G=B; alpha is dropped without compositing (as PIL's convert("RGB")).</li>
 *   <li>16-bit samples keep their high byte (v &gt;&gt; 8), as PIL does for 16-bit RGB PNGs. PIL clips
 *       16-bit <em>grey</em> PNGs to 255 instead; we do not copy that quirk.</li>
 *   <li>CMYK JPEGs are converted by libjpeg/OpenCV, within one grey level of PIL.</li>
 *   <li>EXIF orientation is recorded in {@link ImageInfo} and not applied; ICC profiles are ignored.</li>
 *   <li>On request a JPEG is decoded at 1/2, 1/4 or 1/8 scale through libjpeg's scaled inverse DCT
 *       ({@link JpegDraft}, Pillow's {@code draft()}; the same pixels as Pillow); other formats always decode at
 *       full size. The {@link ImageInfo} keeps the original size.</li>
 * </ul>
 *
 * <pre>{@code
 * ImageDecoder decoder = new ImageDecoder(64_000_000L);
 * DecodedImage d = decoder.decode(bytes);   // throws DecodeException with a reason class
 * DecodedImage small = decoder.decode(bytes, info -> JpegDraft.scale(info.width(), info.height(), 224, 224));
 * }</pre>
 */
public final class ImageDecoder {
  /** Default cap: 64 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 64_000_000L;
  /** The most RGB pixels one Java array holds: the largest array the JVM allocates (2^31-9), over 3 bytes. */
  public static final long MAX_ARRAY_PIXELS = (Integer.MAX_VALUE - 8) / 3;

  static {
    opencv_core.setNumThreads(1);
  }

  private final long maxPixels;

  public ImageDecoder(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("pixel cap must be positive, got " + maxPixels);
    }
    this.maxPixels = maxPixels;
  }

  public static ImageDecoder withDefaults() {
    return new ImageDecoder(DEFAULT_MAX_PIXELS);
  }

  /**
   * An image with its header facts (the original size, whatever the scale) and the reduction its pixels were
   * decoded at (1: full size; 2, 4 or 8: a JPEG decoded at ceil(size / scale)).
   */
  public record DecodedImage(ImageInfo info, RgbImage image, int scale) {
  }

  /** The image at full size. */
  public DecodedImage decode(byte[] bytes) throws DecodeException {
    return decode(bytes, info -> 1);
  }

  /**
   * The image, a JPEG at the reduction {@code scale} gives for its header (1, 2, 4 or 8; asked only for JPEGs,
   * after the pixel caps are checked on the original size); other formats at full size.
   */
  public DecodedImage decode(byte[] bytes, ToIntFunction<ImageInfo> scale) throws DecodeException {
    ImageInfo info = HeaderReader.read(bytes);
    if (info.pixels() > maxPixels) {
      throw new DecodeException("over_pixel_cap", info.width() + "x" + info.height() + " = " + info.pixels()
          + " pixels is over the cap of " + maxPixels + " (set --max-pixels to raise it)");
    }
    if (info.pixels() > MAX_ARRAY_PIXELS) {
      throw new DecodeException("over_pixel_cap", info.width() + "x" + info.height() + " = " + info.pixels()
          + " pixels is over " + MAX_ARRAY_PIXELS + ", the most an RGB image in one Java array can hold");
    }
    int s = "jpeg".equals(info.format()) ? scale.applyAsInt(info) : 1;
    if (!JpegDraft.valid(s)) {
      throw new IllegalArgumentException("a JPEG decodes at scale 1, 2, 4 or 8, not " + s);
    }
    return new DecodedImage(info, decodePixels(bytes, info, s), s);
  }

  private static RgbImage decodePixels(byte[] bytes, ImageInfo info, int scale) throws DecodeException {
    int reduce = switch (scale) {
      case 2 -> IMREAD_REDUCED_GRAYSCALE_2;
      case 4 -> IMREAD_REDUCED_GRAYSCALE_4;
      case 8 -> IMREAD_REDUCED_GRAYSCALE_8;
      default -> 0;
    };
    int width = JpegDraft.reduced(info.width(), scale);
    int height = JpegDraft.reduced(info.height(), scale);
    Mat decoded;
    try (BytePointer ptr = new BytePointer(bytes); Mat buf = new Mat(1, bytes.length, opencv_core.CV_8UC1, ptr)) {
      // the REDUCED_GRAYSCALE flags carry only the scale (grey is flag 0); COLOR_RGB makes the output RGB
      decoded = imdecode(buf, reduce | IMREAD_COLOR_RGB | IMREAD_IGNORE_ORIENTATION);
    } catch (RuntimeException e) {
      throw new DecodeException("undecodable", "OpenCV could not decode the " + info.format() + ": " + e.getMessage());
    }
    try (Mat m = decoded) {
      if (m == null || m.empty()) {
        throw new DecodeException("undecodable", "corrupt or truncated " + info.format() + " data");
      }
      if (m.cols() != width || m.rows() != height || m.channels() != 3 || m.elemSize1() != 1) {
        throw new DecodeException("undecodable", "decoded " + m.cols() + "x" + m.rows() + "x" + m.channels()
            + " does not match the header's " + info.width() + "x" + info.height()
            + (scale == 1 ? "" : " at 1/" + scale + " (" + width + "x" + height + ")"));
      }
      byte[] rgb = new byte[3 * m.cols() * m.rows()];
      if (m.isContinuous()) {
        m.data().get(rgb);
      } else {
        int row = 3 * m.cols();
        for (int y = 0; y < m.rows(); y++) {
          m.ptr(y).get(rgb, y * row, row);
        }
      }
      return new RgbImage(m.cols(), m.rows(), rgb);
    }
  }
}
