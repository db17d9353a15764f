package io.sparkiqa.jobs.apps.sweep;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A quality target of the sweep: {@code ms_ssim>=0.98} (met when the score is at least 0.98) or {@code lpips<=0.1}. */
public record SweepTarget(String model, boolean atLeast, double value) implements Serializable {
  private static final Pattern P = Pattern.compile("\\s*([A-Za-z0-9_.:-]+)\\s*(>=|<=)\\s*([-+0-9.eE]+)\\s*");

  public static SweepTarget parse(String text) {
    Matcher m = P.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("--target " + text + ": expected MODEL>=VALUE (higher-better metrics) or "
          + "MODEL<=VALUE (lower-better), e.g. ms_ssim>=0.98");
    }
    double v;
    try {
      v = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--target " + text + ": " + m.group(3) + " is not a number");
    }
    return new SweepTarget(m.group(1), m.group(2).equals(">="), v);
  }

  public boolean met(double score) {
    return atLeast ? score >= value : score <= value;
  }

  public String label() {
    return model + (atLeast ? ">=" : "<=") + value;
  }
}
