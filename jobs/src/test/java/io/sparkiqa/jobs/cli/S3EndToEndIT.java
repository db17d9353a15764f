package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.LogCapture;
import io.sparkiqa.jobs.S3ProxyServer;
import io.sparkiqa.jobs.TestSupport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object storage end to end on a real S3-compatible server (S3Proxy over HTTP on loopback): labels and
 * images uploaded through S3A, {@code datasets prepare} and {@code run} entirely on s3a:// URIs, Parquet
 * through the magic committer, a missing object as a failure row, credentials in no output, and a dead
 * endpoint failing fast with a message naming it.
 */
class S3EndToEndIT {
  @TempDir
  Path tmp;

  private static String[] args(S3ProxyServer s3, String... a) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of("--master", "local[2]"));
    all.addAll(s3.sparkConf());
    return all.toArray(String[]::new);
  }

  @Test
  void prepareAndRunOnS3a() throws Exception {
    Path local = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim03_jpeg30.jpg", "kodim03_blur2.png",
        "kodim03_noise10.png", "kodim19_jpeg30.jpg", "kodim19_blur2.png", "kodim19_noise10.png");
    Files.writeString(tmp.resolve("labels.csv"), "image_name,MOS,SD\nkodim03_jpeg30.jpg,40,5\nkodim03_blur2.png,30,5\n"
        + "kodim03_noise10.png,35,5\nkodim19_jpeg30.jpg,45,5\nkodim19_blur2.png,20,5\nkodim19_noise10.png,38,5\n"
        + "not_uploaded.png,50,5\n");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    try (S3ProxyServer s3 = new S3ProxyServer(tmp.resolve("s3"), "bucket"); LogCapture logs = new LogCapture()) {
      Configuration conf = s3.hadoopConf();
      FileSystem fs = new org.apache.hadoop.fs.Path("s3a://bucket/").getFileSystem(conf);
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(tmp.resolve("labels.csv").toUri()), new org.apache.hadoop.fs.Path("s3a://bucket/clive/labels.csv"));
      for (String f : new String[] {"kodim03_jpeg30.jpg", "kodim03_blur2.png", "kodim03_noise10.png",
          "kodim19_jpeg30.jpg", "kodim19_blur2.png", "kodim19_noise10.png"}) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve(f).toUri()), new org.apache.hadoop.fs.Path("s3a://bucket/clive/images/" + f));
      }
      PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
      System.setOut(tee);
      System.setErr(tee);
      assertEquals(0, SparkIqa.execute(args(s3, "datasets", "prepare", "--dataset", "clive", "--labels",
          "s3a://bucket/clive/labels.csv", "--images", "s3a://bucket/clive/images", "--out", "s3a://bucket/prep")),
          () -> tail(console));
      assertEquals(0, SparkIqa.execute(args(s3, "run", "--manifest", "s3a://bucket/prep/manifest", "--models",
          "sharpness", "--out", "s3a://bucket/runs/r1")), () -> tail(console));
      System.setOut(out);
      System.setErr(err);

      String run = read(fs, "s3a://bucket/runs/r1/run.json");
      assertTrue(run.contains("\"rows_in\" : 7"), run);
      assertTrue(run.contains("\"scored_ok\" : 6"), run);
      assertTrue(run.contains("\"failed\" : 1"), run);
      String success = read(fs, "s3a://bucket/runs/r1/scores/_SUCCESS");
      assertTrue(success.contains("committer") && success.contains("magic"), "magic committer's _SUCCESS: " + success);
      String html = read(fs, "s3a://bucket/runs/r1/report.html");
      assertTrue(html.contains("missing: no such object: s3a://bucket/clive/images/not_uploaded.png"), "failure row");
      assertTrue(logs.lines().size() > 10, "log events were captured");
      for (String text : new String[] {console.toString(StandardCharsets.UTF_8), String.join("\n", logs.lines()), run, html,
          read(fs, "s3a://bucket/runs/r1/summary.md"), Files.readString(tmp.resolve("s3proxy.log"))}) {
        assertFalse(text.contains(S3ProxyServer.SECRET), "the secret key appears in an output");
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void deadEndpointFailsFastNamingIt() throws Exception {
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,s3a://bucket/a.png\n");
    List<String> a = new ArrayList<>(List.of("score", "--manifest", "s3a://bucket/m.csv", "--models", "sharpness",
        "--out", tmp.resolve("o").toString(), "--master", "local[1]"));
    for (String kv : new String[] {"fs.s3a.endpoint=http://127.0.0.1:9", "fs.s3a.endpoint.region=us-east-1",
        "fs.s3a.path.style.access=true", "fs.s3a.connection.ssl.enabled=false", "fs.s3a.access.key=k",
        "fs.s3a.secret.key=" + S3ProxyServer.SECRET,
        "fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider", "fs.s3a.impl.disable.cache=true"}) {
      a.add("--conf");
      a.add("spark.hadoop." + kv);
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    long t0 = System.nanoTime();
    int code;
    try {
      code = SparkIqa.execute(a.toArray(String[]::new));
    } finally {
      System.setErr(err);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String msg = buf.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, msg);
    assertTrue(seconds < 30, "failed after " + seconds + " s");
    assertTrue(msg.contains("S3 endpoint http://127.0.0.1:9"), msg);
    assertFalse(msg.contains(S3ProxyServer.SECRET), msg);
    assertTrue(m.toFile().exists());
  }

  private static String read(FileSystem fs, String uri) throws Exception {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The end of what the commands printed, for a failure message. */
  private static String tail(ByteArrayOutputStream console) {
    String text = console.toString(StandardCharsets.UTF_8);
    return text.length() <= 8000 ? text : text.substring(text.length() - 8000);
  }
}
