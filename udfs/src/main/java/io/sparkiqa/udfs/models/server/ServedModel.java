package io.sparkiqa.udfs.models.server;

import java.time.Duration;

/**
 * A spec's {@code server} block with its defaults filled in ({@code ServerFields.served} makes it): which served model and tensors, and how hard to try.
 *
 * @param model   the served model's name
 * @param version its version, or null for the server's default
 * @param input   the input tensor's name
 * @param output  the output tensor's name
 * @param timeout the limit of one request (connect, send, answer)
 * @param retries further attempts after a failed one (connection refused or reset, timeout, 5xx)
 * @param backoff the wait before the first retry; each next waits twice as long
 * @param binary  true: the input travels with the binary tensor extension; false: as JSON numbers
 */
public record ServedModel(String model, String version, String input, String output, Duration timeout, int retries,
                          Duration backoff, boolean binary) {
  public static final double DEFAULT_TIMEOUT_S = 30;
  public static final int DEFAULT_RETRIES = 3;
  public static final int DEFAULT_BACKOFF_MS = 200;

  /** The infer endpoint's path below the server's base URL. */
  public String inferPath() {
    return "v2/models/" + model + (version == null ? "" : "/versions/" + version) + "/infer";
  }

  /** The wait before attempt {@code attempt} (1 = the first retry): backoff x 2^(attempt-1), at most 30 s. */
  public Duration backoffBefore(int attempt) {
    long ms = backoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
    return Duration.ofMillis(Math.min(ms, 30_000));
  }
}
