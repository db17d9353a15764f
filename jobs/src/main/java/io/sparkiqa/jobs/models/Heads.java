package io.sparkiqa.jobs.models;

/**
 * How a model's output vector becomes one score: {@code scalar} (the first value), {@code distribution}
 * (sum of w_k p_k, weights default 1..K: NIMA's mean score), {@code levels} (softmax over level logits, then
 * sum of w_k p_k: LIQE / Q-Align style), {@code prompt_pair} (CLIP-IQA: cosine of the image embedding with
 * the two anchor text embeddings times the logit scale, softmax, probability of the second, "good").
 */
public final class Heads {
  private Heads() {
  }

  public static double apply(ModelSpec.Head head, float[] out) {
    return switch (head.type()) {
      case "scalar" -> out[0];
      case "distribution" -> weighted(head, out, false);
      case "levels" -> weighted(head, out, true);
      case "prompt_pair" -> promptPair(head, out);
      default -> throw new IllegalArgumentException("unknown head " + head.type());
    };
  }

  private static double weighted(ModelSpec.Head head, float[] out, boolean softmax) {
    double[] p = softmax ? softmax(toDouble(out)) : toDouble(out);
    if (head.weights() != null && head.weights().size() != p.length) {
      throw new IllegalArgumentException("head has " + head.weights().size() + " weights, the model gives " + p.length);
    }
    double s = 0;
    for (int k = 0; k < p.length; k++) {
      s += (head.weights() == null ? k + 1 : head.weights().get(k)) * p[k];
    }
    return s;
  }

  private static double promptPair(ModelSpec.Head head, float[] emb) {
    double[] logits = new double[2];
    for (int a = 0; a < 2; a++) {
      logits[a] = head.logitScale() * cosine(emb, head.anchors().get(a));
    }
    return softmax(logits)[1];
  }

  static double cosine(float[] x, java.util.List<Double> y) {
    if (x.length != y.size()) {
      throw new IllegalArgumentException("image embedding has " + x.length + " values, the anchors " + y.size());
    }
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y.get(i);
      nx += (double) x[i] * x[i];
      ny += y.get(i) * y.get(i);
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

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
