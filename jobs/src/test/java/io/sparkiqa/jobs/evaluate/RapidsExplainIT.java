package io.sparkiqa.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.LogCapture;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void statisticsPlanRunsOnGpuAndCorrDoesNot() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = TestSupport.e2eManifest(img);
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "psnr,sharpness", "--out", tmp.resolve("s").toString()));

    ClassLoader before = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(new MutableURLClassLoader(new URL[0], before));
    List<String> corrLines;
    try (LogCapture capture = new LogCapture()) {
      // --driver-max-n 1 sends every group through the Spark SQL statistics (window ranks, sums)
      assertEquals(0, SparkIqa.execute("evaluate", "--master", "local[2]", "--profile",
          TestSupport.repoRoot().resolve("conf/cluster-gpu-evaluate.properties").toString(),
          "--conf", "spark.plugins=", "--conf", "spark.sql.extensions=com.nvidia.spark.rapids.SQLExecPlugin",
          "--conf", "spark.rapids.sql.mode=explainOnly", "--conf", "spark.rapids.sql.explain=ALL",
          "--conf", "spark.executor.resource.gpu.amount=0", "--conf", "spark.task.resource.gpu.amount=0",
          "--scores", tmp.resolve("s/scores").toString(), "--manifest", manifest.toString(),
          "--out", tmp.resolve("e").toString(), "--driver-max-n", "1", "--bootstrap", "10"));
      List<String> statsLines = capture.lines().stream().filter(l -> l.contains("GPU")).toList();
      capture.clear();
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
      corrLines = capture.lines().stream().filter(l -> l.contains("GPU")).toList();
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
      Thread.currentThread().setContextClassLoader(before);
    }
  }
}
