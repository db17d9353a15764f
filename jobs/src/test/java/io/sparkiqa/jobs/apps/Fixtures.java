package io.sparkiqa.jobs.apps;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Small images for the application commands' tests: bundled Kodak photos downscaled (area), optionally blurred. */
public final class Fixtures {
  private Fixtures() {
  }

  /**
   * data/kodak/{@code photo}.png area-downscaled to {@code width} px wide, Gaussian-blurred by {@code sigma} px when
   * positive, written as PNG to {@code out}; returns out.
   */
  public static Path kodak(String photo, int width, double sigma, Path out) {
    try (Mat full = imread(TestSupport.repoRoot().resolve("data/kodak/" + photo + ".png").toString(), IMREAD_COLOR);
         Mat small = new Mat(); Mat blurred = new Mat()) {
      int h = (int) Math.round((double) full.rows() * width / full.cols());
      opencv_imgproc.resize(full, small, new Size(width, h), 0, 0, opencv_imgproc.INTER_AREA);
      Mat img = small;
      if (sigma > 0) {
        int k = 2 * (int) Math.ceil(4 * sigma) + 1;
        opencv_imgproc.GaussianBlur(small, blurred, new Size(k, k), sigma, sigma, opencv_core.BORDER_REFLECT_101,
            opencv_core.ALGO_HINT_ACCURATE);
        img = blurred;
      }
      if (!imwrite(out.toString(), img)) {
        throw new IllegalStateException("cannot write " + out);
      }
      return out;
    }
  }
}
