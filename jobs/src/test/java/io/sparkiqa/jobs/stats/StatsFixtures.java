package io.sparkiqa.jobs.stats;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sparkiqa.jobs.TestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The SciPy fixtures of scripts/fixtures/make_stats_fixtures.py: pairs (NaN pairs omitted) and expectations. */
public final class StatsFixtures {
  private StatsFixtures() {
  }

  /** One fixture: its pairs with NaN pairs dropped (nan_policy='omit'), and SciPy's values. */
  public record Fixture(String name, double[] x, double[] y, JsonNode expected) {
    @Override
    public String toString() {
      return name;
    }

    public boolean degenerate() {
      return expected.path("degenerate").asBoolean();
    }
  }

  public static List<Fixture> all() {
    return read("expected_stats.json", "pairs_", true);
  }

  /**
   * The fixtures of scripts/fixtures/make_nonfinite_fixtures.py: every pair kept, NaN, +Infinity and -Infinity
   * scores included, with SciPy's values under the rules of {@link NonFinite}.
   */
  public static List<Fixture> nonFinite() {
    return read("expected_nonfinite.json", "pairs_nonfinite_", false);
  }

  private static List<Fixture> read(String json, String prefix, boolean dropNan) {
    JsonNode root;
    try (InputStream in = StatsFixtures.class.getResourceAsStream("/stats/" + json)) {
      root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Fixture> out = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      List<double[]> pairs = new ArrayList<>();
      for (String[] r : TestSupport.csv("/stats/" + prefix + name + ".csv")) {
        double a = parse(r[0]);
        double b = parse(r[1]);
        if (!dropNan || !Double.isNaN(a) && !Double.isNaN(b)) {
          pairs.add(new double[] {a, b});
        }
      }
      double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
      out.add(new Fixture(name, x, y, root.get(name)));
    }
    return out;
  }

  private static double parse(String s) {
    return switch (s) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  public static List<Fixture> nonDegenerate() {
    return all().stream().filter(f -> !f.degenerate()).toList();
  }
}
