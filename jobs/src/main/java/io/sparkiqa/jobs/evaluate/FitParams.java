package io.sparkiqa.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The fitted parameters read back from a metrics row's {@code fit_params} JSON. */
public record FitParams(double[] logistic4, double[] logistic5) {

  public static FitParams parse(String json) {
    try {
      JsonNode n = new ObjectMapper().readTree(json);
      return new FitParams(params(n.path("logistic4")), params(n.path("logistic5")));
    } catch (IOException e) {
      throw new UncheckedIOException("fit_params is not valid JSON: " + json, e);
    }
  }

  private static double[] params(JsonNode fit) {
    JsonNode p = fit.path("params");
    if (!p.isArray()) {
      return null;
    }
    double[] out = new double[p.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.get(i).asDouble();
    }
    return out;
  }
}
