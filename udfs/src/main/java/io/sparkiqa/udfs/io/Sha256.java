package io.sparkiqa.udfs.io;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex, the form in scores rows ({@code content_sha256}, {@code model_sha256}), model specs
 * and {@code run.json}.
 *
 * <pre>{@code
 * String h = Sha256.hex(bytes);            // 64 hex digits
 * String m = Sha256.hex(Files.newInputStream(model));
 * }</pre>
 */
public final class Sha256 {
  private Sha256() {
  }

  /** A fresh SHA-256 digest (for {@code DigestInputStream}). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  /** The hash of everything {@code in} yields (read to its end, not closed). */
  public static String hex(InputStream in) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    for (int n = in.read(buf); n > 0; n = in.read(buf)) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
