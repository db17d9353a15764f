package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code spark-submit} command line (a bash script) started on a {@link LocalCluster} and left running, so a test
 * can wait for a moment inside the run, inject a fault (kill a JVM, stop a server) and then wait for the end.
 */
final class Submission {
  /** Drivers and executors compile with C1 only, as in {@link ClusterIT} (short-lived JVMs on 2 cores). */
  private static final String QUICK_JVMS = "-XX:TieredStopAtLevel=1 -Dspark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1";
  private static final Pattern APP_ID = Pattern.compile("app ID (app-[0-9]+-[0-9]+)");
  private final Process process;
  private final Path log;
  private final long started = System.nanoTime();

  /** What a finished command left: its exit code, its console and how long it ran. */
  record Run(int code, String output, double seconds) {
    String tail() {
      return output.length() <= 8000 ? output : output.substring(output.length() - 8000);
    }

    String appId() {
      return Submission.appId(output);
    }
  }

  /** The application id the driver printed ({@code Connected to Spark cluster with app ID …}). */
  static String appId(String output) {
    Matcher m = APP_ID.matcher(output);
    if (!m.find()) {
      throw new AssertionError("the driver names its application: " + output);
    }
    return m.group(1);
  }

  private Submission(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Submission start(LocalCluster cluster, String script, Map<String, String> vars, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script)
        .directory(Path.of(System.getProperty("sparkiqa.repo.root", "..")).toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(cluster.env());
    pb.environment().putAll(vars);
    pb.environment().put("SPARK_SUBMIT_OPTS", (QUICK_JVMS + " " + vars.getOrDefault("SPARK_SUBMIT_OPTS", "")).trim());
    pb.environment().put("SPARK_CONF_DIR", cluster.sparkHome().resolve("conf").toString());
    return new Submission(pb.start(), log);
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  boolean running() {
    return process.isAlive();
  }

  /** Waits until {@code condition} holds (true) or the command ended or {@code seconds} passed (false). */
  boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  /**
   * The driver: the JVM running Spark's submit class (client mode), the script's own process (bash execs the
   * last command of a script, and spark-submit execs java) or one under it.
   */
  Optional<ProcessHandle> driver() {
    return Stream.concat(Stream.of(process.toHandle()), process.descendants()).filter(p -> {
      String c = LocalCluster.commandLine(p);
      return c.contains("org.apache.spark.deploy.SparkSubmit") && !c.contains("org.apache.spark.launcher.Main");
    }).findFirst();
  }

  Run finish(int seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      return new Run(-1, "timed out after " + seconds + " s\n" + output(), seconds);
    }
    return new Run(process.exitValue(), output(), (System.nanoTime() - started) / 1e9);
  }
}
