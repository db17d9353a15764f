package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar through Spark's own launcher ({@code org.apache.spark.deploy.SparkSubmit},
 * {@code local[2]}) in a child JVM whose classpath is Spark and Hadoop only (what a cluster provides),
 * so the jar's packaging (OpenCV natives, service files, main class, the Vector API kernels of BRISQUE (and NIQE)
 * that load by name with {@code --add-modules=jdk.incubator.vector} from the JVM options) is proven, not assumed.
 */
class SparkSubmitIT {
  @TempDir
  Path tmp;

  @Test
  void shadedJarRunsUnderSparkSubmit() throws Exception {
    Path img = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim19_ref.png", "kodim19_jpeg30.jpg",
        "kodim19_blur2.png", "kodim19_noise10.png", "corrupt.jpg");
    String ref = TestSupport.uri(img.resolve("kodim19_ref.png"));
    StringBuilder m = new StringBuilder("image_id,uri,ref_uri,mos\n");
    int mos = 1;
    for (String f : new String[] {"kodim19_jpeg30.jpg", "kodim19_blur2.png", "kodim19_noise10.png", "corrupt.jpg"}) {
      m.append(f).append(',').append(TestSupport.uri(img.resolve(f))).append(',').append(ref).append(',').append(mos++).append('\n');
    }
    Path manifest = Files.writeString(tmp.resolve("manifest.csv"), m.toString());
    Path out = tmp.resolve("out");

    String jar = System.getProperty("sparkiqa.shaded.jar");
    String sparkLib = System.getProperty("sparkiqa.spark.lib");
    assertTrue(new File(jar).isFile(), "shaded jar built by the package phase: " + jar);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(System.getProperty("sparkiqa.jvm.opens", "").split("\\s+")));
    cmd.removeIf(String::isBlank);
    cmd.addAll(List.of("-Xmx2g", "-Dorg.bytedeco.javacpp.cachedir=" + tmp.resolve("javacpp"),
        "-cp", sparkLib + File.separator + "*", "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--class", "io.sparkiqa.jobs.cli.SparkIqa", jar,
        "run", "--manifest", manifest.toString(), "--models", "psnr,sharpness,brisque", "--out", out.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "spark-submit finished");
    String log = Files.readString(tmp.resolve("log.txt"));
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("reconciliation: in 4 = ok 3 + failed 1 + rejected 0"), log);
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    assertTrue(Files.readString(out.resolve("run.json")).contains("\"spark_master\" : \"local[2]\""));
  }
}
