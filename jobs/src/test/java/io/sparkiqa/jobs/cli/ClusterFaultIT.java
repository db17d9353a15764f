package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.LocalCluster;
import io.sparkiqa.jobs.S3ProxyServer;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.faults.ExecutorLogs;
import io.sparkiqa.jobs.faults.ScoreRows;
import io.sparkiqa.jobs.faults.SlowFileSystem;
import io.sparkiqa.jobs.faults.TestJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults during {@code score} on a real multi-JVM standalone cluster ({@link LocalCluster}: a master and two 1-core
 * workers, each on its own loopback address, every executor its own JVM), submitted with README's cluster block
 * ({@code JAR}, {@code ORT}, {@code SIZE}, {@code SUBMIT}). The faults come from test-scope parts only: a slow file
 * system ({@link SlowFileSystem}, shipped with {@code --jars}), {@code kill -9} of an executor or of the driver,
 * and S3Proxy stopped and started again. Every case asserts on the Parquet rows of {@code scores/}. One cluster
 * serves all cases, run one after the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFaultIT {
  private static final List<String> MODELS = List.of("kodak_nr", "sharpness");
  private static final String MODEL_ARG = "sharpness,conf/models/kodak_nr.json";
  private static final String LEVEL = "image";
  private static final Pattern EXECUTOR_ID = Pattern.compile("--executor-id ([0-9]+)");
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private Path tmp;
  private LocalCluster cluster;
  private S3ProxyServer s3;
  private SparkSession spark;

  @BeforeAll
  void start() throws Exception {
    tmp = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sparkiqa-faults");
    cluster = new LocalCluster(tmp.resolve("cluster"), 2, 1, "2g", true);
    s3 = new S3ProxyServer(tmp.resolve("s3"), "bucket");
    TestJar.of(tmp.resolve("faults.jar"), SlowFileSystem.class);
    spark = TestSupport.localSpark();
    s3.settings().forEach(spark.sparkContext().hadoopConfiguration()::set);
  }

  @AfterAll
  void stop() {
    System.out.println("ClusterFaultIT seconds per case: " + seconds);
    // the next test class in this JVM would get this session, S3 settings of a stopped server and all
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    keepDriverLogs();
    // the executors' work folders hold copies of the application's jars for every command
    if (tmp != null) {
      try (Stream<Path> all = Files.walk(tmp)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + tmp + ": " + e);
      }
    }
  }

  /** The drivers' consoles stay in target/cluster-fault-logs for a failed run (a few hundred KB). */
  private void keepDriverLogs() {
    Path keep = Path.of("target", "cluster-fault-logs");
    try (Stream<Path> logs = Files.exists(tmp.resolve("logs")) ? Files.list(tmp.resolve("logs")) : Stream.empty()) {
      Files.createDirectories(keep);
      for (Path log : logs.toList()) {
        Files.copy(log, keep.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      System.err.println("could not keep the driver logs: " + e);
    }
  }

  @Test
  void anExecutorKilledMidScoringLosesNoRowAndDuplicatesNone() throws Exception {
    long t0 = System.nanoTime();
    List<String> ids = ids(12);
    Path markers = tmp.resolve("markers-executor");
    String out = TestSupport.uri(tmp.resolve("out-executor"));
    Submission s = score("executor", manifest("executor", ids, this::slowUri), out, false,
        slow(markers, 500, ".*", true) + " --conf spark.sparkiqa.chunkRows=4");
    assertTrue(s.await(() -> ExecutorLogs.opens(markers, null) >= 4, 180), "scoring began: " + s.output());
    String appId = Submission.appId(s.output());
    List<ProcessHandle> executors = LocalCluster.executorProcesses(appId);
    assertEquals(2, executors.size(), "one executor JVM per worker: " + executors);
    ProcessHandle victim = executors.get(0);
    Matcher id = EXECUTOR_ID.matcher(LocalCluster.commandLine(victim));
    assertTrue(id.find());
    assertTrue(victim.destroyForcibly(), "SIGKILL sent to executor " + id.group(1));
    Submission.Run r = s.finish(240);

    assertEquals(0, r.code(), r.tail());
    assertFalse(victim.isAlive());
    assertTrue(r.output().contains("Lost executor " + id.group(1) + " "), "the driver saw the executor die: " + r.tail());
    ScoreRows rows = ScoreRows.read(spark, out + "/scores");
    assertEquals(Map.of(), rows.duplicates(), "rows written twice");
    assertEquals(1, rows.runIds().size(), rows.runIds().toString());
    assertEquals(ScoreRows.expected(ids, LEVEL, MODELS), rows.triples(rows.runIds().get(0)));
    assertEquals(List.of(), rows.notOk(rows.rows()));
    ExecutorLogs.assertModelLoadedOncePerExecutor(cluster, appId, markers, "kodak_nr", false);
    took("executor kill -9", t0);
  }

  @Test
  void aSpeculativeCopyOfASlowTaskDuplicatesNoRow() throws Exception {
    long t0 = System.nanoTime();
    List<String> ids = ids(12);
    Path markers = tmp.resolve("markers-speculation");
    String out = TestSupport.uri(tmp.resolve("out-speculation"));
    // only the first read of kodim05 is slow (20 s): the copy on the other host reads it at once
    Submission.Run r = score("speculation", manifest("speculation", ids, this::slowUri), out, false,
        slow(markers, 20_000, "'.*/kodim05[.]png'", true) + " --conf spark.speculation=true"
            + " --conf spark.speculation.interval=200ms --conf spark.speculation.multiplier=2"
            + " --conf spark.speculation.quantile=0.5 --conf spark.speculation.efficiency.enabled=false").finish(240);

    assertEquals(0, r.code(), r.tail());
    assertTrue(r.output().contains("as speculatable because it ran more than"), r.tail());
    assertEquals(2, ExecutorLogs.openers(markers, "kodim05.png").size(),
        "the slow task and its speculative copy read kodim05 in the two executors");
    ScoreRows rows = ScoreRows.read(spark, out + "/scores");
    assertEquals(Map.of(), rows.duplicates(), "rows written twice");
    assertEquals(1, rows.runIds().size(), rows.runIds().toString());
    assertEquals(ScoreRows.expected(ids, LEVEL, MODELS), rows.triples(rows.runIds().get(0)));
    assertEquals(List.of(), rows.notOk(rows.rows()));
    // the slow attempt may be killed before its first forward pass (its executor read kodim05 but loaded nothing)
    ExecutorLogs.assertModelLoadedOncePerExecutor(cluster, r.appId(), markers, "kodak_nr", false);
    took("speculation", t0);
  }

  @Test
  void s3StoppedMidRunThenResumedLeavesNoGapAndNoDuplicate() throws Exception {
    long t0 = System.nanoTime();
    List<String> ids = ids(16);
    Path markers = tmp.resolve("markers-s3");
    FileSystem fs = new org.apache.hadoop.fs.Path("s3a://bucket/").getFileSystem(s3.hadoopConf());
    Path kodak = TestSupport.repoRoot().resolve("data/kodak");
    List<String> onS3 = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 2) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(kodak.resolve(ids.get(i) + ".png").toUri()),
          new org.apache.hadoop.fs.Path("s3a://bucket/faults/img/" + ids.get(i) + ".png"));
      onS3.add(ids.get(i));
    }
    // half the images on S3, half on the slow disk (0.7 s a read) so the run lasts past the first chunk
    String manifest = manifest("s3", ids, id -> onS3.contains(id) ? "s3a://bucket/faults/img/" + id + ".png" : slowUri(id));
    String out = "s3a://bucket/faults/out";
    // one S3A attempt, a short connect timeout: the outage reaches the job instead of hiding in the client's retries
    String faults = slow(markers, 700, ".*", false) + " --conf spark.sparkiqa.chunkRows=4"
        + " --conf spark.hadoop.fs.s3a.attempts.maximum=1 --conf spark.hadoop.fs.s3a.retry.limit=1"
        + " --conf spark.hadoop.fs.s3a.connection.establish.timeout=2s";
    Submission s = score("s3", manifest, out, false, faults);
    Path scoresOnDisk = tmp.resolve("s3/bucket/faults/out/scores");
    assertTrue(s.await(() -> partFiles(scoresOnDisk) > 0, 180) && s.running(),
        "a chunk reached S3 while the command runs: " + tail(s.output()));
    s3.stop();
    Thread.sleep(10_000);
    s3.start();
    Submission.Run first = s.finish(240);
    assertTrue(first.code() == 0 || first.code() == 1 && first.output().contains("\nerror: writing chunk ")
            && first.output().contains(" (S3 endpoint " + s3.endpoint() + ") failed (")
            && first.output().contains("run the same command again with --resume to finish"),
        "completes, or fails naming the chunk and the endpoint: " + first.tail());
    Set<String> all = ScoreRows.expected(ids, LEVEL, MODELS);
    ScoreRows afterOutage = ScoreRows.read(spark, out + "/scores");
    if (first.code() == 1) {
      // the chunk seen on S3 before the outage is kept: its rows are there, all of the failed run
      int kept = afterOutage.rows().size();
      assertTrue(kept > 0 && kept % MODELS.size() == 0, "the committed chunks' rows are kept, every model of an image: "
          + kept);
      assertEquals(1, afterOutage.runIds().size(), afterOutage.runIds().toString());
    }
    // a run that rode out the outage (S3A retries) leaves --resume nothing to do: it runs when something is left
    boolean complete = first.code() == 0 && afterOutage.latest().keySet().equals(all)
        && afterOutage.notOk(afterOutage.rows()).isEmpty();
    if (!complete) {
      Submission.Run resumed = score("s3-resume", manifest, out, true, faults).finish(240);
      assertEquals(0, resumed.code(), resumed.tail());
    }

    ScoreRows rows = ScoreRows.read(spark, out + "/scores");
    assertEquals(Map.of(), rows.duplicates(), "a run wrote a row twice");
    Map<String, ScoreRows.ScoreRow> latest = rows.latest();
    assertEquals(all, latest.keySet(), "no gap");
    assertEquals(List.of(), rows.notOk(latest.values()), "the latest row of every triple is ok");
    assertEquals(complete ? 1 : 2, rows.runIds().size(), rows.runIds().toString());
    System.out.println("ClusterFaultIT S3 outage: first run exit " + first.code() + ", its rows " + afterOutage.rows().size()
        + " (not ok " + afterOutage.notOk(afterOutage.rows()).size() + "), resumed: " + !complete);
    took("S3 outage + resume", t0);
  }

  @Test
  void aDriverKilledAfterAChunkIsResumedWithExactlyTheComplement() throws Exception {
    long t0 = System.nanoTime();
    List<String> ids = ids(12);
    Path markers = tmp.resolve("markers-driver");
    Path outDir = tmp.resolve("out-driver");
    String out = TestSupport.uri(outDir);
    String manifest = manifest("driver", ids, this::slowUri);
    String faults = slow(markers, 500, ".*", false) + " --conf spark.sparkiqa.chunkRows=4";
    Submission s = score("driver", manifest, out, false, faults);
    assertTrue(s.await(() -> partFiles(outDir.resolve("scores")) > 0, 180),
        "a chunk of scores/ was committed before the end: " + s.output());
    String console = s.output();
    ProcessHandle driver = s.driver().orElseThrow(() -> new AssertionError("no driver JVM (the command "
        + (s.running() ? "runs" : "had ended") + "): " + tail(console)));
    assertTrue(driver.destroyForcibly(), "SIGKILL sent to the driver");
    assertNotEquals(0, s.finish(60).code());
    ScoreRows killed = ScoreRows.read(spark, out + "/scores");
    assertEquals(1, killed.runIds().size(), killed.runIds().toString());
    Set<String> before = killed.triples(killed.runIds().get(0));
    Submission.Run resumed = score("driver-resume", manifest, out, true, faults).finish(240);

    assertEquals(0, resumed.code(), resumed.tail());
    Set<String> all = ScoreRows.expected(ids, LEVEL, MODELS);
    ScoreRows rows = ScoreRows.read(spark, out + "/scores");
    assertEquals(2, rows.runIds().size(), rows.runIds().toString());
    Set<String> first = rows.triples(rows.runIds().get(0));
    assertEquals(before, first, "the resumed run left the first run's rows alone");
    assertFalse(first.isEmpty() || first.equals(all), "the driver died mid-run: " + first.size() + " of " + all.size());
    Set<String> complement = new TreeSet<>(all);
    complement.removeAll(first);
    assertEquals(complement, rows.triples(rows.runIds().get(1)), "the resumed run scored exactly the rest");
    assertEquals(Map.of(), rows.duplicates());
    assertEquals(List.of(), rows.notOk(rows.rows()));
    ExecutorLogs.assertModelLoadedOncePerExecutor(cluster, resumed.appId(), markers, "kodak_nr", true);
    took("driver kill -9 + resume", t0);
  }

  private void took(String name, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    seconds.put(name, s);
    System.out.printf("ClusterFaultIT %s: %.1f s%n", name, s);
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 8000));
  }

  private Submission score(String name, String manifest, String out, boolean resume, String confs) throws Exception {
    String prelude = ClusterIT.ReadmeBlock.prelude();
    assertTrue(prelude.contains("--jars $ORT "), "README's SUBMIT ships the ONNX Runtime jar: " + prelude);
    StringBuilder opts = new StringBuilder();
    List<String> kv = s3.sparkConf();
    for (int i = 1; i < kv.size(); i += 2) {
      opts.append(" -D").append(kv.get(i));
    }
    String script = prelude.replace("--jars $ORT ", "--jars $ORT,$FAULTS ") + "\nspark-submit " + confs
        + " $SUBMIT score --manifest " + manifest + " --models " + MODEL_ARG + " --out " + out + (resume ? " --resume" : "");
    return Submission.start(cluster, script, Map.of("FAULTS", tmp.resolve("faults.jar").toString(),
        "SPARK_SUBMIT_OPTS", opts.toString().trim()), tmp.resolve("logs").resolve(name + ".log"));
  }

  /** The settings of the slow file system for one case. */
  private static String slow(Path markers, long delayMs, String regex, boolean once) {
    return String.join(" ", "--conf spark.hadoop.fs." + SlowFileSystem.SCHEME + ".impl=" + SlowFileSystem.class.getName(),
        "--conf spark.hadoop.fs.slowfile.markers=" + markers, "--conf spark.hadoop.fs.slowfile.delay.ms=" + delayMs,
        "--conf spark.hadoop.fs.slowfile.delay.regex=" + regex, "--conf spark.hadoop.fs.slowfile.delay.once=" + once);
  }

  private static List<String> ids(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("kodim%02d", i)).toList();
  }

  private String slowUri(String id) {
    return SlowFileSystem.SCHEME + "://" + TestSupport.repoRoot().resolve("data/kodak/" + id + ".png");
  }

  private String manifest(String name, List<String> ids, Function<String, String> uri) throws IOException {
    StringBuilder csv = new StringBuilder("image_id,uri\n");
    ids.forEach(id -> csv.append(id).append(',').append(uri.apply(id)).append('\n'));
    return TestSupport.uri(Files.writeString(tmp.resolve(name + ".csv"), csv));
  }

  private static long partFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    } catch (IOException e) {
      return 0;
    }
  }
}
