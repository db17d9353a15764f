package io.sparkiqa.udfs.models.server;

import io.sparkiqa.udfs.metrics.MetricException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a preprocessed batch to an inference server ({@link V2Codec}) and returns the output values, through one
 * {@link HttpClient} per JVM (its connections are kept alive and reused by every task of the executor). A request that
 * cannot connect, is cut off, times out or gets a 5xx (or 429) answer is tried again up to {@code retries} times,
 * waiting {@code backoff}, then twice that, and so on; what then still fails becomes a {@link MetricException} of a
 * transient class ({@code timeout} when the last attempt timed out, else {@code server_unavailable}), which
 * {@code --resume} scores again. A 4xx answer (unknown model, wrong tensor) is the spec's fault and fails at once
 * with {@code inference_error} and the server's message, as does an answer without the output.
 */
public final class InferenceClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT).build();
  private static final AtomicLong ATTEMPTS = new AtomicLong();
  private static final AtomicLong RETRIES = new AtomicLong();

  private InferenceClient() {
  }

  /**
   * The output values (row-major, batch first) of {@code m} for the input {@code data} of {@code shape} (batch first),
   * from the server at {@code base}.
   *
   * @param who names the model in error messages
   * @throws MetricException {@code server_unavailable} / {@code timeout} after the retries, {@code inference_error}
   *                         for an answer that no retry can fix
   */
  public static float[] infer(ServedModel m, URI base, float[] data, long[] shape, String who) throws MetricException {
    URI uri = base.resolve(m.inferPath());
    V2Codec.Body body = V2Codec.request(m, data, shape);
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(m.timeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
    if (body.headerLength() >= 0) {
      rb.header(V2Codec.HEADER_LENGTH, Integer.toString(body.headerLength())).header("Content-Type", "application/octet-stream");
    } else {
      rb.header("Content-Type", "application/json");
    }
    HttpRequest request = rb.build();
    int n = (int) shape[0];
    String reason = "server_unavailable";
    String last = "";
    for (int attempt = 0; attempt <= m.retries(); attempt++) {
      try {
        if (attempt > 0) {
          RETRIES.incrementAndGet();
          Thread.sleep(m.backoffBefore(attempt).toMillis());
        }
        ATTEMPTS.incrementAndGet();
        HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int code = r.statusCode();
        if (code == 200) {
          return output(r, m, n, who, uri);
        }
        String message = "the server answered " + code + ": " + V2Codec.error(r.body());
        if (code < 500 && code != 429) {
          throw new MetricException("inference_error", who + ": " + uri + ": " + message);
        }
        reason = "server_unavailable";
        last = message;
      } catch (HttpConnectTimeoutException e) {
        reason = "server_unavailable";
        last = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
      } catch (HttpTimeoutException e) {
        reason = "timeout";
        last = "no answer within " + m.timeout().toMillis() + " ms (server.timeout_s)";
      } catch (IOException e) {
        reason = "server_unavailable";
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MetricException("timeout", who + ": " + uri + ": interrupted (the step ran past --image-timeout)");
      }
    }
    throw new MetricException(reason, who + ": " + uri + ": " + (m.retries() + 1) + " attempt(s) failed, the last: " + last);
  }

  private static float[] output(HttpResponse<byte[]> r, ServedModel m, int n, String who, URI uri) throws MetricException {
    try {
      String header = r.headers().firstValue(V2Codec.HEADER_LENGTH).orElse(null);
      return V2Codec.output(r.body(), header == null ? -1 : parseLength(header), m.output(), n);
    } catch (IOException e) {
      throw new MetricException("inference_error", who + ": " + uri + ": " + e.getMessage());
    }
  }

  private static int parseLength(String header) throws IOException {
    try {
      return Integer.parseInt(header.trim());
    } catch (NumberFormatException e) {
      throw new IOException(V2Codec.HEADER_LENGTH + " '" + header + "' is no length");
    }
  }

  /** Requests sent by this JVM (every attempt counts). */
  public static long attempts() {
    return ATTEMPTS.get();
  }

  /** Retries by this JVM (attempts after a failed one). */
  public static long retries() {
    return RETRIES.get();
  }
}
