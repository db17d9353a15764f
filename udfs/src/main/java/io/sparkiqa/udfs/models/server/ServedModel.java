package io.sparkiqa.udfs.models.server;

import io.sparkiqa.udfs.models.ModelSpec;
import java.time.Duration;

/**
 * A spec's {@code server} block with its defaults filled in: which served model and tensors, and how hard to try.
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
  static final double DEFAULT_TIMEOUT_S = 30;
  static final int DEFAULT_RETRIES = 3;
  static final int DEFAULT_BACKOFF_MS = 200;

  /** The checked {@code server} block of a spec (ModelSpecs checks it), defaults applied. */
  public static ServedModel of(ModelSpec.Server s) {
    double t = s.timeoutS() == null ? DEFAULT_TIMEOUT_S : s.timeoutS();
    return new ServedModel(s.model(), s.version(), s.input(), s.output(), Duration.ofMillis(Math.round(t * 1000)),
        s.retries() == null ? DEFAULT_RETRIES : s.retries(),
        Duration.ofMillis(s.backoffMs() == null ? DEFAULT_BACKOFF_MS : s.backoffMs()), s.binary() == null || s.binary());
  }

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
