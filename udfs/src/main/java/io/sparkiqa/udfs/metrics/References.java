package io.sparkiqa.udfs.metrics;

import io.sparkiqa.udfs.image.RgbImage;

/** Checks shared by the full-reference metrics (native and deep). */
public final class References {
  private References() {
  }

  static void requireAtLeast(String metric, RgbImage image, int side) throws MetricException {
    if (image.width() < side || image.height() < side) {
      throw new MetricException("too_small", metric + " needs at least " + side + "x" + side + " pixels, image is "
          + image.width() + "x" + image.height());
    }
  }

  /** A reference of the image's size: {@code no_reference} without one, {@code ref_size_mismatch} for another size. */
  public static void requireSameSize(String metric, RgbImage image, RgbImage reference) throws MetricException {
    if (reference == null) {
      throw new MetricException("no_reference", metric + " is full-reference and the row has no ref_uri");
    }
    if (image.width() != reference.width() || image.height() != reference.height()) {
      throw new MetricException("ref_size_mismatch", "image is " + image.width() + "x" + image.height()
          + " but the reference is " + reference.width() + "x" + reference.height());
    }
  }
}
