package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.LogCapture;
import io.sparkiqa.jobs.S3ProxyServer;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.spark.Secrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret settings (keys with secret, password, token or credential) never print: not in error messages, console
 * lines, logs or run.json, and a --conf without '=' (a mistyped secret) prints as {@code ***}. The secret is the S3
 * test secret of {@link S3ProxyServer}.
 */
class SecretsTest {
  private static final String SECRET = S3ProxyServer.SECRET;

  @TempDir
  Path tmp;

  /** Runs the command line; returns its exit code and everything printed or logged meanwhile. */
  private static Map.Entry<Integer, String> run(String... args) {
    try (LogCapture log = new LogCapture()) {
      TestSupport.Console c = TestSupport.sparkiqa(args);
      return Map.entry(c.code(), c.output() + String.join("\n", log.lines()));
    }
  }

  @Test
  void keysNameSecretsByTheirWords() {
    assertTrue(Secrets.isSecret("spark.hadoop.fs.s3a.secret.key"));
    assertTrue(Secrets.isSecret("spark.ssl.keyStorePassword"));
    assertTrue(Secrets.isSecret("spark.hadoop.fs.s3a.session.TOKEN"));
    assertTrue(Secrets.isSecret("spark.hadoop.google.cloud.auth.service.account.json.credentials"));
    assertFalse(Secrets.isSecret("spark.hadoop.fs.s3a.access.key"));
    assertFalse(Secrets.isSecret("spark.executor.memory"));
    assertEquals("***", Secrets.shown("fs.s3a.secret.key", SECRET));
    assertEquals("4g", Secrets.shown("spark.driver.memory", "4g"));
  }

  @Test
  void switchesAndClassNamesUnderSecretKeysAreNotMasked() {
    Secrets.remember(Map.of("spark.security.credentials.hive.enabled", "false",
        "spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "spark.hadoop.fs.s3a.session.token", "tok-8f3a1c"));
    assertEquals("resume=false, org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider, token ***",
        Secrets.scrub("resume=false, org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider, token tok-8f3a1c"));
  }

  @Test
  void aMalformedConfPrintsAsStars() throws Exception {
    Path m = Files.writeString(tmp.resolve("m.csv"), "image_id,uri\na,file:///x.png\n");
    for (String bad : new String[] {SECRET, "spark.hadoop.fs.s3a.secret.key:" + SECRET}) {
      Map.Entry<Integer, String> r = run("score", "--manifest", m.toString(), "--models", "psnr", "--out",
          tmp.resolve("o").toString(), "--conf", bad);
      assertEquals(2, r.getKey(), r.getValue());
      assertTrue(r.getValue().contains("error: --conf ***: expected KEY=VALUE"), r.getValue());
      assertFalse(r.getValue().contains(SECRET), r.getValue());
    }
  }

  @Test
  void anErrorMessageHidesASecretSetting() {
    Path manifest = tmp.resolve("in-" + SECRET + ".csv");
    Map.Entry<Integer, String> r = run("score", "--manifest", manifest.toString(), "--models", "psnr", "--out",
        tmp.resolve("o").toString(), "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET);
    assertEquals(2, r.getKey(), r.getValue());
    assertTrue(r.getValue().contains("in-***.csv: not found"), r.getValue());
    assertFalse(r.getValue().contains(SECRET), r.getValue());
  }

  @Test
  void aRunWithSecretsPrintsAndRecordsNone() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    Path manifest = Files.writeString(tmp.resolve("m.csv"), TestSupport.e2eManifest(img).toString());
    Path profile = Files.writeString(tmp.resolve("p.properties"), String.join("\n",
        Files.readString(TestSupport.repoRoot().resolve("conf/local.properties")),
        "spark.hadoop.fs.s3a.session.token=" + SECRET + "-token",
        "spark.sparkiqa.db.password=" + SECRET + "-password",
        "spark.hadoop.fs.gs.auth.service.account.credential=" + SECRET + "-credential") + "\n");
    Path out = tmp.resolve("out");
    Map.Entry<Integer, String> r = run("score", "--master", "local[2]", "--profile", profile.toString(), "--manifest",
        manifest.toString(), "--models", "sharpness", "--out", out.toString(),
        "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET, "--conf", "spark.logConf=true");
    assertEquals(0, r.getKey(), r.getValue());
    assertTrue(r.getValue().contains("spark.hadoop.fs.s3a.secret.key"), "Spark logged its settings (spark.logConf)");
    assertFalse(r.getValue().contains(SECRET), r.getValue());
    String runJson = Files.readString(out.resolve("run.json"));
    assertTrue(runJson.contains("\"command\" : \"score\""), runJson);
    assertFalse(runJson.contains(SECRET), runJson);
  }
}
