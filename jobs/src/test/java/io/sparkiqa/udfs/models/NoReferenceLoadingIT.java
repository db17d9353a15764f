package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MUSIQ, LIQE, CLIP-IQA and ARNIQA recipes' {@code --from files} loading path
 * (scripts/fixtures/check_nr_loading.py): full-size random state_dicts with the published key names and shapes (pyiqa's
 * MUSIQ koniq checkpoint, OpenAI's CLIP ViT-B/32 and RN50 with their text sides, ARNIQA.pth and a regressor) export,
 * each export equals a direct computation from its state_dict within 1e-4 (relative), and a missing, unexpected or
 * wrongly shaped key, a missing file and wrong text features exit 2 naming it (17 checks). Then
 * {@code sparkiqa models validate} accepts the four exported full-size specs. Needs torch, onnx and onnxruntime.
 */
class NoReferenceLoadingIT {
  @TempDir
  Path tmp;

  @Test
  void recipesLoadThePublishedKeysAndJavaAcceptsTheExports() throws Exception {
    Path log = tmp.resolve("check.log");
    Process p = new ProcessBuilder(TestSupport.python(), "-W", "ignore", "scripts/fixtures/check_nr_loading.py",
        tmp.toString()).directory(TestSupport.repoRoot().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the check finished");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    List<String> ok = out.lines().filter(l -> l.startsWith("ok ")).toList();
    assertEquals(17, ok.size(), out);
    assertTrue(out.contains("ok arniqa --from files arniqa_extra.pth: exit 2 naming it: rc 2: export_model: the ARNIQA "
        + "file '" + tmp.resolve("arniqa_extra.pth") + "' does not fit the contract: unexpected keys ['model.8.weight']"),
        out);
    assertEquals(0, SparkIqa.execute("models", "validate", tmp.resolve("musiq_files.json").toString(),
        tmp.resolve("liqe_files.json").toString(), tmp.resolve("clipiqa_files.json").toString(),
        tmp.resolve("arniqa_files.json").toString()));
  }
}
