package io.sparkiqa.udfs.models;

/** The numerics the heads share: weighted sums, a stable softmax and the cosine. Pure functions. */
final class Weighted {
  private Weighted() {
  }

  static double sum(double[] weights, double[] p) {
    if (weights != null && weights.length != p.length) {
      throw new IllegalArgumentException("head has " + weights.length + " weights, the model gives " + p.length);
    }
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      s += (weights == null ? k + 1 : weights[k]) * p[k];
    }
    return s;
  }

  static void check(String where, double[] weights, int d) {
    boolean ok = weights == null ? d >= 2 : weights.length == d;
    if (!ok) {
      throw Fields.wrong(where, "head.weights", "the model gives " + d + " outputs per image, the head has "
          + (weights == null ? "no weights (needs at least 2 outputs)" : weights.length + " weights"));
    }
  }

  static double cosine(float[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("image embedding has " + x.length + " values, the anchors " + y.length);
    }
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      nx += (double) x[i] * x[i];
      ny += y[i] * y[i];
    }
    return dot / (Math.sqrt(nx) * Math.sqrt(ny));
  }

  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] - max);
      sum += e[i];
    }
    for (int i = 0; i < z.length; i++) {
      e[i] /= sum;
    }
    return e;
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
