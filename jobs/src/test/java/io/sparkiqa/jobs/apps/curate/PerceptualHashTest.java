package io.sparkiqa.jobs.apps.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import java.nio.file.Files;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The pHash bits from 8x8 coefficients worked by hand, and on real photos: a JPEG re-encode and a 0.75x resize of a
 * Kodak photo stay within 8 bits, other photos more than twice as far.
 */
class PerceptualHashTest {
  @Test
  void bitsAreTheCoefficientsAboveTheAcMedian() {
    double[] low = new double[64];
    for (int i = 0; i < 64; i++) {
      low[i] = i;
    }
    // AC values 1..63, median 32: coefficients 33..63 set, the low 31 bits of a row-major, bit-63-first hash
    assertEquals((1L << 31) - 1, PerceptualHash.bits(low));
    low[0] = 1000;
    assertEquals((1L << 31) - 1 | 1L << 63, PerceptualHash.bits(low), "the DC term is not in the median, but has its bit");
  }

  private static RgbImage photo(String name) throws Exception {
    byte[] b = Files.readAllBytes(TestSupport.repoRoot().resolve("data/kodak/" + name + ".png"));
    return ImageDecoder.withDefaults().decode(b).image();
  }

  private static RgbImage through(RgbImage img, String ext, int quality, double scale) {
    try (Mat rgb = new Mat(img.height(), img.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3,
        new BytePointer(img.rgb())); Mat small = new Mat(); Mat back = new Mat()) {
      opencv_imgproc.resize(rgb, small, new Size((int) (img.width() * scale), (int) (img.height() * scale)), 0, 0,
          opencv_imgproc.INTER_AREA);
      byte[] bytes;
      try (BytePointer buf = new BytePointer();
           org.bytedeco.javacpp.IntPointer params = new org.bytedeco.javacpp.IntPointer(
               opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
        opencv_imgcodecs.imencode(ext, small, buf, params);
        bytes = new byte[(int) buf.limit()];
        buf.get(bytes);
      }
      try {
        return ImageDecoder.withDefaults().decode(bytes).image();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void nearCopiesAreCloseOtherPhotosAreFar() throws Exception {
    RgbImage a = photo("kodim03");
    long h = PerceptualHash.of(a);
    int recoded = Long.bitCount(h ^ PerceptualHash.of(through(a, ".jpg", 50, 1.0)));
    int resized = Long.bitCount(h ^ PerceptualHash.of(through(a, ".jpg", 90, 0.75)));
    // measured 8 and 8 bits: a heavy re-encode needs a threshold above the default 6
    assertTrue(recoded <= 8 && resized <= 8, "JPEG q50: " + recoded + " bits, 0.75x: " + resized + " bits");
    for (String other : new String[] {"kodim01", "kodim05", "kodim23"}) {
      int d = Long.bitCount(h ^ PerceptualHash.of(photo(other)));
      assertTrue(d > 2 * Math.max(recoded, resized), other + ": " + d + " bits, near copies " + recoded + "/" + resized);
    }
  }
}
