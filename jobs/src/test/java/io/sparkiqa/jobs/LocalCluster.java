package io.sparkiqa.jobs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback for the tests: one master and {@code workers} workers, each a
 * JVM started from the project's own Spark jars ({@code sparkiqa.spark.lib}), so every executor is its own
 * JVM as on a real cluster (broadcasts deserialised, closures shipped, files distributed).
 * <p>
 * Workers launch executors from {@code SPARK_HOME}: this class lays out a Spark home whose {@code jars/}
 * links the Spark jars, with a {@code RELEASE} file and a {@code bin/spark-submit} that works as Spark's own
 * ({@code org.apache.spark.launcher.Main} builds the driver's java command, {@code --add-opens} included).
 *
 * <pre>{@code
 * try (LocalCluster c = new LocalCluster(tmp.resolve("cluster"), 2, 1, "2g")) {
 *   Process p = new ProcessBuilder("bash", "-c", "spark-submit --master $MASTER ...")
 *       .directory(repoRoot).start();   // with c.env() in the environment
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final Path home;
  private final int port;
  private final List<Process> processes = new ArrayList<>();

  /**
   * @param dir     a fresh folder for the Spark home, logs and the workers' work folders
   * @param workers how many workers (each launches one executor per application)
   * @param cores   cores each worker offers
   * @param memory  memory each worker offers (Spark size string, e.g. {@code 2g})
   */
  public LocalCluster(Path dir, int workers, int cores, String memory) throws IOException, InterruptedException {
    this(dir, workers, cores, memory, false);
  }

  /**
   * As above; with {@code ownHosts} worker {@code i} (from 1) and its executors live on their own loopback address
   * {@code 127.0.0.i}, so the driver sees as many hosts as workers (Spark never runs a speculative copy of a
   * task on a host where an attempt of it runs).
   */
  public LocalCluster(Path dir, int workers, int cores, String memory, boolean ownHosts)
      throws IOException, InterruptedException {
    this.dir = dir;
    this.home = sparkHome(dir.resolve("spark-home"));
    this.port = freePort();
    Path masterLog = dir.resolve("master.log");
    processes.add(start("127.0.0.1", masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        Integer.toString(port), "--webui-port", "0"));
    for (int i = 1; i <= workers; i++) {
      Path work = Files.createDirectories(dir.resolve("work" + i));
      String host = ownHosts ? "127.0.0." + i : "127.0.0.1";
      processes.add(start(host, dir.resolve("worker" + i + ".log"), "org.apache.spark.deploy.worker.Worker",
          "--host", host, "--cores", Integer.toString(cores), "--memory", memory, "--webui-port", "0",
          "--work-dir", work.toString(), masterUrl()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (registeredWorkers(masterLog) < workers) {
      if (System.nanoTime() > deadline || processes.stream().anyMatch(p -> !p.isAlive())) {
        close();
        throw new IOException("the standalone cluster did not come up (" + registeredWorkers(masterLog) + "/" + workers
            + " workers registered); logs in " + dir);
      }
      Thread.sleep(200);
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** The Spark home the workers use; its {@code bin/} holds {@code spark-submit}. */
  public Path sparkHome() {
    return home;
  }

  /** Environment for commands that submit to this cluster: SPARK_HOME, JAVA_HOME, PATH with spark-submit, MASTER. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", home.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
    env.put("MASTER", masterUrl());
    return env;
  }

  /** The stderr files of every executor this cluster launched ({@code work*}/app-id/executor-id/stderr). */
  public List<Path> executorLogs(String appId) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, 4)) {
      s.filter(p -> p.getFileName().toString().equals("stderr") && p.getParent().getParent().getFileName().toString()
          .equals(appId)).sorted().forEach(out::add);
    }
    return out;
  }

  /** The executor JVMs of an application that are alive now (their command line names the application). */
  public static List<ProcessHandle> executorProcesses(String appId) {
    return ProcessHandle.allProcesses().filter(p -> {
      String c = commandLine(p);
      return c.contains("CoarseGrainedExecutorBackend") && c.contains("--app-id " + appId + " ");
    }).toList();
  }

  /**
   * A process's whole command line, arguments joined by spaces, from {@code /proc} ({@code ProcessHandle.Info}
   * cuts it at 4096 characters, before a driver's main class); empty for a process that has gone.
   */
  public static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
          StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  private static int registeredWorkers(Path masterLog) {
    try {
      return Files.exists(masterLog) ? (int) Files.readAllLines(masterLog).stream()
          .filter(l -> l.contains("Registering worker")).count() : 0;
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private Process start(String host, Path log, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(System.getProperty("sparkiqa.jvm.opens", "").split("\\s+")));
    cmd.removeIf(String::isBlank);
    cmd.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", home.resolve("jars") + "/*", mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env());
    pb.environment().put("SPARK_LOCAL_IP", host);
    return pb.start();
  }

  private static Path sparkHome(Path home) throws IOException {
    Path lib = Path.of(System.getProperty("sparkiqa.spark.lib", "target/spark-lib")).toAbsolutePath();
    if (!Files.isDirectory(lib)) {
      throw new IOException("no Spark jars in " + lib + " (built by mvn package)");
    }
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("conf"));
    Files.createSymbolicLink(home.resolve("jars"), lib);
    Files.writeString(home.resolve("RELEASE"), "Spark (the project's Maven jars) for the spark-iqa cluster tests\n");
    // As Spark's bin/spark-class: the launcher prints messages, a NUL line, the NUL-separated java command, and
    // the script appends the launcher's exit code.
    Path submit = home.resolve("bin/spark-submit");
    Files.writeString(submit, String.join("\n",
        "#!/usr/bin/env bash",
        "set +o posix",
        "CMD=()",
        "DELIM=$'\\n'",
        "STARTED=false",
        "while IFS= read -d \"$DELIM\" -r ARG; do",
        "  if [[ $STARTED == true ]]; then CMD+=(\"$ARG\")",
        "  elif [[ $ARG == $'\\0' ]]; then DELIM=''; STARTED=true",
        "  elif [[ -n $ARG ]]; then echo \"$ARG\"; fi",
        "done < <(\"$JAVA_HOME/bin/java\" -Xmx128m -cp \"$SPARK_HOME/jars/*\" org.apache.spark.launcher.Main "
            + "org.apache.spark.deploy.SparkSubmit \"$@\"; printf '%d\\0' $?)",
        "LAST=$((${#CMD[@]} - 1))",
        "[[ ${CMD[$LAST]} -eq 0 ]] || exit \"${CMD[$LAST]}\"",
        "exec \"${CMD[@]:0:$LAST}\"", ""));
    submit.toFile().setExecutable(true);
    return home;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      children.forEach(ProcessHandle::destroy);
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
