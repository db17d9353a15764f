package io.sparkiqa.jobs.spark;

import io.sparkiqa.jobs.score.SpecShipping;
import io.sparkiqa.udfs.models.ShippedSpec;
import io.sparkiqa.udfs.models.server.ServerUrl;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession for a command. Under {@code spark-submit} the master and conf come from the
 * launcher and are kept; otherwise (no {@code spark.master} set) an embedded {@code local[*]} Spark is
 * started on loopback with the UI off, so one machine needs no Spark installation. On a cluster, an
 * {@link ExecutorWatchdog} stops the command if no executor is ever granted, and the local model files of
 * the command's specs go out with {@code spark.files} ({@link SpecShipping}). Spark redacts the settings that
 * {@link Secrets#SPARK_REDACTION_REGEX} matches from its logs, UI and event logs.
 */
public final class Sessions {
  private Sessions() {
  }

  /** True when spark-submit (or the user) already chose a master. */
  public static boolean launchedBySparkSubmit() {
    return System.getProperty("spark.master") != null;
  }

  /**
   * The settings a command runs with: those spark-submit passed (system properties: its --conf,
   * --properties-file, SPARK_SUBMIT_OPTS), then {@code settings} (profile and --conf) for every key it left unset. The
   * values of secret keys ({@link Secrets}) are remembered so that printed errors hide them.
   */
  public static SparkConf merged(Map<String, String> settings) {
    SparkConf conf = new SparkConf(true);
    for (scala.Tuple2<String, String> kv : conf.getAll()) {
      if (Secrets.isSecret(kv._1())) {
        Secrets.remember(kv._2());
      }
    }
    Secrets.remember(settings);
    new TreeMap<>(settings).forEach((k, v) -> {
      if (!conf.contains(k)) {
        conf.set(k, v);
      }
    });
    return conf;
  }

  /**
   * @param master   explicit {@code --master}, or null
   * @param settings profile and {@code --conf} settings, applied unless spark-submit already set the key
   * @param specs    the model specs the command's jobs will run (their local model files join {@code spark.files})
   */
  public static SparkSession create(String appName, String master, Map<String, String> settings,
                                    Collection<ShippedSpec> specs) {
    SparkConf conf = merged(settings).setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (conf.contains(ServerUrl.KEY)) {
      ServerUrl.parse(conf.get(ServerUrl.KEY)); // a malformed URL fails here, before any job, naming the setting
    }
    if (SpecShipping.distributed(conf.get("spark.master"))) {
      SpecShipping.distribute(conf, specs);
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.redaction.regex", Secrets.SPARK_REDACTION_REGEX);
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    ExecutorWatchdog.watch(session.sparkContext());
    return session;
  }
}
