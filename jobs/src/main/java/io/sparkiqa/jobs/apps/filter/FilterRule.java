package io.sparkiqa.jobs.apps.filter;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of the quality gate. {@code abs}: keep when {@code score OP value} ({@code --rule niqe<6},
 * {@code --rule kodak_nr>=0.4}); {@code top}: keep the best {@code value} percent of the row's group by the metric's
 * own direction ({@code --keep-top 80%} or {@code --keep-top niqe=80%}); {@code calibrated}: keep when the logistic-4
 * of an earlier evaluation ({@code --calibration}) maps the score to a predicted MOS of at least {@code value}
 * ({@code --mos-cut}).
 *
 * @param params the logistic-4 parameters of a calibrated rule, else null
 */
public record FilterRule(String model, String kind, String op, double value, double[] params) implements Serializable {
  private static final Pattern ABS = Pattern.compile("\\s*([A-Za-z0-9_.:-]+)\\s*(<=|>=|<|>)\\s*([-+0-9.eE]+)\\s*");

  /** Parses {@code --rule MODEL<VALUE} (also {@code <=}, {@code >}, {@code >=}). */
  public static FilterRule parse(String text) {
    Matcher m = ABS.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--rule " + text + ": expected MODEL<VALUE, MODEL<=VALUE, MODEL>VALUE or "
          + "MODEL>=VALUE, e.g. niqe<6");
    }
    double v;
    try {
      v = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rule " + text + ": " + m.group(3) + " is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("--rule " + text + ": the threshold must be finite");
    }
    return new FilterRule(m.group(1), "abs", m.group(2), v, null);
  }

  /** A keep-top rule of {@code percent} (in (0, 100]). */
  public static FilterRule top(String model, String percentText) {
    String p = percentText.trim();
    double v;
    try {
      v = Double.parseDouble(p.endsWith("%") ? p.substring(0, p.length() - 1) : p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--keep-top " + percentText + ": expected a percentage such as 80%");
    }
    if (!(v > 0 && v <= 100)) {
      throw new IllegalArgumentException("--keep-top " + percentText + ": the percentage must be in (0, 100]");
    }
    return new FilterRule(model, "top", null, v, null);
  }

  /** Whether {@code score} passes, given the group's keep-top threshold (or null) and the metric's direction. */
  public boolean keeps(double score, Double groupThreshold, boolean lowerBetter) {
    return switch (kind) {
      case "abs" -> switch (op) {
        case "<" -> score < value;
        case "<=" -> score <= value;
        case ">" -> score > value;
        default -> score >= value;
      };
      case "top" -> groupThreshold != null && (lowerBetter ? score <= groupThreshold : score >= groupThreshold);
      default -> predicted(score) >= value;
    };
  }

  /** The value a calibrated rule compares: the predicted MOS; the score itself for the other kinds. */
  public double compared(double score) {
    return kind.equals("calibrated") ? predicted(score) : score;
  }

  private double predicted(double score) {
    return io.sparkiqa.jobs.stats.MappingFunction.LOGISTIC4.value(params, score);
  }

  /** The rule as text: {@code niqe<6}, {@code top 80% of niqe}, {@code niqe predicted MOS>=3}. */
  public String label() {
    return switch (kind) {
      case "abs" -> model + op + fmt(value);
      case "top" -> "top " + fmt(value) + "% of " + model;
      default -> model + " predicted MOS>=" + fmt(value);
    };
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
