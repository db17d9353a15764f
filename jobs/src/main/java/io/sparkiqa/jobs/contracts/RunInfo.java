package io.sparkiqa.jobs.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run.json}: provenance of one command (versions, git commit, configuration, seeds, models with
 * their preprocessing ids, reconciliation counts). No Spark setting is recorded (a secret could hide in one), only
 * the master URL, with any password in it masked.
 */
public final class RunInfo {
  private final Map<String, Object> root = new LinkedHashMap<>();

  public RunInfo(String runId, String command, Map<String, Object> config) {
    root.put("run_id", runId);
    root.put("command", command);
    root.put("started", Instant.now().toString());
    root.put("config", config);
    root.put("seeds", new LinkedHashMap<String, Object>());
  }

  /**
   * A run id that sorts by time, to the millisecond: {@code 20261126T131500123Z-1a2b3c} (readers take the latest run's
   * row of a triple by it, {@code LatestScores}).
   */
  public static String newRunId() {
    String ts = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
    return ts + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  public RunInfo versions(SparkSession spark) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("spark_iqa", versionOf(RunInfo.class));
    v.put("spark", spark.version());
    v.put("scala", scala.util.Properties.versionNumberString());
    v.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    v.put("java", System.getProperty("java.version"));
    v.put("opencv", "4.13.0 (bytedeco 1.5.13)");
    root.put("versions", v);
    root.put("git_commit", gitCommit());
    root.put("spark_master", spark.sparkContext().master().replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@"));
    return this;
  }

  /**
   * Per model, from the catalog: kind ({@code native} or {@code deep}), mode, direction, range, preprocessing id,
   * aspect, and for a deep model its engine, the model file's sha256, the spec's sha256 (of its text as read), its id
   * and where it came from.
   */
  public RunInfo models(MetricCatalog catalog, List<String> names) {
    Map<String, Object> m = new LinkedHashMap<>();
    names.forEach(n -> m.put(n, catalog.entry(n).record()));
    root.put("models", m);
    return this;
  }

  public RunInfo put(String key, Object value) {
    root.put(key, value);
    return this;
  }

  public String toJson() {
    root.put("finished", Instant.now().toString());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String versionOf(Class<?> c) {
    String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The commit of the checkout: -Dsparkiqa.git.commit, $SPARKIQA_GIT_COMMIT, or {@code git rev-parse HEAD}. */
  static String gitCommit() {
    String c = System.getProperty("sparkiqa.git.commit", System.getenv("SPARKIQA_GIT_COMMIT"));
    if (c != null && !c.isBlank()) {
      return c;
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(new File("."))
          .redirectErrorStream(true).start();
      if (p.waitFor(3, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      p.destroyForcibly();
    } catch (Exception e) {
      // not a checkout, or no git: fall through
    }
    return "unknown";
  }
}
