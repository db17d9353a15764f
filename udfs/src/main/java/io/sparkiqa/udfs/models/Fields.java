package io.sparkiqa.udfs.models;

import java.util.Set;
import java.util.TreeSet;

/** The checks a spec's fields share; every failure names the spec and the field to fix. */
final class Fields {
  private Fields() {
  }

  static void require(String where, String field, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(where + ": field '" + field + "': expected " + expected);
    }
  }

  static void oneOf(String where, String field, String value, Set<String> allowed) {
    require(where, field, value != null && allowed.contains(value), "one of " + new TreeSet<>(allowed));
  }

  static boolean positive(Integer v) {
    return v != null && v > 0;
  }

  /** A check of what the model gives that failed at the dry run. */
  static IllegalArgumentException wrong(String where, String field, String message) {
    return new IllegalArgumentException(where + ": field '" + field + "': " + message);
  }
}
