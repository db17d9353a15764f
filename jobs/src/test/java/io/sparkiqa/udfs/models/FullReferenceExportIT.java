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
 * The LPIPS and DISTS export recipes' loading path (scripts/fixtures/check_fr_loading.py): random state_dicts with the
 * published key names and shapes (torchvision's AlexNet / VGG16 / SqueezeNet 1.1, LPIPS' linear layers, DISTS'
 * alpha/beta) export, the exported models equal a direct computation from those state_dicts, and a missing package,
 * file or key exits 2 naming it (15 checks). Then {@code sparkiqa models validate} accepts the exported full-size
 * specs (field checks and a dry run of the two-input model). Needs torch, onnx and onnxruntime.
 */
class FullReferenceExportIT {
  @TempDir
  Path tmp;

  @Test
  void recipesLoadThePublishedKeysAndJavaAcceptsTheExports() throws Exception {
    Path log = tmp.resolve("check.log");
    Process p = new ProcessBuilder(TestSupport.python(), "scripts/fixtures/check_fr_loading.py", tmp.toString())
        .directory(TestSupport.repoRoot().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the check finished");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    List<String> ok = out.lines().filter(l -> l.startsWith("ok ")).toList();
    assertEquals(15, ok.size(), out);
    assertTrue(ok.contains("ok lpips --from lpips: exit 2 naming what is missing: rc 2: export_model: the Python package "
        + "'lpips' is needed for this export and does not import (No module named 'lpips'). pip install lpips (it fetches "
        + "torchvision's trunk weights), or use --from files"), out);
    assertEquals(0, SparkIqa.execute("models", "validate", tmp.resolve("lpips_alex.json").toString(),
        tmp.resolve("lpips_vgg.json").toString(), tmp.resolve("lpips_squeeze.json").toString(),
        tmp.resolve("dists_files.json").toString()));
  }
}
