package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/apps.ipynb on a sweep output (two e2e crops, three JPEG and two WebP rungs) and a filter output
 * (the same crops with their distorted copies, keep-top 50% per photo): the notebook recomputes curves/ from rungs/
 * and counts/ from kept/ and dropped/ and asserts equality. Executed notebook kept in target/notebooks/.
 */
class AppsNotebookIT {
  @TempDir
  Path tmp;

  @Test
  void theAppsNotebookRecomputesTheSweepCurvesAndTheFilterCounts() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = new StringBuilder("image_id,uri,photo\n");
    for (String p : new String[] {"kodim03", "kodim19"}) {
      for (String v : new String[] {"ref.png", "jpeg30.jpg", "blur2.png"}) {
        m.append(p).append('_').append(v).append(',').append(TestSupport.uri(img.resolve(p + "_" + v))).append(',')
            .append(p).append('\n');
      }
    }
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m);
    Path sweep = tmp.resolve("sweep");
    assertEquals(0, SparkIqa.execute("sweep", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        "psnr,ssim", "--out", sweep.toString(), "--jpeg", "90,60,30", "--webp", "80,40", "--target", "ssim>=0.9",
        "--group-by", "photo"));
    Path filter = tmp.resolve("filter");
    assertEquals(0, SparkIqa.execute("filter", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        "sharpness", "--out", filter.toString(), "--keep-top", "50%", "--group-by", "photo"));
    Path keep = Path.of("target", "notebooks").toAbsolutePath();
    Files.createDirectories(keep);
    ProcessBuilder pb = new ProcessBuilder(TestSupport.python(), "-m", "jupyter", "nbconvert", "--to", "notebook",
        "--execute", TestSupport.repoRoot().resolve("notebooks/apps.ipynb").toString(), "--output-dir", keep.toString(),
        "--output", "apps-executed.ipynb").redirectErrorStream(true);
    pb.environment().put("SPARKIQA_SWEEP", sweep.toAbsolutePath().toString());
    pb.environment().put("SPARKIQA_FILTER", filter.toAbsolutePath().toString());
    Path log = keep.resolve("apps.log");
    Process p = pb.redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "apps.ipynb finished");
    assertEquals(0, p.exitValue(), "apps.ipynb failed:\n" + Files.readString(log));
    String executed = Files.readString(keep.resolve("apps-executed.ipynb"));
    assertTrue(executed.contains("curve points recomputed") && executed.contains("filter counts recomputed"));
  }
}
