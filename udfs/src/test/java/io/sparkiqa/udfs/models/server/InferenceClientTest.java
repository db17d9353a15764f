package io.sparkiqa.udfs.models.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sparkiqa.udfs.metrics.MetricException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server in this JVM (the JDK's), scripted per test: the binary and JSON requests carry
 * the tensor bit for bit, 5xx answers are retried with backoff and then fail as server_unavailable, a 4xx answer fails
 * at once as inference_error with the server's message, a refused connection is server_unavailable and a slow server
 * timeout, both transient; a response without the output or with another batch size is inference_error. Requests
 * reuse one kept-alive connection.
 */
class InferenceClientTest {
  private static final float[] DATA = {0.1f, -2.5e-7f, 3.4028235e38f, 1f / 3, 0f, -0f};
  private static final long[] SHAPE = {2, 3};
  private static final String OK = "{\"outputs\":[{\"name\":\"other\",\"datatype\":\"FP32\",\"shape\":[2,1],"
      + "\"data\":[9,9]},{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[[0.5,1.25],[-3,1e-3]]}]}";

  private HttpServer server;
  private final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> headers = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> clientPorts = Collections.synchronizedList(new ArrayList<>());

  /** One scripted answer: status and body, after a delay. */
  private record Answer(int status, String body, long delayMs) {
  }

  private URI serve(Answer... script) throws IOException {
    AtomicInteger next = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/v2/models/m/infer", (HttpExchange x) -> {
      bodies.add(x.getRequestBody().readAllBytes());
      headers.add(x.getRequestHeaders().getFirst(V2Codec.HEADER_LENGTH));
      clientPorts.add(x.getRemoteAddress().getPort());
      Answer a = script[Math.min(next.getAndIncrement(), script.length - 1)];
      try {
        Thread.sleep(a.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(a.status(), b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** assertArrayEquals with a delta of 0 takes -0f for 0f: compare the raw bits. */
  private static void assertSameBits(float[] want, float[] got, String message) {
    int[] w = new int[want.length];
    int[] g = new int[got.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = Float.floatToRawIntBits(want[i]);
    }
    for (int i = 0; i < g.length; i++) {
      g[i] = Float.floatToRawIntBits(got[i]);
    }
    assertArrayEquals(w, g, message);
  }

  private static ServedModel model(boolean binary, int retries, long timeoutMs) {
    return new ServedModel("m", null, "x", "y", Duration.ofMillis(timeoutMs), retries, Duration.ofMillis(10), binary);
  }

  @Test
  void binaryRequestCarriesTheTensorBitForBit() throws Exception {
    URI base = serve(new Answer(200, OK, 0));
    float[] out = InferenceClient.infer(model(true, 0, 5000), base, DATA, SHAPE, "s");
    assertArrayEquals(new float[] {0.5f, 1.25f, -3f, 1e-3f}, out, 0f, "the named output, nested data flattened");
    byte[] body = bodies.get(0);
    int header = Integer.parseInt(headers.get(0));
    assertEquals("{\"inputs\":[{\"name\":\"x\",\"shape\":[2,3],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":24}}],"
        + "\"outputs\":[{\"name\":\"y\"}]}", new String(body, 0, header, StandardCharsets.UTF_8));
    float[] sent = new float[DATA.length];
    ByteBuffer.wrap(body, header, body.length - header).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(sent);
    assertSameBits(DATA, sent, "every float, -0 included");
  }

  @Test
  void jsonRequestRoundTripsEveryFloat() throws Exception {
    URI base = serve(new Answer(200, OK, 0));
    InferenceClient.infer(model(false, 0, 5000), base, DATA, SHAPE, "s");
    assertEquals(null, headers.get(0), "no binary header");
    com.fasterxml.jackson.databind.JsonNode input = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(bodies.get(0)).path("inputs").get(0);
    assertEquals("[2,3]", input.path("shape").toString());
    float[] sent = new float[DATA.length];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = (float) input.path("data").get(i).doubleValue();
    }
    assertSameBits(DATA, sent, "shortest decimal of each float parses back to the same float, -0 included");
  }

  @Test
  void fiveHundredsAndTooManyRequestsAreRetriedThenSucceed() throws Exception {
    long retries = InferenceClient.retries();
    URI base = serve(new Answer(503, "{\"error\":\"warming up\"}", 0), new Answer(429, "busy", 0),
        new Answer(500, "oops", 0), new Answer(200, OK, 0));
    assertEquals(4, InferenceClient.infer(model(true, 3, 5000), base, DATA, SHAPE, "s").length);
    assertEquals(4, bodies.size());
    assertEquals(3, InferenceClient.retries() - retries);
    InferenceClient.infer(model(true, 0, 5000), base, DATA, SHAPE, "s");
    assertEquals(1, new java.util.HashSet<>(clientPorts).size(), "one kept-alive connection for all 5 requests: "
        + clientPorts);
  }

  @Test
  void fiveHundredsPastTheRetriesAreServerUnavailable() throws Exception {
    URI base = serve(new Answer(503, "{\"error\":\"model not ready\"}", 0));
    MetricException e = assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 2, 5000), base, DATA, SHAPE, "s"));
    assertEquals("server_unavailable", e.reasonClass());
    assertEquals("s: " + base + "v2/models/m/infer: 3 attempt(s) failed, the last: the server answered 503: model not ready",
        e.getMessage());
    assertEquals(3, bodies.size());
  }

  @Test
  void fourHundredsFailAtOnceWithTheServersMessage() throws Exception {
    URI base = serve(new Answer(400, "{\"error\":\"unknown input tensor(s) ['x']\"}", 0));
    MetricException e = assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 3, 5000), base, DATA, SHAPE, "s"));
    assertEquals("inference_error", e.reasonClass());
    assertEquals("s: " + base + "v2/models/m/infer: the server answered 400: unknown input tensor(s) ['x']", e.getMessage());
    assertEquals(1, bodies.size(), "no retry");
  }

  @Test
  void refusedConnectionIsServerUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    MetricException e = assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 1, 5000),
        URI.create("http://127.0.0.1:" + port + "/"), DATA, SHAPE, "s"));
    assertEquals("server_unavailable", e.reasonClass());
    assertEquals(0, e.getMessage().indexOf("s: http://127.0.0.1:" + port + "/v2/models/m/infer: 2 attempt(s) failed, "
        + "the last: ConnectException"), e.getMessage());
  }

  @Test
  void slowServerIsTimeout() throws Exception {
    URI base = serve(new Answer(200, OK, 600));
    MetricException e = assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 1, 200), base, DATA, SHAPE, "s"));
    assertEquals("timeout", e.reasonClass());
    assertEquals("s: " + base + "v2/models/m/infer: 2 attempt(s) failed, the last: no answer within 200 ms "
        + "(server.timeout_s)", e.getMessage());
  }

  @Test
  void answersWithoutTheOutputOrBatchAreInferenceErrors() throws Exception {
    URI base = serve(new Answer(200, "{\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[1,2]}]}", 0),
        new Answer(200, "{\"outputs\":[{\"name\":\"z\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[1,2]}]}", 0),
        new Answer(200, "{\"outputs\":[{\"name\":\"y\",\"datatype\":\"INT8\",\"shape\":[2],\"data\":[1,2]}]}", 0));
    String prefix = "s: " + base + "v2/models/m/infer: ";
    assertEquals(prefix + "output 'y' has shape [1,2], expected a first dimension of 2",
        assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 3, 5000), base, DATA, SHAPE, "s")).getMessage());
    MetricException e = assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 3, 5000), base, DATA, SHAPE, "s"));
    assertEquals("inference_error", e.reasonClass());
    assertEquals(prefix + "the response has no output 'y' (outputs: [{\"name\":\"z\",\"datatype\":\"FP32\",\"shape\":[2],"
        + "\"data\":[1,2]}])", e.getMessage());
    assertEquals(prefix + "output datatype INT8, expected FP32 or FP64",
        assertThrows(MetricException.class, () -> InferenceClient.infer(model(true, 3, 5000), base, DATA, SHAPE, "s")).getMessage());
    assertEquals(3, bodies.size(), "none retried");
  }

  @Test
  void binaryOutputsAreRead() throws Exception {
    String head = "{\"outputs\":[{\"name\":\"other\",\"datatype\":\"FP32\",\"shape\":[2],\"parameters\":{\"binary_data_size\":8}},"
        + "{\"name\":\"y\",\"datatype\":\"FP64\",\"shape\":[2],\"parameters\":{\"binary_data_size\":16}}]}";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(h.length + 24).order(ByteOrder.LITTLE_ENDIAN);
    b.put(h).putFloat(7f).putFloat(8f).putDouble(0.25).putDouble(-1.5);
    assertArrayEquals(new float[] {0.25f, -1.5f}, V2Codec.output(b.array(), h.length, "y", 2), 0f);
  }
}
