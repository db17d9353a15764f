package io.sparkiqa.udfs.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The BRISQUE release's quality regressor: libsvm's {@code svm-scale -r allrange} then
 * {@code svm-predict} with the RBF epsilon-SVR of {@code allmodel}, including the release's text round
 * trips ({@link LibsvmText}). Parsed from the release files, which ship as resources with their notice.
 */
final class BrisqueSvr {
  static final BrisqueSvr LIVE = load();

  private final double lower;
  private final double upper;
  private final double[] min;
  private final double[] max;
  private final double gamma;
  private final double rho;
  private final double[] coef;
  private final double[][] sv;

  private BrisqueSvr(double[] range, double[] min, double[] max, double gamma, double rho, double[] coef, double[][] sv) {
    this.lower = range[0];
    this.upper = range[1];
    this.min = min;
    this.max = max;
    this.gamma = gamma;
    this.rho = rho;
    this.coef = coef;
    this.sv = sv;
  }

  /** The score the release prints for these features (written with %f first). */
  double score(double[] features) {
    double[] x = new double[features.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = LibsvmText.printfG(scale(i, LibsvmText.printfF(features[i])));
    }
    return LibsvmText.printfG(predict(x));
  }

  /** svm-scale's restore mode for feature {@code i} (0-based); single-valued attributes are dropped (0). */
  double scale(int i, double v) {
    if (max[i] == min[i]) {
      return 0;
    }
    if (v == min[i]) {
      return lower;
    }
    if (v == max[i]) {
      return upper;
    }
    return lower + (upper - lower) * (v - min[i]) / (max[i] - min[i]);
  }

  /** svm-predict for an epsilon-SVR: sum_i coef_i exp(-gamma |x - sv_i|^2) - rho, in model order. */
  double predict(double[] x) {
    double sum = 0;
    for (int s = 0; s < sv.length; s++) {
      double d2 = 0;
      double[] y = sv[s];
      for (int j = 0; j < x.length; j++) {
        double d = x[j] - y[j];
        d2 += d * d;
      }
      sum += coef[s] * Math.exp(-gamma * d2);
    }
    return sum - rho;
  }

  private static BrisqueSvr load() {
    try (BufferedReader range = reader("brisque_allrange"); BufferedReader model = reader("brisque_allmodel")) {
      if (!"x".equals(range.readLine().trim())) {
        throw new IllegalStateException("brisque_allrange: expected an 'x' header");
      }
      double[] bounds = numbers(range.readLine());
      double[] min = new double[36];
      double[] max = new double[36];
      for (String line = range.readLine(); line != null; line = range.readLine()) {
        if (!line.isBlank()) {
          double[] f = numbers(line);
          min[(int) f[0] - 1] = f[1];
          max[(int) f[0] - 1] = f[2];
        }
      }
      double gamma = Double.NaN;
      double rho = Double.NaN;
      for (String line = model.readLine(); !"SV".equals(line.trim()); line = model.readLine()) {
        String[] kv = line.trim().split(" ");
        if (kv[0].equals("gamma")) {
          gamma = Double.parseDouble(kv[1]);
        } else if (kv[0].equals("rho")) {
          rho = Double.parseDouble(kv[1]);
        } else if (kv[0].equals("svm_type") && !kv[1].equals("epsilon_svr") || kv[0].equals("kernel_type") && !kv[1].equals("rbf")) {
          throw new IllegalStateException("brisque_allmodel: expected an RBF epsilon_svr, got " + line);
        }
      }
      List<Double> coef = new ArrayList<>();
      List<double[]> sv = new ArrayList<>();
      for (String line = model.readLine(); line != null; line = model.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] tok = line.trim().split(" ");
        coef.add(Double.parseDouble(tok[0]));
        double[] v = new double[36];
        for (int t = 1; t < tok.length; t++) {
          int colon = tok[t].indexOf(':');
          v[Integer.parseInt(tok[t].substring(0, colon)) - 1] = Double.parseDouble(tok[t].substring(colon + 1));
        }
        sv.add(v);
      }
      return new BrisqueSvr(bounds, min, max, gamma, rho, coef.stream().mapToDouble(Double::doubleValue).toArray(),
          sv.toArray(double[][]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] numbers(String line) {
    return java.util.Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
  }

  private static BufferedReader reader(String name) {
    InputStream in = BrisqueSvr.class.getResourceAsStream(name);
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
  }

  int supportVectors() {
    return sv.length;
  }
}
