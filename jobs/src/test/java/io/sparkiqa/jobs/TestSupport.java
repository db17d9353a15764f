package io.sparkiqa.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Shared helpers: test resources copied to disk, CSV lines, and a local Spark session for reading outputs. */
public final class TestSupport {
  private TestSupport() {
  }

  /** Copies classpath resources {@code /dir/name} into {@code target}, returning target. */
  public static Path copyResources(String dir, Path target, String... names) {
    try {
      Files.createDirectories(target);
      for (String n : names) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/" + dir + "/" + n)) {
          if (in == null) {
            throw new IOException("missing test resource /" + dir + "/" + n);
          }
          Files.copy(in, target.resolve(n));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All e2e test images (six distorted crops, their two references, a corrupt JPEG) copied into {@code dir}. */
  public static Path e2eImages(Path dir) {
    return copyResources("e2e", dir, "kodim03_ref.png", "kodim03_jpeg30.jpg", "kodim03_blur2.png",
        "kodim03_noise10.png", "kodim19_ref.png", "kodim19_jpeg30.jpg", "kodim19_blur2.png", "kodim19_noise10.png",
        "corrupt.jpg");
  }

  /** Manifest lines {@code image_id,uri,ref_uri,mos} for the six e2e images (mos 1..6), header included. */
  public static StringBuilder e2eManifest(Path img) {
    StringBuilder m = new StringBuilder("image_id,uri,ref_uri,mos\n");
    int k = 1;
    for (String[] e : csv("/e2e/expected_scores.csv")) {
      m.append(e[0]).append(',').append(uri(img.resolve(e[1]))).append(',').append(uri(img.resolve(e[2])))
          .append(',').append(k++).append('\n');
    }
    return m;
  }

  public static List<String[]> csv(String resource) {
    try (InputStream in = TestSupport.class.getResourceAsStream(resource)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<String[]> rows = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          rows.add(lines[i].trim().split(",", -1));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SparkSession localSpark() {
    return SparkSession.builder().master("local[2]").appName("test")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
  }

  /** A command's exit code and everything it printed on standard output and error. */
  public record Console(int code, String output) {
  }

  /** Runs {@code sparkiqa ARGS} in this JVM, capturing what it prints (and still showing it). */
  /** Stops the session {@link #localSpark} left as the default one, so the next command starts its own with its conf. */
  public static void stopLocalSpark() {
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
  }

  public static synchronized Console sparkiqa(String... args) {
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (java.io.PrintStream both = new java.io.PrintStream(new org.apache.commons.io.output.TeeOutputStream(out, buf),
        true, java.nio.charset.StandardCharsets.UTF_8)) {
      System.setOut(both);
      System.setErr(both);
      int code = io.sparkiqa.jobs.cli.SparkIqa.execute(args);
      return new Console(code, buf.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** The repository root (for conf/ and data/). */
  public static Path repoRoot() {
    return Path.of(System.getProperty("sparkiqa.repo.root", "..")).toAbsolutePath().normalize();
  }

  public static String uri(Path p) {
    return p.toAbsolutePath().toUri().toString();
  }

  /** Python for tests that run scripts: $SPARKIQA_PYTHON, else the project's .venv (.ci/run makes it), else python3. */
  public static String python() {
    String env = System.getenv("SPARKIQA_PYTHON");
    if (env != null) {
      return env;
    }
    java.nio.file.Path venv = repoRoot().resolve(".venv/bin/python");
    return java.nio.file.Files.isExecutable(venv) ? venv.toString() : "python3";
  }
}
