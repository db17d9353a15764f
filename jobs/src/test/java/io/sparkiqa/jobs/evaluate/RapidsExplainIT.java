package io.sparkiqa.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.MutableURLClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code evaluate} with the RAPIDS SQL plugin in {@code explainOnly} mode on this CPU machine and
 * reads, from the plugin's own plan report, that the statistics' rank (window), sort, aggregation and
 * Parquet-write operators would run on GPU; a plan with {@code corr()} is flagged as a negative control.
 * The captured report is kept in target/rapids-explain.txt.
 */
class RapidsExplainIT {
  @TempDir
  Path tmp;

  /** Collects the plugin's plan report lines. */
  static final class Capture extends AbstractAppender {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    Capture() {
      super("rapids-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      String m = event.getMessage().getFormattedMessage();
      if (m.contains("GPU")) {
        lines.addAll(List.of(m.split("\n")));
      }
    }
  }

  @Test
  void statisticsPlanRunsOnGpuAndCorrDoesNot() throws Exception {
    Path img = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim03_ref.png", "kodim03_jpeg30.jpg",
        "kodim03_blur2.png", "kodim03_noise10.png", "kodim19_ref.png", "kodim19_jpeg30.jpg", "kodim19_blur2.png",
        "kodim19_noise10.png");
    StringBuilder m = new StringBuilder("image_id,uri,ref_uri,mos\n");
    int k = 1;
    for (String[] e : TestSupport.csv("/e2e/expected_scores.csv")) {
      m.append(e[0]).append(',').append(TestSupport.uri(img.resolve(e[1]))).append(',')
          .append(TestSupport.uri(img.resolve(e[2]))).append(',').append(k++).append('\n');
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "psnr,sharpness", "--out", tmp.resolve("s").toString()));

    ClassLoader before = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(new MutableURLClassLoader(new URL[0], before));
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Capture capture = new Capture();
    capture.start();
    ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
    ctx.updateLoggers();
    List<String> corrLines;
    try {
      // --driver-max-n 1 sends every group through the Spark SQL statistics (window ranks, sums)
      assertEquals(0, SparkIqa.execute("evaluate", "--master", "local[2]", "--profile",
          TestSupport.repoRoot().resolve("conf/cluster-gpu-evaluate.properties").toString(),
          "--conf", "spark.plugins=", "--conf", "spark.sql.extensions=com.nvidia.spark.rapids.SQLExecPlugin",
          "--conf", "spark.rapids.sql.mode=explainOnly", "--conf", "spark.rapids.sql.explain=ALL",
          "--conf", "spark.executor.resource.gpu.amount=0", "--conf", "spark.task.resource.gpu.amount=0",
          "--scores", tmp.resolve("s/scores").toString(), "--manifest", manifest.toString(),
          "--out", tmp.resolve("e").toString(), "--driver-max-n", "1", "--bootstrap", "10"));
      List<String> statsLines = new ArrayList<>(capture.lines);
      capture.lines.clear();
      SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.extensions", "com.nvidia.spark.rapids.SQLExecPlugin")
          .config("spark.rapids.sql.mode", "explainOnly").config("spark.rapids.sql.explain", "ALL").getOrCreate();
      try {
        spark.read().parquet(tmp.resolve("e/points").toString()).groupBy("model")
            .agg(org.apache.spark.sql.functions.corr("score", "mos")).collectAsList();
      } finally {
        spark.stop();
      }
      corrLines = new ArrayList<>(capture.lines);
      Files.write(Path.of("target", "rapids-explain.txt"), statsLines);
      Files.write(Path.of("target", "rapids-explain-corr.txt"), corrLines);

      for (String op : new String[] {"WindowExec", "SortExec", "HashAggregateExec", "DataWritingCommandExec"}) {
        assertTrue(statsLines.stream().anyMatch(l -> l.contains("<" + op + ">") && l.contains("will run on GPU")),
            op + " will run on GPU; report:\n" + String.join("\n", statsLines));
        assertFalse(statsLines.stream().anyMatch(l -> l.contains("!Exec <" + op + ">")),
            op + " must not be blocked; report:\n" + String.join("\n", statsLines));
      }
      assertTrue(statsLines.stream().anyMatch(l -> l.contains("<Rank>") && l.contains("will run on GPU")),
          "rank() will run on GPU");
      assertTrue(corrLines.stream().anyMatch(l -> l.contains("cannot run on GPU") && l.toLowerCase().contains("corr")),
          "negative control: corr() is flagged; report:\n" + String.join("\n", corrLines));
    } finally {
      ctx.getConfiguration().getRootLogger().removeAppender("rapids-capture");
      ctx.updateLoggers();
      Thread.currentThread().setContextClassLoader(before);
    }
  }
}
