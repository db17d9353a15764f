package io.sparkiqa.jobs.audit;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Small JPEG thumbnails (longer side 160 px, area resampling, quality 80) for the few images a report
 * shows, read on the driver through the same Hadoop file systems as the scoring and under the run's caps
 * ({@code --max-pixels}, {@code --max-bytes}: the header is checked before any pixel is decoded). Null when
 * the image cannot be read or is over a cap: the report then shows the path alone.
 */
public final class Thumbnails {
  public static final int SIDE = 160;
  private final ImageBytes bytes;
  private final ImageDecoder decoder;

  public Thumbnails(Configuration conf, long maxPixels, long maxBytes) {
    this.bytes = new ImageBytes(conf, maxBytes);
    this.decoder = new ImageDecoder(maxPixels);
  }

  public byte[] of(String uri) {
    if (uri == null) {
      return null;
    }
    try {
      RgbImage img = decoder.decode(bytes.read(uri)).image();
      double f = (double) SIDE / Math.max(img.width(), img.height());
      int w = Math.max(1, (int) Math.round(img.width() * Math.min(1, f)));
      int h = Math.max(1, (int) Math.round(img.height() * Math.min(1, f)));
      try (Mat rgb = new Mat(img.height(), img.width(), opencv_core.CV_8UC3, new BytePointer(img.rgb()));
           Mat bgr = new Mat(); Mat small = new Mat(); BytePointer out = new BytePointer();
           IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 80)) {
        opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
        opencv_imgproc.resize(bgr, small, new Size(w, h), 0, 0, opencv_imgproc.INTER_AREA);
        if (!imencode(".jpg", small, out, params)) {
          return null;
        }
        byte[] jpeg = new byte[(int) out.limit()];
        out.get(jpeg);
        return jpeg;
      }
    } catch (Exception e) {
      return null;
    }
  }
}
