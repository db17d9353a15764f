package io.sparkiqa.udfs.models.server;

import io.sparkiqa.jobs.TestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * scripts/kserve/v2_server.py running as a real process on loopback (the project's .venv Python, which scripts/test.sh
 * makes): started on a free port (or a given one, to restart after a kill), its answered infer requests counted from
 * its log, killed with SIGKILL on request. Tests that need it skip without a .venv, unless
 * {@code SPARKIQA_REQUIRE_VENV} is set (scripts/test.sh sets it, so CI fails instead).
 */
final class V2ServerProcess implements AutoCloseable {
  private final Process process;
  private final CountDownLatch listening = new CountDownLatch(1);
  private volatile int port = -1;
  private final AtomicInteger infers = new AtomicInteger();
  private final List<Integer> batches = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile int killAfter = -1;

  private V2ServerProcess(Process process) {
    this.process = process;
  }

  /** The .venv Python with onnxruntime, or a skipped test (a failed one under SPARKIQA_REQUIRE_VENV). */
  static String python() {
    Path py = TestSupport.repoRoot().resolve(".venv/bin/python");
    boolean ok = Files.isExecutable(py);
    if (!ok && System.getenv("SPARKIQA_REQUIRE_VENV") != null) {
      throw new AssertionError(py + " is missing; scripts/test.sh makes it (onnxruntime and numpy for the test server)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(ok, "skipped: no " + py + " (run scripts/test.sh once to make it); "
        + "the inference-server tests start scripts/kserve/v2_server.py with it");
    return py.toString();
  }

  /** Starts the server with {@code args} on {@code port} (0: a free one) and waits until it listens. */
  static V2ServerProcess start(int port, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(python(), "scripts/kserve/v2_server.py", "--port", Integer.toString(port),
        "--log-requests"));
    cmd.addAll(List.of(args));
    V2ServerProcess s = new V2ServerProcess(new ProcessBuilder(cmd).directory(TestSupport.repoRoot().toFile())
        .redirectErrorStream(true).start());
    Thread reader = new Thread(s::readLog, "v2-server-log");
    reader.setDaemon(true);
    reader.start();
    if (!s.listening.await(60, TimeUnit.SECONDS) || s.port < 0) {
      s.kill();
      throw new IllegalStateException("scripts/kserve/v2_server.py did not start (exit " + s.process.exitValue() + ")");
    }
    return s;
  }

  /** Reads the server's output: its port, then one line per answered infer request. */
  private void readLog() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("listening on ")) {
          port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
          listening.countDown();
        } else if (line.startsWith("infer ")) {
          answered(Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)));
        } else {
          System.out.println("v2_server: " + line);
        }
      }
    } catch (IOException closed) {
      // the process ended
    }
    listening.countDown();
  }

  private void answered(int batch) {
    batches.add(batch);
    if (infers.incrementAndGet() == killAfter) {
      kill();
    }
  }

  /** SIGKILLs the server as soon as it has answered {@code n} infer requests. */
  void killAfter(int n) {
    killAfter = n;
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Infer requests answered, once the count has not changed for 300 ms (its log is read on another thread). */
  int infersSettled() throws InterruptedException {
    int seen = -1;
    for (int i = 0; i < 50 && seen != infers.get(); i++) {
      seen = infers.get();
      Thread.sleep(300);
    }
    return infers.get();
  }

  /** The batch size of each answered infer request, in order. */
  List<Integer> batches() {
    return List.copyOf(batches);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crashed or OOM-killed server. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
