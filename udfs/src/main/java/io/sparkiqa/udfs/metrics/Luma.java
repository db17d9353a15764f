package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/** Colour to luma conversions, in double with no rounding unless the name says otherwise. */
public final class Luma {
  private Luma() {
  }

  /** ITU-R BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B}, row-major, one double per pixel. */
  public static double[] bt601(RgbImage img) {
    byte[] rgb = img.rgb();
    double[] out = new double[img.width() * img.height()];
    for (int i = 0, j = 0; i < out.length; i++, j += 3) {
      out[i] = 0.299 * (rgb[j] & 0xff) + 0.587 * (rgb[j + 1] & 0xff) + 0.114 * (rgb[j + 2] & 0xff);
    }
    return out;
  }
}
