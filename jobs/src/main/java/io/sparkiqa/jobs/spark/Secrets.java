package io.sparkiqa.jobs.spark;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secret settings out of what a command prints. A setting is secret when its key matches {@link #KEY}
 * ({@code secret}, {@code password}, {@code token} or {@code credential}, any case); its value is shown as
 * {@link #MASK}. The values of the secret settings a command read (profile, {@code --conf}, spark-submit's) and any
 * {@code --conf} that could not be parsed are remembered in this JVM, and {@link #scrub} replaces each of them by
 * {@link #MASK} in a text about to be printed (an error message, a stack trace).
 *
 * <pre>{@code
 * Secrets.remember(settings);
 * console.println(Secrets.scrub("error: " + e.getMessage()));
 * }</pre>
 */
public final class Secrets {
  /** The keys whose values are secret. */
  public static final Pattern KEY = Pattern.compile("(?i)secret|password|token|credential");
  /** What a secret value prints as. */
  public static final String MASK = "***";
  /** Spark's own redaction of logs, the UI and event logs, widened to {@link #KEY}'s words. */
  public static final String SPARK_REDACTION_REGEX = "(?i)secret|password|token|credential|access[.]?key";

  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

  private Secrets() {
  }

  /** True when {@code key}'s value is secret. */
  public static boolean isSecret(String key) {
    return key != null && KEY.matcher(key).find();
  }

  /** {@code value}, or {@link #MASK} when {@code key} is secret. */
  public static String shown(String key, String value) {
    return isSecret(key) ? MASK : value;
  }

  /**
   * Remembers the values of the secret keys of {@code settings} for {@link #scrub}, except values that are no secret
   * whatever their key says (a switch, a class name such as {@code ...credentials.provider}): scrubbing
   * those would mask every {@code false} in every later message.
   */
  public static void remember(Map<String, String> settings) {
    settings.forEach((k, v) -> {
      if (isSecret(k) && !plain(v)) {
        remember(v);
      }
    });
  }

  /** A value that cannot be a secret: a boolean, a Java class name (or a list of them), or under 4 characters. */
  static boolean plain(String v) {
    String t = v == null ? "" : v.trim();
    return t.length() < 4 || t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")
        || t.matches("([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(\\s*,\\s*([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*)*");
  }

  /** Remembers one text (a secret value, an unparsed --conf) for {@link #scrub}; blank texts are ignored. */
  public static void remember(String text) {
    if (text != null && !text.isBlank()) {
      VALUES.add(text);
      VALUES.add(text.trim());
    }
  }

  /** {@code text} with every remembered secret replaced by {@link #MASK}, the longest first. */
  public static String scrub(String text) {
    if (text == null || VALUES.isEmpty()) {
      return text;
    }
    String out = text;
    for (String v : VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      out = out.replace(v, MASK);
    }
    return out;
  }
}
