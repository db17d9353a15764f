package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.oneOf;
import static io.sparkiqa.udfs.models.Fields.require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How a model's output vector (per crop) becomes one score, resolved once from the spec's {@code head}. Every head
 * type is a record here and one line of {@link #TYPES}: adding a head touches this file only.
 * <ul>
 *   <li>{@code scalar}: the first value;</li>
 *   <li>{@code distribution}: sum of w_k p_k over the outputs, weights default 1..K (NIMA's mean score);</li>
 *   <li>{@code levels}: softmax over level logits, then sum of w_k p_k (LIQE / Q-Align style);</li>
 *   <li>{@code prompt_pair}: CLIP-IQA: cosine of the image embedding with each [bad, good] pair of anchor text
 *       embeddings times the
 *       logit scale, softmax, probability of the second ("good"), averaged over the pairs.</li>
 * </ul>
 */
public sealed interface Head permits Head.Scalar, Head.Distribution, Head.Levels, Head.PromptPair {

  /** Head type name to its factory (which checks the head's fields). */
  Map<String, BiFunction<String, ModelSpec.Head, Head>> TYPES = types();

  /** The score of one output vector. */
  double apply(float[] out);

  /** Throws naming the field when {@code d} outputs per tensor cannot feed this head (the dry run). */
  void checkOutputs(String where, int d);

  /** The head of {@code h}, its fields checked; {@code where} names the spec (and output) in messages. */
  static Head of(String where, ModelSpec.Head h) {
    require(where, "head", h != null, "an object with a type");
    oneOf(where, "head.type", h.type(), TYPES.keySet());
    return TYPES.get(h.type()).apply(where, h);
  }

  private static Map<String, BiFunction<String, ModelSpec.Head, Head>> types() {
    Map<String, BiFunction<String, ModelSpec.Head, Head>> m = new LinkedHashMap<>();
    m.put("scalar", (where, h) -> new Scalar());
    m.put("distribution", (where, h) -> new Distribution(weights(h.weights())));
    m.put("levels", (where, h) -> {
      require(where, "head.weights", h.weights() != null && h.weights().size() >= 2, "one weight per level (at least 2)");
      return new Levels(weights(h.weights()));
    });
    m.put("prompt_pair", (where, h) -> {
      List<List<Double>> a = h.anchors();
      require(where, "head.anchors", a != null && a.size() >= 2 && a.size() % 2 == 0 && !a.get(0).isEmpty()
          && a.stream().allMatch(v -> v != null && v.size() == a.get(0).size()),
          "text embeddings of equal length in pairs ([bad, good] or [bad1, good1, bad2, good2, ...])");
      require(where, "head.logit_scale", h.logitScale() != null && h.logitScale() > 0, "a positive number");
      return new PromptPair(a.stream().map(Head::weights).toArray(double[][]::new), h.logitScale());
    });
    return java.util.Collections.unmodifiableMap(m);
  }

  private static double[] weights(List<Double> w) {
    return w == null ? null : w.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The first output value. */
  record Scalar() implements Head {
    @Override
    public double apply(float[] out) {
      return out[0];
    }

    @Override
    public void checkOutputs(String where, int d) {
      if (d != 1) {
        throw Fields.wrong(where, "head.type", "scalar needs one output per image, the model gives " + d);
      }
    }
  }

  /** Sum of w_k p_k over probabilities the model gives; weights null means 1..K. */
  record Distribution(double[] weights) implements Head {
    @Override
    public double apply(float[] out) {
      return Weighted.sum(weights, Weighted.toDouble(out));
    }

    @Override
    public void checkOutputs(String where, int d) {
      Weighted.check(where, weights, d);
    }
  }

  /** Softmax over level logits, then sum of w_k p_k. */
  record Levels(double[] weights) implements Head {
    @Override
    public double apply(float[] out) {
      return Weighted.sum(weights, Weighted.softmax(Weighted.toDouble(out)));
    }

    @Override
    public void checkOutputs(String where, int d) {
      Weighted.check(where, weights, d);
    }
  }

  /**
   * CLIP-IQA's antonym prompt pairs: P(good) from the cosines with each [bad, good] pair of anchors, averaged over
   * the pairs (one pair: CLIP-IQA's "Bad photo." / "Good photo.").
   */
  record PromptPair(double[][] anchors, double logitScale) implements Head {
    @Override
    public double apply(float[] emb) {
      double sum = 0;
      for (int i = 0; i < anchors.length; i += 2) {
        sum += Weighted.softmax(new double[] {logitScale * Weighted.cosine(emb, anchors[i]),
            logitScale * Weighted.cosine(emb, anchors[i + 1])})[1];
      }
      return sum / (anchors.length / 2);
    }

    @Override
    public void checkOutputs(String where, int d) {
      if (d != anchors[0].length) {
        throw Fields.wrong(where, "head.anchors", "the image embedding has " + d + " values, the anchors "
            + anchors[0].length);
      }
    }
  }
}
