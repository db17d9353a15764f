package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;

/**
 * The AGIQA-3K split by prompt: prompt {@code p} (the integer at the end of the file name, {@code 000} = 0)
 * is {@code test} iff the first 8 bytes of sha256(UTF-8 {@code "agiqa3k-prompt:" + p + ":" + seed}), read as an
 * unsigned big-endian integer, mod 100 are below {@code round(testFraction x 100)} (20 by default); else
 * {@code train}. The Python side (training scripts) computes the same rule:
 *
 * <pre>{@code
 * int.from_bytes(hashlib.sha256(f"agiqa3k-prompt:{p}:{seed}".encode()).digest()[:8], "big") % 100 < 20
 * }</pre>
 */
final class PromptSplit {
  /** The seed without {@code --split-seed}. */
  static final long DEFAULT_SEED = 0;

  private PromptSplit() {
  }

  /** The hash bucket 0..99 of {@code prompt} under {@code seed}. */
  static int bucket(int prompt, long seed) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(("agiqa3k-prompt:" + prompt + ":" + seed).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return (int) Long.remainderUnsigned(v, 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code prompt} is in the test split. */
  static boolean isTest(int prompt, long seed, double testFraction) {
    return bucket(prompt, seed) < threshold(testFraction);
  }

  /**
   * The split column for a column of prompt numbers as written ({@code "007"}); null where that is null. The
   * 64-bit value is split into its high and low 32 bits so that the unsigned remainder needs only longs:
   * (hi x 2^32 + lo) mod 100 = (hi mod 100 x 96 + lo mod 100) mod 100, as 2^32 mod 100 = 96.
   */
  static Column column(Column promptDigits, long seed, double testFraction) {
    Column text = org.apache.spark.sql.functions.concat(lit("agiqa3k-prompt:"),
        promptDigits.cast("int").cast("string"), lit(":" + seed));
    Column hex = sha2(text, 256);
    Column hi = conv(substring(hex, 1, 8), 16, 10).cast("long");
    Column lo = conv(substring(hex, 9, 8), 16, 10).cast("long");
    Column bucket = pmod(pmod(hi, lit(100L)).multiply(96).plus(pmod(lo, lit(100L))), lit(100L));
    return when(promptDigits.isNotNull(), when(bucket.lt(threshold(testFraction)), lit("test")).otherwise(lit("train")));
  }

  private static long threshold(double testFraction) {
    return Math.round(testFraction * 100);
  }
}
