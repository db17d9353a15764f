package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full-reference spec's {@code reference} block is checked field by field (mode FR exactly when present, two
 * distinct input names, the size rule and its filter, no served engine), a dry run of the ONNX fixture with input names
 * the file does not have fails on 'reference.inputs', and the shorter_side_cap policy resizes only larger images.
 */
class ReferenceSpecTest {
  @TempDir
  Path tmp;

  private static String lpips() throws Exception {
    return Files.readString(ModelParityTest.fixtures().resolve("lpips_tiny.json"));
  }

  private static String error(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ModelSpecs.parseJson("s.json", json)).getMessage();
  }

  private static final String BLOCK = "\"reference\": {\n    \"inputs\": [\n      \"x\",\n      \"ref\"\n    ],\n"
      + "    \"size\": \"must_match\"\n  }";

  private static String with(String block) throws Exception {
    String text = lpips();
    assertEquals(1, text.split(java.util.regex.Pattern.quote(BLOCK), -1).length - 1, "the fixture spec has the block");
    return text.replace(BLOCK, block);
  }

  @Test
  void theReferenceBlockIsCheckedFieldByField() throws Exception {
    ModelSpec ok = ModelSpecs.parseJson("s.json", lpips());
    assertEquals(List.of("x", "ref"), ok.reference().inputs());
    assertEquals("s.json: field 'reference': expected for mode FR an object {\"inputs\": [image input, reference input], "
        + "\"size\": \"must_match\" or \"resize\"} (the model takes the distorted image and its reference)",
        error(with("\"reference\": null")));
    assertEquals("s.json: field 'reference': expected no 'reference' unless mode is FR (a no-reference model takes one "
        + "image)", error(lpips().replace("\"mode\": \"FR\"", "\"mode\": \"NR\"")));
    String inputs = "s.json: field 'reference.inputs': expected two distinct input names, the distorted image's first, "
        + "e.g. [\"x\", \"ref\"] (ONNX: the model's input names; TorchScript: forward(x, ref))";
    assertEquals(inputs, error(with("\"reference\": {\"inputs\": [\"x\"], \"size\": \"must_match\"}")));
    assertEquals(inputs, error(with("\"reference\": {\"inputs\": [\"x\", \"x\"], \"size\": \"must_match\"}")));
    assertEquals(inputs, error(with("\"reference\": {\"size\": \"must_match\"}")));
    assertEquals("s.json: field 'reference.size': expected one of [must_match, resize]",
        error(with("\"reference\": {\"inputs\": [\"x\", \"ref\"], \"size\": \"crop\"}")));
    assertEquals("s.json: field 'reference.interpolation': expected one of [bicubic, bilinear, lanczos]",
        error(with("\"reference\": {\"inputs\": [\"x\", \"ref\"], \"size\": \"resize\"}")));
    assertEquals("s.json: field 'reference.interpolation': expected no interpolation unless size is resize (must_match "
        + "never resizes the reference)",
        error(with("\"reference\": {\"inputs\": [\"x\", \"ref\"], \"size\": \"must_match\", \"interpolation\": \"bilinear\"}")));
    String unknown = error(with("\"reference\": {\"inputs\": [\"x\", \"ref\"], \"size\": \"resize\", \"filter\": \"x\"}"));
    assertEquals("s.json: unknown field 'reference.filter'", unknown.substring(0, unknown.indexOf(';')));
    ModelSpec resize = ModelSpecs.parseJson("s.json",
        with("\"reference\": {\"inputs\": [\"x\", \"ref\"], \"size\": \"resize\", \"interpolation\": \"lanczos\"}"));
    assertEquals("lanczos", resize.reference().interpolation());
  }

  @Test
  void aDryRunWithInputNamesTheFileLacksFailsOnReferenceInputs() throws Exception {
    ModelSpec s = ModelSpecs.parse(ModelParityTest.fixtures().resolve("lpips_tiny.json").toString(), new Configuration());
    Files.copy(ModelParityTest.fixtures().resolve(s.uri()), tmp.resolve(s.uri()));
    Path spec = Files.writeString(tmp.resolve("renamed.json"), with(BLOCK.replace("\"ref\"", "\"reference\"")));
    ModelMetric m = new ModelMetric(ModelSpecs.load(spec.toString(), new Configuration()), spec.toString(),
        new Configuration());
    String e = assertThrows(IllegalArgumentException.class, () -> ModelCheck.dryRun(m, "renamed.json")).getMessage();
    assertEquals("renamed.json: field 'reference.inputs' (the model's input names, image first)",
        e.substring(0, e.indexOf(" or 'input.layout'")), e);
    Path good = Files.writeString(tmp.resolve("good.json"), lpips());
    assertEquals(1, ModelCheck.dryRun(new ModelMetric(ModelSpecs.load(good.toString(), new Configuration()),
        good.toString(), new Configuration()), "good.json"));
  }

  @Test
  void shorterSideCapResizesOnlyLargerImages() {
    ResizePolicy p = ResizePolicy.of("s", new ModelSpec.Resize("shorter_side_cap", null, null, 256, "bilinear", null, "pil"));
    assertArrayEquals(new int[] {341, 256}, p.targetSize(512, 384));
    assertArrayEquals(new int[] {256, 384}, p.targetSize(384, 576));
    assertArrayEquals(new int[] {300, 256}, p.targetSize(300, 256), "a shorter side of exactly 256 stays");
    assertArrayEquals(new int[] {200, 100}, p.targetSize(200, 100));
    assertEquals("shorter_side_cap256", p.id());
    ResizePolicy always = ResizePolicy.of("s", new ModelSpec.Resize("shorter_side", null, null, 256, "bilinear", null, "pil"));
    assertArrayEquals(new int[] {512, 256}, always.targetSize(200, 100), "shorter_side also enlarges");
  }
}
