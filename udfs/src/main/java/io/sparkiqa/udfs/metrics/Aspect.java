package io.sparkiqa.udfs.metrics;

import java.util.Locale;

/** What a metric's score is about: technical {@code quality} (the MOS datasets here) or {@code aesthetics} (AVA). */
public enum Aspect {
  QUALITY, AESTHETICS;

  /** The lower-case name used in specs, run.json and the report. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code quality} or {@code aesthetics}; null for the default, quality. */
  public static Aspect of(String id) {
    if (id == null) {
      return QUALITY;
    }
    for (Aspect a : values()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("aspect '" + id + "': expected quality or aesthetics");
  }
}
