package io.sparkiqa.jobs.apps.curate;

import io.sparkiqa.udfs.image.RgbImage;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The 64-bit DCT perceptual hash: the image to grey (OpenCV's BT.601 weights), area-resampled to 32x32, its 2-D DCT-II
 * (OpenCV {@code dct}), then the top-left 8x8 coefficients (the lowest frequencies, row-major, bit 63 first) each set
 * when above the median of those 64 without the DC term. Near-identical pictures (recompressed, resized, slightly
 * retouched) differ in few bits; {@link Long#bitCount} of the XOR is their Hamming distance.
 */
public final class PerceptualHash {
  static final int SIZE = 32;

  private PerceptualHash() {
  }

  public static long of(RgbImage img) {
    float[] px = new float[SIZE * SIZE];
    try (Mat rgb = new Mat(img.height(), img.width(), opencv_core.CV_8UC3, new BytePointer(img.rgb()));
         Mat grey = new Mat(); Mat small = new Mat(); Mat f = new Mat(); Mat d = new Mat()) {
      opencv_imgproc.cvtColor(rgb, grey, opencv_imgproc.COLOR_RGB2GRAY);
      opencv_imgproc.resize(grey, small, new Size(SIZE, SIZE), 0, 0, opencv_imgproc.INTER_AREA);
      small.convertTo(f, opencv_core.CV_32F);
      opencv_core.dct(f, d);
      new FloatPointer(d.data()).get(px);
    }
    double[] low = new double[64];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        low[y * 8 + x] = px[y * SIZE + x];
      }
    }
    return bits(low);
  }

  /** The hash of 8x8 low-frequency coefficients (row-major, DC first): bit set when above the median of the AC 63. */
  static long bits(double[] low) {
    double[] ac = Arrays.copyOfRange(low, 1, 64);
    Arrays.sort(ac);
    double median = ac[31];
    long h = 0;
    for (int i = 0; i < 64; i++) {
      h = h << 1 | (low[i] > median ? 1 : 0);
    }
    return h;
  }

  /** The hash as 16 hex digits. */
  public static String hex(long h) {
    return String.format("%016x", h);
  }
}
