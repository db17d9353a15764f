package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.spark.Profiles;
import io.sparkiqa.jobs.spark.Secrets;
import io.sparkiqa.jobs.spark.Sessions;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every Spark-running command shares: master, profile and extra conf. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (e.g. local[2], yarn). Default: the one spark-submit set, else an embedded local[*].")
  String master;

  @Option(names = "--profile", paramLabel = "NAME|FILE",
      description = "Spark profile: conf/NAME.properties or a properties file. Default: local when not under spark-submit.")
  String profile;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting; repeatable. Wins over the profile.")
  List<String> conf = List.of();

  /**
   * The merged settings: profile first, then --conf. Fails with a message on a malformed --conf, which it shows as
   * {@code ***} (it may be a mistyped secret). The values of secret keys are remembered for {@link Secrets#scrub}.
   */
  Map<String, String> settings() {
    Map<String, String> out = new LinkedHashMap<>();
    String p = profile;
    if (p == null && !Sessions.launchedBySparkSubmit()) {
      p = "local";
    }
    if (p != null) {
      out.putAll(Profiles.load(p, confDir()));
    }
    for (String kv : conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        Secrets.remember(kv);
        throw new IllegalArgumentException("--conf " + Secrets.MASK + ": expected KEY=VALUE (the text given is hidden: "
            + "it may hold a secret)");
      }
      out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    Secrets.remember(out);
    return out;
  }

  /**
   * A Hadoop configuration with the spark.hadoop.* settings the session will have ({@link Sessions#merged}), for
   * checks and files written before Spark starts.
   */
  Configuration hadoopConf() {
    Configuration c = new Configuration();
    for (scala.Tuple2<String, String> kv : Sessions.merged(settings()).getAllWithPrefix("spark.hadoop.")) {
      c.set(kv._1(), kv._2());
    }
    return c;
  }

  /** A session for a command that runs no model spec. */
  SparkSession session(String app) {
    return session(app, MetricCatalog.builtIn());
  }

  /** A session whose executors can run the catalog's model specs. */
  SparkSession session(String app, MetricCatalog catalog) {
    return Sessions.create(app, master, settings(), catalog.specs());
  }

  static Path confDir() {
    return Path.of(System.getProperty("sparkiqa.conf.dir", "conf"));
  }
}
