package io.sparkiqa.udfs.matlab;

/** A single-channel image of doubles, row-major ({@code v[y * width + x]}), as MATLAB's double(I). */
public record GreyImage(int width, int height, double[] v) {

  public GreyImage {
    if (v.length != width * height) {
      throw new IllegalArgumentException("values " + v.length + " != " + width + "x" + height);
    }
  }

  public double at(int x, int y) {
    return v[y * width + x];
  }
}
