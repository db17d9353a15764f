package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation can fail: a (image, level, model) with no row is counted as unaccounted (never computed as a
 * remainder), listed, and the command exits 3 after writing its outputs.
 */
class ReconciliationTest {
  @TempDir
  Path tmp;

  @Test
  void aScoreWithNoRowIsUnaccountedAndTheCommandExits3() throws Exception {
    StringBuilder manifest = new StringBuilder("image_id,uri,mos\n");
    StringBuilder scores = new StringBuilder("image_id,model,score,status,error\n");
    for (int i = 0; i < 8; i++) {
      manifest.append("img").append(i).append(",file:///nowhere/").append(i).append(".png,").append(i).append('\n');
      scores.append("img").append(i).append(",m1,").append(i * 1.5).append(",ok,\n");
      if (i != 3 && i != 6) {
        scores.append("img").append(i).append(",m2,").append(10 - i).append(",ok,\n");
      }
    }
    manifest.append("bad,,1\n");
    scores.append("img0,m2,0,failed,undefined: every window is flat\n");
    Path m = Files.writeString(tmp.resolve("m.csv"), manifest.toString());
    Path s = Files.writeString(tmp.resolve("scores.csv"), scores.toString());
    Path out = tmp.resolve("out");
    TestSupport.Console c = TestSupport.sparkiqa("evaluate", "--master", "local[2]", "--scores", s.toString(),
        "--manifest", m.toString(), "--out", out.toString(), "--bootstrap", "10");
    assertEquals(Stages.UNACCOUNTED, c.code(), c.output());
    assertTrue(c.output().contains("reconciliation: in 9 = ok 6 + failed 0 + rejected 1 + not scored 2\n"), c.output());
    assertTrue(c.output().contains("warning: 1 (image_id, level, model) have several rows from one run in " + s
        + "; each counts once: its ok row with the highest score\n"), c.output());
    // img0's two m2 rows (one external run): one row per triple, the ok one, so img0 is not failed
    assertTrue(c.output().contains("reconciliation per score: in 9 x 2 models = ok 14 + failed 0 + rejected 1 x 2"
        + " + unaccounted 2 (first: img3/image/m2, img6/image/m2)\n"), c.output());
    assertTrue(c.output().contains("error: 2 score(s) of 2 manifest row(s) have no row in the scores (first: img3/image/m2, img6/image/m2)"), c.output());
    assertTrue(Files.exists(out.resolve("report.html")), "the outputs are written before the command fails");
    String runJson = Files.readString(out.resolve("run.json"));
    assertTrue(runJson.contains("\"first_unaccounted\" : [ \"img3/image/m2\", \"img6/image/m2\" ]"), runJson);
  }
}
