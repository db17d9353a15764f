package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.LocalCluster;
import io.sparkiqa.jobs.S3ProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * spark-iqa on a real multi-JVM cluster: standalone masters with two workers each on loopback ({@link LocalCluster}),
 * the shaded jar submitted by {@code spark-submit} with the shipped {@code conf/cluster-cpu.properties}, every
 * executor its own JVM. The commands are README's "On a Spark cluster" block, run line by line as written,
 * once with {@code IN}/{@code OUT} on {@code file://} and once on {@code s3a://} (S3Proxy on loopback; the S3A
 * settings reach the driver as a cluster's defaults would, through {@code SPARK_SUBMIT_OPTS}). The {@code s3a://}
 * pass runs the lines that read or write object storage each their own way ({@link #S3A_COMMANDS}: the ladder,
 * prepare, score, evaluate and report); {@code run} and {@code audit} chain the same readers and writers and run on
 * {@code file://} only (and {@code run} on S3 in local mode in {@link S3EndToEndIT}): every spark-submit here
 * starts three JVMs on a 2-core CI machine. The two passes run at once on two clusters (each pass is a chain of
 * short applications that mostly waits on JVM starts), and the no-executor case runs beside the first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
  /**
   * Drivers and executors of this test compile with C1 only: each command is a chain of short-lived JVMs on a
   * 2-core machine, where C2's compiler threads took a third of the time. What the commands do is unchanged.
   */
  private static final String QUICK_JVMS = "-XX:TieredStopAtLevel=1 -Dspark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1";
  /** The README commands the {@code s3a://} pass runs (the {@code file://} pass runs every line). */
  static final java.util.Set<String> S3A_COMMANDS = java.util.Set.of("ladder", "prepare", "score", "evaluate", "report");
  /** A command that has not finished in this long hangs (on a loaded CI machine the s3a score ran past 240 s). */
  private static final int COMMAND_TIMEOUT_S = 480;
  private static final Pattern APP_ID = Pattern.compile("app ID (app-[0-9]+-[0-9]+)");
  private Path tmp;
  private LocalCluster files;
  private LocalCluster objects;
  private S3ProxyServer s3;

  @BeforeAll
  void start() throws Exception {
    tmp = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sparkiqa-cluster");
    files = new LocalCluster(tmp.resolve("cluster-file"), 2, 1, "2g");
    objects = new LocalCluster(tmp.resolve("cluster-s3a"), 2, 1, "2g");
    s3 = new S3ProxyServer(tmp.resolve("s3"), "bucket");
  }

  @AfterAll
  void stop() {
    if (s3 != null) {
      s3.close();
    }
    for (LocalCluster c : new LocalCluster[] {files, objects}) {
      if (c != null) {
        c.close();
      }
    }
    // the executors' work folders hold copies of the application's jars for every command (4.5 GB a run): a
    // machine that runs the suite again would fill its disk
    if (tmp != null) {
      try (java.util.stream.Stream<Path> all = Files.walk(tmp)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.IOException e) {
        System.err.println("could not delete " + tmp + ": " + e);
      }
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void readmeCommandsOnLocalFiles() throws Exception {
    String in = tmp.resolve("in").toUri().toString().replaceAll("/$", "");
    String out = tmp.resolve("out").toUri().toString().replaceAll("/$", "");
    readmeCommands(files, in, out, new Configuration(), Map.of(), false);
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void readmeCommandsOnS3a() throws Exception {
    StringBuilder opts = new StringBuilder();
    List<String> kv = s3.sparkConf();
    for (int i = 1; i < kv.size(); i += 2) {
      opts.append(" -D").append(kv.get(i));
    }
    readmeCommands(objects, "s3a://bucket/in", "s3a://bucket/out", s3.hadoopConf(),
        Map.of("SPARK_SUBMIT_OPTS", opts.toString().trim()), true);
  }

  /** The shipped profile asks for 4-core, 8g executors, which these 1-core, 2g workers cannot grant. */
  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aClusterThatGrantsNoExecutorIsReportedWithinAMinute() throws Exception {
    String manifest = tmp.resolve("none.csv").toUri().toString();
    Files.writeString(tmp.resolve("none.csv"), "image_id,uri\na," + tmp.resolve("a.png").toUri() + "\n");
    String prelude = ReadmeBlock.prelude();
    String cmd = "spark-submit --master $MASTER --properties-file conf/cluster-cpu.properties --jars $ORT "
        + "--class io.sparkiqa.jobs.cli.SparkIqa $JAR score --manifest " + manifest + " --models sharpness --out "
        + tmp.resolve("none-out").toUri();
    long t0 = System.nanoTime();
    Run r = submit(files, prelude + "\n" + cmd, Map.of(), "no-executor");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, r.code(), r.tail());
    assertTrue(seconds < 90, "gave up after " + seconds + " s (Spark start included)");
    assertTrue(r.output().contains("error: no executor was granted in 45 s"), r.tail());
    assertTrue(r.output().contains("spark.executor.cores=4"), r.tail());
  }

  private void readmeCommands(LocalCluster cluster, String in, String out, Configuration conf, Map<String, String> env,
      boolean s3a) throws Exception {
    writeCliveLabels(in + "/clive/labels.csv", conf);
    List<String> block = ReadmeBlock.lines();
    String prelude = ReadmeBlock.prelude();
    Map<String, String> vars = new LinkedHashMap<>(env);
    vars.put("IN", in);
    vars.put("OUT", out);
    Map<String, Run> runs = new LinkedHashMap<>();
    for (String line : block) {
      if (line.startsWith("spark-submit")) {
        String[] words = line.split("\\s+");
        String command = words[2].equals("datasets") ? words[3] : words[2];
        if (s3a && !S3A_COMMANDS.contains(command)) {
          continue;
        }
        Run r = submit(cluster, prelude + "\n" + line, vars, command + "-" + (in.startsWith("s3a") ? "s3a" : "file"));
        assertEquals(0, r.code(), line + "\n" + r.tail());
        runs.put(command, r);
      }
    }
    assertTrue(runs.get("ladder").output().contains("wrote " + in + "/ladder/manifest.jsonl (16 rows)"), runs.get("ladder").tail());
    List<String> rows = readLines(conf, in + "/ladder/manifest.jsonl");
    assertEquals(16, rows.size(), "manifest rows written");
    for (String row : rows) {
      for (String field : List.of("uri", "ref_uri")) {
        String uri = new com.fasterxml.jackson.databind.ObjectMapper().readTree(row).path(field).asText();
        assertTrue(uri.startsWith(in + "/ladder/"), field + " outside the output folder: " + row);
        assertTrue(exists(conf, uri), "no file at " + uri);
      }
    }
    assertTrue(runs.get("prepare").output().contains("clive: 16 manifest rows, 0 rejected"), runs.get("prepare").tail());
    assertTrue(runs.get("score").output().contains("reconciliation: in 16 = ok 15 + failed 1 + rejected 0"),
        runs.get("score").tail());
    assertTrue(runs.get("evaluate").output().contains("reconciliation: in 16 = ok 15 + failed 1 + rejected 0"),
        runs.get("evaluate").tail());
    assertTrue(exists(conf, out + "/evaluated/metrics/_SUCCESS"));
    assertTrue(runs.get("report").output().contains("wrote " + out + "/report/report.html"), runs.get("report").tail());
    assertTrue(exists(conf, out + "/report/report.html"));
    assertEquals(s3a ? List.copyOf(new java.util.TreeSet<>(S3A_COMMANDS)) : List.of("audit", "evaluate", "ladder",
        "prepare", "report", "run", "score"), List.copyOf(new java.util.TreeSet<>(runs.keySet())), "commands run");
    assertModelLoadedOncePerExecutor(cluster, runs.get("score"));
    if (!s3a) {
      assertTrue(runs.get("run").output().contains("reconciliation: in 16 = ok 15 + failed 1 + rejected 0"),
          runs.get("run").tail());
      assertTrue(runs.get("audit").output().contains("reconciliation: in 16 = ok 15 + failed 1 + rejected 0"),
          runs.get("audit").tail());
      assertModelLoadedOncePerExecutor(cluster, runs.get("run"));
      assertModelLoadedOncePerExecutor(cluster, runs.get("audit"));
    }
  }

  /** No executor JVM loaded kodak_nr twice, and the executors loaded it (the driver's dry run is its own JVM). */
  private static void assertModelLoadedOncePerExecutor(LocalCluster cluster, Run r) throws IOException {
    Matcher m = APP_ID.matcher(r.output());
    assertTrue(m.find(), "the driver names its application: " + r.tail());
    List<Path> logs = cluster.executorLogs(m.group(1));
    assertEquals(2, logs.size(), "one executor per worker: " + logs);
    long total = 0;
    for (Path log : logs) {
      String text = Files.readString(log);
      List<String> loads = text.lines().filter(l -> l.contains("sparkiqa: loaded model kodak_nr ")).toList();
      assertTrue(loads.size() <= 1, loads.size() + " model loads in " + log);
      for (String l : loads) {
        assertTrue(l.contains(" from " + log.getParent() + "/sparkiqa-models/kodak_nr.onnx/kodak_nr.onnx "),
            "the executor loads its own copy of the model, not the driver's file: " + l);
      }
      total += loads.size();
    }
    assertTrue(total >= 1, "the executors loaded the model: " + logs);
  }

  private void writeCliveLabels(String uri, Configuration conf) throws IOException {
    StringBuilder csv = new StringBuilder("image_name,MOS,SD\n");
    int mos = 0;
    for (String d : List.of("jpeg", "blur", "noise")) {
      for (int level = 1; level <= 5; level++) {
        csv.append("kodim19_").append(d).append('_').append(level).append(d.equals("jpeg") ? ".jpg" : ".png")
            .append(',').append(100 - 5 * level - mos).append(",5\n");
      }
      mos++;
    }
    csv.append("not_there.png,50,5\n");
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
    try (OutputStream o = p.getFileSystem(conf).create(p, true)) {
      o.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> readLines(Configuration conf, String uri) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
    try (java.io.InputStream in = p.getFileSystem(conf).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private static boolean exists(Configuration conf, String uri) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    return fs.exists(p);
  }

  private record Run(int code, String output) {
    String tail() {
      return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
  }

  private Run submit(LocalCluster cluster, String script, Map<String, String> vars, String name) throws Exception {
    Path log = tmp.resolve("logs").resolve(name + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + script)
        .directory(Path.of(System.getProperty("sparkiqa.repo.root", "..")).toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(cluster.env());
    pb.environment().putAll(vars);
    pb.environment().put("SPARK_SUBMIT_OPTS", (QUICK_JVMS + " " + vars.getOrDefault("SPARK_SUBMIT_OPTS", "")).trim());
    pb.environment().put("SPARK_CONF_DIR", cluster.sparkHome().resolve("conf").toString());
    Process p = pb.start();
    if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return new Run(-1, "timed out after " + COMMAND_TIMEOUT_S + " s\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  /** The fenced block between README's cluster-commands markers, continuation lines joined. */
  static final class ReadmeBlock {
    /** The block's settings (every line that is not a spark-submit command). */
    static String prelude() throws IOException {
      return String.join("\n", lines().stream().filter(l -> !l.startsWith("spark-submit")).toList());
    }

    static List<String> lines() throws IOException {
      String readme = Files.readString(Path.of(System.getProperty("sparkiqa.repo.root", ".."), "README.md"));
      int begin = readme.indexOf("<!-- cluster-commands: begin");
      int end = readme.indexOf("<!-- cluster-commands: end");
      assertTrue(begin >= 0 && end > begin, "README has the cluster-commands block");
      String block = readme.substring(readme.indexOf("```bash\n", begin) + 8, readme.lastIndexOf("```", end));
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (String l : block.split("\n")) {
        String t = l.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (t.endsWith("\\")) {
          cur.append(t, 0, t.length() - 1).append(' ');
        } else {
          out.add(cur.append(t).toString());
          cur.setLength(0);
        }
      }
      return out;
    }
  }
}
