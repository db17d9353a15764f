package io.sparkiqa.udfs.models.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkiqa.udfs.models.ModelSpec;
import io.sparkiqa.udfs.models.ModelSpecs;
import io.sparkiqa.udfs.models.ServerFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A spec of engine InferenceServer is checked before any job: the shipped conf/models/qalign.json parses with its
 * server block, defaults fill what a spec leaves out, and each wrong field fails naming that field and what to give.
 * The server URL setting is checked the same way.
 */
class ServedSpecTest {
  private static final String BASE = """
      {"id": "s", "engine": "InferenceServer", "mode": "NR", "lower_better": false, "range": [1, 5],
       "input": {"color": "RGB", "value_range": [0, 1], "mean": [0, 0, 0], "std": [1, 1, 1], "layout": "NCHW"},
       "resize": {"policy": "none"}, "crops": {"policy": "center", "width": 8, "height": 8},
       "head": {"type": "levels", "weights": [5, 4, 3, 2, 1]}, "trained_on": [] %s}""";

  private static ModelSpec parse(String extra) {
    return ModelSpecs.parseJson("spec.json", BASE.formatted(extra));
  }

  private static String error(String extra) {
    return assertThrows(IllegalArgumentException.class, () -> parse(extra)).getMessage();
  }

  @Test
  void shippedQalignSpecParses() throws Exception {
    Path p = Path.of("..", "conf", "models", "qalign.json");
    ModelSpec s = ModelSpecs.parseJson(p.toString(), Files.readString(p));
    ServedModel m = ServerFields.servedModel(s.server());
    assertEquals(new ServedModel("qalign", null, "pixel_values", "level_logits", Duration.ofSeconds(25), 3,
        Duration.ofMillis(500), true), m);
    assertEquals("v2/models/qalign/infer", m.inferPath());
  }

  @Test
  void defaultsAndBackoff() {
    ServedModel m = ServerFields.servedModel(parse(", \"server\": {\"model\": \"m\", \"version\": \"2\", \"input\": \"x\", "
        + "\"output\": \"y\"}").server());
    assertEquals(new ServedModel("m", "2", "x", "y", Duration.ofSeconds(30), 3, Duration.ofMillis(200), true), m);
    assertEquals("v2/models/m/versions/2/infer", m.inferPath());
    assertEquals(200, m.backoffBefore(1).toMillis());
    assertEquals(400, m.backoffBefore(2).toMillis());
    assertEquals(800, m.backoffBefore(3).toMillis());
    assertEquals(30_000, m.backoffBefore(12).toMillis(), "capped at 30 s");
  }

  @Test
  void wrongFieldsAreNamed() {
    String server = ", \"server\": {\"model\": \"m\", \"input\": \"x\", \"output\": \"y\"%s}";
    assertEquals("spec.json: field 'server': expected an object with model, input and output (the served model and "
        + "its tensor names), for engine InferenceServer", error(""));
    assertEquals("spec.json: field 'uri': expected no model file for engine InferenceServer (the server holds the "
        + "model); record the served file's digest in 'sha256' if you know it",
        error(", \"uri\": \"m.onnx\"" + server.formatted("")));
    assertEquals("spec.json: field 'server.output': expected the model's output tensor name",
        error(", \"server\": {\"model\": \"m\", \"input\": \"x\"}"));
    assertEquals("spec.json: field 'server.model': expected the served model's name",
        error(", \"server\": {\"model\": \"a/b\", \"input\": \"x\", \"output\": \"y\"}"));
    assertEquals("spec.json: field 'server.retries': expected 0 to 10 retries after a failed request (default 3)",
        error(server.formatted(", \"retries\": 11")));
    assertEquals("spec.json: field 'server.timeout_s': expected seconds per request, above 0 and at most 3600 "
        + "(default 30)", error(server.formatted(", \"timeout_s\": 0")));
    assertEquals("spec.json: field 'engine_options.optLevel': expected no engine options for InferenceServer",
        error(server.formatted("") + ", \"engine_options\": {\"optLevel\": \"NO_OPT\"}"));
    String unknown = error(server.formatted(", \"url\": \"http://x\""));
    String prefix = "spec.json: unknown field 'server.url'; known fields here: ";
    assertEquals(prefix, unknown.substring(0, prefix.length()), unknown);
    assertEquals(java.util.Set.of("model", "version", "input", "output", "timeout_s", "retries", "backoff_ms", "binary"),
        java.util.Set.of(unknown.substring(prefix.length() + 1, unknown.length() - 1).split(", ")));
  }

  @Test
  void inJvmSpecsRefuseAServerBlock() {
    String json = BASE.replace("\"InferenceServer\"", "\"OnnxRuntime\"").formatted(", \"uri\": \"m.onnx\", \"sha256\": \""
        + "0".repeat(64) + "\", \"server\": {\"model\": \"m\", \"input\": \"x\", \"output\": \"y\"}");
    assertEquals("spec.json: field 'server': expected no 'server' unless engine is InferenceServer",
        assertThrows(IllegalArgumentException.class, () -> ModelSpecs.parseJson("spec.json", json)).getMessage());
  }

  @Test
  void serverUrlIsChecked() {
    assertEquals("http://127.0.0.1:8000/", ServerUrl.parse(ServerUrl.DEFAULT).toString());
    assertEquals("https://triton.example:8443/base/", ServerUrl.parse("https://triton.example:8443/base").toString());
    assertEquals("spark.sparkiqa.inferenceServer.url '127.0.0.1:8000': expected the inference server's base URL, e.g. "
        + "http://127.0.0.1:8000 (Illegal character in scheme name)",
        assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse("127.0.0.1:8000")).getMessage());
    assertEquals("spark.sparkiqa.inferenceServer.url 'grpc://h:8001': expected the inference server's base URL, e.g. "
        + "http://127.0.0.1:8000 (not an http(s)://host:port URL)",
        assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse("grpc://h:8001")).getMessage());
  }
}
