package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/export_model.py on plain-torch fixtures, end to end: the fixture CNN exported to ONNX (PIL bicubic
 * to 64x64) and to TorchScript (torch bilinear with antialias to shorter side 96, centre crop 80), each with a
 * spec and the Python reference scores of four photos; `sparkiqa models validate` accepts both specs and the
 * score job's scores equal the Python ones within 1e-4. An export whose package is missing (open_clip here)
 * exits 2 and names the package. Needs torch, onnx and onnxruntime in the Python .ci/run installs.
 */
class ExportModelIT {
  @TempDir
  Path tmp;

  private static final List<String> PHOTOS = List.of("kodim01", "kodim02", "kodim04", "kodim05");

  private int export(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(TestSupport.python(), "scripts/export_model.py"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(TestSupport.repoRoot().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "export finished");
    return p.exitValue();
  }

  @Test
  void exportedModelsValidateAndScoreAsInPython() throws Exception {
    Path out = tmp.resolve("models");
    List<String> images = PHOTOS.stream().map(p -> TestSupport.repoRoot().resolve("data/kodak/" + p + ".png").toString()).toList();
    String module = "scripts/fixtures/make_model_fixtures.py:TinyCnn";
    List<String> onnx = new ArrayList<>(List.of("module", "--module", module, "--seed", "3", "--id", "exp_onnx", "--out",
        out.toString(), "--resize", "fixed", "--width", "64", "--height", "64", "--check-images"));
    onnx.addAll(images);
    Path log = tmp.resolve("export.log");
    assertEquals(0, export(log, onnx.toArray(String[]::new)), Files.readString(log));
    List<String> ts = new ArrayList<>(List.of("module", "--module", module, "--seed", "4", "--id", "exp_ts", "--out",
        out.toString(), "--format", "torchscript", "--resize", "shorter_side", "--size", "96", "--library", "torch",
        "--interpolation", "bilinear", "--crops", "center", "--crop-width", "80", "--crop-height", "80", "--width", "80",
        "--height", "80", "--check-images"));
    ts.addAll(images);
    assertEquals(0, export(log, ts.toArray(String[]::new)), Files.readString(log));
    assertEquals(0, SparkIqa.execute("models", "validate", out.resolve("exp_onnx.json").toString(),
        out.resolve("exp_ts.json").toString()));

    StringBuilder manifest = new StringBuilder("image_id,uri\n");
    for (int i = 0; i < PHOTOS.size(); i++) {
      manifest.append(PHOTOS.get(i)).append(',').append(Path.of(images.get(i)).toUri()).append('\n');
    }
    Path m = Files.writeString(tmp.resolve("m.csv"), manifest.toString());
    Path run = tmp.resolve("run");
    assertEquals(0, SparkIqa.execute("score", "--master", "local[2]", "--manifest", m.toString(), "--models",
        out.resolve("exp_onnx.json") + "," + out.resolve("exp_ts.json"), "--out", run.toString()));
    SparkSession spark = TestSupport.localSpark();
    try {
      for (String id : List.of("exp_onnx", "exp_ts")) {
        Map<String, Double> expected = new java.util.HashMap<>();
        for (String line : Files.readAllLines(out.resolve(id + "_expected.csv")).subList(1, PHOTOS.size() + 1)) {
          expected.put(line.split(",")[0], Double.parseDouble(line.split(",")[1]));
        }
        List<Row> rows = spark.read().parquet(run.resolve("scores").toString()).filter("model = '" + id + "'").collectAsList();
        assertEquals(PHOTOS.size(), rows.size());
        for (Row r : rows) {
          assertEquals("ok", r.getAs("status"));
          assertEquals(expected.get(r.<String>getAs("image_id")), r.<Double>getAs("score"), 1e-4, id);
        }
      }
    } finally {
      spark.stop();
    }
    assertEquals(2, export(log, "clip-iqa", "--id", "clip", "--out", out.toString()));
    assertTrue(Files.readString(log).contains("the Python package 'open_clip' is needed"), Files.readString(log));
  }
}
