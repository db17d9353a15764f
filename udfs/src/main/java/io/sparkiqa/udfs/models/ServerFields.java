package io.sparkiqa.udfs.models;

import static io.sparkiqa.udfs.models.Fields.require;

import io.sparkiqa.udfs.models.server.ServedModel;
import java.time.Duration;

/**
 * The checks of a spec whose model runs on an inference server (engine {@value #ENGINE}): a {@code server} block
 * naming the served model and its tensors, sane timeout and retries, no model file of its own. Every failure names
 * the field to fix, before any Spark job.
 */
public final class ServerFields {
  /** The engine name of specs served by an inference server. */
  public static final String ENGINE = "InferenceServer";
  private static final String NAME = "[A-Za-z0-9_.:-]+";

  private ServerFields() {
  }

  /** The checked {@code server} block of a served spec ({@link ModelSpecs} checks it), defaults applied. */
  public static ServedModel servedModel(ModelSpec.Server s) {
    double t = s.timeoutS() == null ? ServedModel.DEFAULT_TIMEOUT_S : s.timeoutS();
    return new ServedModel(s.model(), s.version(), s.input(), s.output(), Duration.ofMillis(Math.round(t * 1000)),
        s.retries() == null ? ServedModel.DEFAULT_RETRIES : s.retries(),
        Duration.ofMillis(s.backoffMs() == null ? ServedModel.DEFAULT_BACKOFF_MS : s.backoffMs()),
        s.binary() == null || s.binary());
  }

  /** True when the spec's model runs on an inference server rather than in this JVM. */
  public static boolean served(ModelSpec s) {
    return ENGINE.equals(s.engine());
  }

  static void check(String where, ModelSpec s) {
    require(where, "uri", s.uri() == null, "no model file for engine " + ENGINE + " (the server holds the model); "
        + "record the served file's digest in 'sha256' if you know it");
    require(where, "sha256", s.sha256() == null || s.sha256().matches("[0-9a-f]{64}"),
        "64 lower-case hex digits (the served model file's digest), or leave it out");
    ModelSpec.Server v = s.server();
    require(where, "server", v != null, "an object with model, input and output (the served model and its tensor "
        + "names), for engine " + ENGINE);
    require(where, "server.model", v.model() != null && v.model().matches(NAME), "the served model's name");
    require(where, "server.version", v.version() == null || v.version().matches(NAME),
        "a version of letters and digits, or leave it out (the server's default)");
    require(where, "server.input", v.input() != null && !v.input().isBlank(), "the model's input tensor name");
    require(where, "server.output", v.output() != null && !v.output().isBlank(), "the model's output tensor name");
    require(where, "server.timeout_s", v.timeoutS() == null || (v.timeoutS() > 0 && v.timeoutS() <= 3600),
        "seconds per request, above 0 and at most 3600 (default 30)");
    require(where, "server.retries", v.retries() == null || (v.retries() >= 0 && v.retries() <= 10),
        "0 to 10 retries after a failed request (default 3)");
    require(where, "server.backoff_ms", v.backoffMs() == null || (v.backoffMs() >= 1 && v.backoffMs() <= 60_000),
        "1 to 60000 ms before the first retry, doubled for each next (default 200)");
  }
}
