package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments fail with exit code 2 and a message naming what to fix, before any Spark starts. */
class PreflightTest {
  @TempDir
  Path tmp;

  private String run(int expectedCode, String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(expectedCode, SparkIqa.execute(args));
    } finally {
      System.setErr(err);
    }
    assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty(),
        "no Spark session was started");
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void missingManifest() {
    String err = run(2, "score", "--manifest", tmp.resolve("nope.csv").toString(), "--models", "psnr", "--out", tmp.resolve("o").toString());
    assertTrue(err.contains("--manifest") && err.contains("nope.csv: not found"), err);
  }

  @Test
  void unknownModelListsTheKnownOnes() throws Exception {
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n");
    String err = run(2, "run", "--manifest", m.toString(), "--models", "psnr,niqe2", "--out", tmp.resolve("o").toString());
    assertTrue(err.contains("unknown metric 'niqe2'") && err.contains("psnr, sharpness"), err);
  }

  @Test
  void aModelNamedTwiceFails() throws Exception {
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n");
    String err = run(2, "score", "--manifest", m.toString(), "--models", "psnr, psnr", "--out", tmp.resolve("o").toString());
    assertTrue(err.contains("error: --models names psnr twice"), err);
    err = run(2, "run", "--manifest", m.toString(), "--models", "sharpness,psnr,sharpness ", "--out",
        tmp.resolve("o").toString());
    assertTrue(err.contains("error: --models names sharpness twice"), err);
  }

  @Test
  void theImageTimeoutMustBeAPositiveNumberOfSeconds() throws Exception {
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n");
    for (String bad : new String[] {"0", "-1", "NaN", "Infinity"}) {
      String err = run(2, "score", "--manifest", m.toString(), "--models", "psnr", "--out", tmp.resolve("o").toString(),
          "--image-timeout", bad);
      assertTrue(err.contains("error: --image-timeout must be a positive number of seconds, got "), bad + ": " + err);
    }
  }

  @Test
  void scoringCommandsExplainExitCodesAndFailureClasses() {
    for (String cmd : new String[] {"run", "score", "evaluate", "audit"}) {
      String help = help(cmd).replaceAll("\\s+", " ");
      assertTrue(help.contains("--image-timeout=SECONDS") == !cmd.equals("evaluate"), cmd + ": " + help);
      assertTrue(help.contains("3 scores unaccounted for") && help.contains("Transient classes, scored again by --resume: "
          + "read_error, timeout, server_unavailable, internal_error"), cmd + ": " + help);
    }
  }

  @Test
  void existingOutWithoutResumeOrOverwrite() throws Exception {
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n");
    Files.createDirectories(tmp.resolve("o"));
    String err = run(2, "score", "--manifest", m.toString(), "--models", "psnr", "--out", tmp.resolve("o").toString());
    assertTrue(err.contains("already exists; add --resume") && err.contains("--overwrite"), err);
  }

  @Test
  void missingRequiredOptionAndBadConf() throws Exception {
    String err = run(2, "score", "--models", "psnr");
    assertTrue(err.contains("Missing required options") && err.contains("--manifest"), err);
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n");
    err = run(2, "score", "--manifest", m.toString(), "--models", "psnr", "--out", tmp.resolve("o2").toString(), "--conf", "novalue");
    assertTrue(err.contains("--conf ***: expected KEY=VALUE") && !err.contains("novalue"), err);
    err = run(2, "score", "--manifest", m.toString(), "--models", "psnr", "--out", tmp.resolve("o3").toString(), "--profile", "gpu-x");
    assertTrue(err.contains("--profile gpu-x"), err);
  }

  @Test
  void everyCommandExplainsItsOptions() {
    for (String cmd : new String[] {"run", "score", "evaluate", "report", "models", "datasets"}) {
      String help = help(cmd);
      assertTrue(help.contains("Usage: sparkiqa " + cmd), help);
    }
  }

  /** What {@code sparkiqa CMD --help} prints (it exits 0). */
  private static String help(String cmd) {
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, SparkIqa.execute(cmd, "--help"));
    } finally {
      System.setOut(out);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
