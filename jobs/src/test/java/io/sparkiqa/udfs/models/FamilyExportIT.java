package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The family export recipes (`scripts/export_model.py musiq | liqe | clipiqa-attributes | arniqa`) on the loading path
 * CI can run: state_dicts of each family's plain-torch module (saved by torch, loaded with weights_only) exported with
 * {@code --config} and {@code --check-images}; `sparkiqa models validate` accepts the four specs and the Java model
 * lane equals the recipes' Python reference scores within 1e-4 for every output (the score job on such specs is
 * FamilyRunTest's). Without pyiqa / open_clip, the real recipes exit 2 naming the package. Needs torch, onnx and onnxruntime in the Python .ci/run installs.
 */
class FamilyExportIT {
  @TempDir
  Path tmp;

  private static final List<String> PHOTOS = List.of("kodim02", "kodim04");

  private int python(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(TestSupport.python()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(TestSupport.repoRoot().toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python finished");
    return p.exitValue();
  }

  @Test
  void stateDictsExportValidateAndScoreAsInPython() throws Exception {
    Path out = tmp.resolve("models");
    Path log = tmp.resolve("py.log");
    String save = "import json, sys, torch; sys.path.insert(0, 'scripts'); from families import musiq, liqe, clipiqa, arniqa\n"
        + "d = sys.argv[1]; torch.manual_seed(3)\n"
        + "for name, m in [('musiq', musiq), ('liqe', liqe), ('clipiqa', clipiqa), ('arniqa', arniqa)]:\n"
        + "    torch.save(m.tiny_class(torch)().state_dict(), d + '/' + name + '.pt')\n"
        + "json.dump([torch.randn(2 * len(p), 16).tolist() for _, p, _ in clipiqa.ATTRIBUTES], open(d + '/anchors.json', 'w'))\n";
    Files.createDirectories(out);
    assertEquals(0, python(log, "-c", save, tmp.toString()), Files.readString(log));
    List<String> images = PHOTOS.stream().map(p -> TestSupport.repoRoot().resolve("data/kodak/" + p + ".png").toString())
        .toList();
    Map<String, List<String>> families = Map.of("musiq", List.of(), "liqe", List.of("--windows", "5"),
        "clipiqa-attributes", List.of("--anchors", tmp.resolve("anchors.json").toString(), "--prefix", "attr"),
        "arniqa", List.of("--width", "96", "--height", "64"));
    List<String> specs = new ArrayList<>();
    for (Map.Entry<String, List<String>> f : families.entrySet()) {
      String id = f.getKey().replace("-attributes", "") + "_exp";
      String weights = tmp.resolve(f.getKey().replace("-attributes", "") + ".pt").toString();
      List<String> args = new ArrayList<>(List.of("scripts/export_model.py", f.getKey(), "--id", id, "--out",
          out.toString(), "--config", "{}", "--weights", weights));
      args.addAll(f.getValue());
      args.add("--check-images");
      args.addAll(images);
      assertEquals(0, python(log, args.toArray(String[]::new)), Files.readString(log));
      specs.add(out.resolve(id + ".json").toString());
    }
    List<String> validate = new ArrayList<>(List.of("models", "validate"));
    validate.addAll(specs);
    assertEquals(0, SparkIqa.execute(validate.toArray(String[]::new)));

    Map<String, Double> expected = new HashMap<>();
    for (String id : List.of("musiq_exp", "liqe_exp", "clipiqa_exp", "arniqa_exp")) {
      List<String> lines = Files.readAllLines(out.resolve(id + "_expected.csv"));
      String[] header = lines.get(0).split(",");
      for (String line : lines.subList(1, lines.size())) {
        for (int c = 1; c < header.length; c++) {
          expected.put(line.split(",")[0] + "|" + ("score".equals(header[c]) ? id : header[c]),
              Double.parseDouble(line.split(",")[c]));
        }
      }
    }
    assertEquals(PHOTOS.size() * 8, expected.size(), "musiq, liqe, arniqa and five attribute outputs per photo");
    int scored = 0;
    for (String uri : specs) {
      ModelSpec spec = ModelSpecs.load(uri, new Configuration());
      for (ModelOutput o : ModelSpecs.outputs(uri, spec)) {
        ModelMetric m = new ModelMetric(spec, o, uri, new Configuration(), TaskResources.CPU, null);
        for (String photo : PHOTOS) {
          assertEquals(expected.get(photo + "|" + o.id()), m.score(ModelParityTest.photo(photo), null).score(), 1e-4,
              photo + " " + o.id());
          scored++;
        }
      }
    }
    assertEquals(expected.size(), scored, "one score per (image, output)");
    assertEquals(2, python(log, "scripts/export_model.py", "musiq", "--id", "x", "--out", out.toString()));
    assertTrue(Files.readString(log).contains("the Python package 'pyiqa' is needed"), Files.readString(log));
    assertEquals(2, python(log, "scripts/export_model.py", "liqe", "--id", "x", "--out", out.toString(), "--weights",
        "LIQE.pt"));
    assertTrue(Files.readString(log).contains("the Python package 'open_clip' is needed"), Files.readString(log));
  }
}
