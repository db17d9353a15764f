package io.sparkiqa.jobs;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server (S3Proxy, filesystem backend) started as a child JVM on a free loopback
 * port, for the object-storage tests. Buckets are sub-folders of the base directory.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String KEY = "sparkiqa-test-key";
  public static final String SECRET = "s3cr3t-Sh0uld-N3ver-Appear-9f2c";
  private final int port;
  private final Path props;
  private final Path log;
  private Process process;

  public S3ProxyServer(Path baseDir, String... buckets) throws IOException, InterruptedException {
    for (String b : buckets) {
      Files.createDirectories(baseDir.resolve(b));
    }
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path props = baseDir.resolveSibling("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + KEY,
        "s3proxy.credential=" + SECRET,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + baseDir.toAbsolutePath()) + "\n");
    this.props = props;
    this.log = baseDir.resolveSibling("s3proxy.log");
    start();
  }

  /** Starts the server (again, after {@link #stop}) on the same port with the same data. */
  public void start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", System.getProperty("sparkiqa.s3proxy.jar", "target/tools/s3proxy.jar"),
        "--properties", props.toString()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
        c.setConnectTimeout(500);
        c.getResponseCode();
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IOException("S3Proxy did not answer on " + endpoint() + " within 60 s (log: " + log + ")");
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The --conf settings that point S3A at this server. */
  public List<String> sparkConf() {
    List<String> c = new ArrayList<>();
    for (String kv : new String[] {"fs.s3a.endpoint=" + endpoint(), "fs.s3a.endpoint.region=us-east-1",
        "fs.s3a.path.style.access=true", "fs.s3a.connection.ssl.enabled=false", "fs.s3a.access.key=" + KEY,
        "fs.s3a.secret.key=" + SECRET,
        "fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.change.detection.mode=none", "fs.s3a.impl.disable.cache=true"}) {
      c.add("--conf");
      c.add("spark.hadoop." + kv);
    }
    return c;
  }

  /** A Hadoop configuration for uploads and checks from the test. */
  public org.apache.hadoop.conf.Configuration hadoopConf() {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    settings().forEach(conf::set);
    return conf;
  }

  /** The Hadoop settings of {@link #sparkConf} ({@code fs.s3a.*} to value), e.g. for a test's own Spark session. */
  public java.util.Map<String, String> settings() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    List<String> kv = sparkConf();
    for (int i = 1; i < kv.size(); i += 2) {
      String s = kv.get(i).substring("spark.hadoop.".length());
      out.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
    }
    return out;
  }

  /** Stops the server (its data stays on disk): clients meet a closed port until {@link #start}. */
  public void stop() {
    close();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
