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
 * Executes notebooks/evaluate.ipynb on a run output (a two-photo ladder, four models, two group-bys) and
 * notebooks/audit.ipynb on an audit output (a four-photo generated corpus) with {@code jupyter nbconvert
 * --execute}: each notebook recomputes the numbers of metrics/ (SciPy) or distributions/ and agreement/
 * and asserts equality, so a failing assertion fails this test. Python: $SPARKIQA_PYTHON, else the
 * project's .venv (which .ci/run installs from the local wheels), else python3. Executed notebooks are
 * kept in target/notebooks/.
 */
class NotebooksIT {
  @TempDir
  Path tmp;

  @Test
  void bothNotebooksExecuteAndTheirChecksPass() throws Exception {
    Path kodak = TestSupport.repoRoot().resolve("data/kodak");
    Path ladder = tmp.resolve("ladder");
    assertEquals(0, SparkIqa.execute("datasets", "ladder", "--photos", kodak.toString(), "--ids", "kodim01,kodim03",
        "--out", ladder.toString()));
    Path run = tmp.resolve("run");
    assertEquals(0, SparkIqa.execute("run", "--master", "local[2]", "--manifest", ladder.resolve("manifest.jsonl").toString(),
        "--models", "psnr,sharpness,niqe,brisque", "--out", run.toString(), "--group-by", "distortion,photo+distortion",
        "--bootstrap", "100"));
    Path corpus = tmp.resolve("corpus");
    assertEquals(0, SparkIqa.execute("datasets", "gencorpus", "--photos", kodak.toString(), "--limit", "4", "--out",
        corpus.toString()));
    Path audit = tmp.resolve("audit");
    assertEquals(0, SparkIqa.execute("audit", "--master", "local[2]", "--manifest", corpus.resolve("manifest.jsonl").toString(),
        "--models", "sharpness,niqe", "--out", audit.toString(), "--group-by", "generator", "--bootstrap", "100",
        "--threshold", "niqe=6"));
    execute("evaluate", run);
    execute("audit", audit);
  }

  private static void execute(String notebook, Path out) throws Exception {
    Path root = TestSupport.repoRoot();
    Path keep = Path.of("target", "notebooks").toAbsolutePath();
    Files.createDirectories(keep);
    ProcessBuilder pb = new ProcessBuilder(TestSupport.python(), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
        root.resolve("notebooks").resolve(notebook + ".ipynb").toString(), "--output-dir", keep.toString(),
        "--output", notebook + "-executed.ipynb").redirectErrorStream(true);
    pb.environment().put("SPARKIQA_OUT", out.toAbsolutePath().toString());
    Path log = keep.resolve(notebook + ".log");
    Process p = pb.redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), notebook + " finished");
    assertEquals(0, p.exitValue(), notebook + " failed:\n" + Files.readString(log));
    String executed = Files.readString(keep.resolve(notebook + "-executed.ipynb"));
    assertTrue(executed.contains("recomputed"), notebook + " printed its check");
  }
}
