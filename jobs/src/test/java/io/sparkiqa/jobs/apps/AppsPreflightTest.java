package io.sparkiqa.jobs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.cli.SparkIqa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments of filter, curate, sweep and compare fail with exit code 2 and a message, before Spark starts. */
class AppsPreflightTest {
  @TempDir
  Path tmp;
  private String manifest;

  @BeforeEach
  void manifest() throws Exception {
    manifest = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n").toString();
  }

  private String fails(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, SparkIqa.execute(args));
    } finally {
      System.setErr(err);
    }
    assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty(),
        "no Spark session was started");
    return buf.toString(StandardCharsets.UTF_8);
  }

  private String[] base(String command, String models, String... more) {
    String[] head = {command, "--manifest", manifest, "--models", models, "--out", tmp.resolve("o").toString()};
    String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  @Test
  void filter() {
    assertTrue(fails(base("filter", "niqe")).contains("no rule: give --rule, --keep-top or --calibration"));
    assertTrue(fails(base("filter", "niqe", "--rule", "niqe<abc")).contains("--rule niqe<abc: expected MODEL<VALUE"));
    assertTrue(fails(base("filter", "niqe", "--rule", "brisque<30")).contains("brisque is not among --models [niqe]"));
    assertTrue(fails(base("filter", "niqe", "--keep-top", "150%")).contains("the percentage must be in (0, 100]"));
    assertTrue(fails(base("filter", "niqe", "--calibration", tmp.toString())).contains("--calibration and --mos-cut go together"));
    assertTrue(fails(base("filter", "niqe", "--rule", "niqe<6", "--scores", tmp.resolve("none").toString()))
        .contains("--scores " + tmp.resolve("none") + ": not found"));
  }

  @Test
  void curate() {
    assertTrue(fails(base("curate", "niqe", "--dup-threshold", "12")).contains("--dup-threshold must be in [0, 11], got 12"));
    assertTrue(fails(base("curate", "niqe", "-k", "0")).contains("-k must be positive, got 0"));
    assertTrue(fails(base("curate", "niqe", "--weight", "niqe=-1")).contains("a weight must be a positive number"));
  }

  @Test
  void sweep() {
    assertTrue(fails(base("sweep", "ssim", "--target", "ssim<=0.9")).contains("ssim is higher-better, so its target reads ssim>=0.9"));
    assertTrue(fails(base("sweep", "ssim", "--target", "psnr>=30")).contains("psnr is not among --models [ssim]"));
    assertTrue(fails(base("sweep", "ssim", "--target", "ssim>=0.9", "--jpeg", "0,50")).contains("qualities are 1..100, got 0"));
    assertTrue(fails(base("sweep", "ssim", "--target", "ssim>=0.9", "--jpeg", "", "--webp", "")).contains("no rung"));
  }

  @Test
  void compare() {
    assertTrue(fails(base("compare", "niqe", "--pair-key", "scene", "--variant-key", "scene", "--baseline", "a"))
        .contains("--pair-key and --variant-key must differ"));
    assertTrue(fails(base("compare", "niqe", "--pair-key", "scene", "--variant-key", "pipe", "--baseline", "a",
        "--bootstrap", "0")).contains("--bootstrap must be positive, got 0"));
  }
}
