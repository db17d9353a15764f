package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkiqa.jobs.cli.SparkIqa;
import io.sparkiqa.udfs.image.RgbImage;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The family spec fields: strict parsing that names the field (tokens, windows, aggregate, scales, prompt pairs), the
 * window selection and the shorter-side raise on small cases worked by hand, MUSIQ's token layout (SAME padding,
 * hashed positions, scale index, mask) on a tiny image, the preprocessing ids, and the dry run of every family fixture.
 */
class FamilySpecsTest {
  private static ObjectNode fixture(String id) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(ModelParityTest.fixtures().resolve(id + ".json").toFile());
  }

  private static String error(String id, Consumer<ObjectNode> change) throws Exception {
    ObjectNode s = fixture(id);
    change.accept(s);
    return assertThrows(IllegalArgumentException.class, () -> ModelSpecs.parseJson(id, s.toString())).getMessage();
  }

  @Test
  void badFamilyFieldsNameTheField() throws Exception {
    String unknown = error("musiq_tiny", s -> ((ObjectNode) s.get("tokens")).put("patch_size", 32));
    assertTrue(unknown.startsWith("musiq_tiny: unknown field 'tokens.patch_size'; known fields here: [")
        && unknown.contains("longer_sides") && unknown.contains("native"), unknown);
    assertEquals("musiq_tiny: field 'resize.policy': expected none with tokens (the tokens resize each scale themselves)",
        error("musiq_tiny", s -> ((ObjectNode) s.get("resize")).put("policy", "fixed").put("width", 9).put("height", 9)
            .put("interpolation", "bicubic").put("library", "pil")));
    assertEquals("musiq_tiny: field 'tokens.native': expected true or false (whether the native image is a scale)",
        error("musiq_tiny", s -> ((ObjectNode) s.get("tokens")).remove("native")));
    assertEquals("musiq_tiny: field 'tokens.antialias': expected true or false (torch.nn.functional.interpolate's "
        + "antialias)", error("musiq_tiny", s -> ((ObjectNode) s.get("tokens")).remove("antialias")));
    assertEquals("liqe_tiny: field 'crops.stride': expected a positive stride in pixels (LIQE: 32)",
        error("liqe_tiny", s -> ((ObjectNode) s.get("crops")).remove("stride")));
    assertEquals("liqe_tiny: field 'crops.aggregate': expected one of [mean_logits, mean_scores]",
        error("liqe_tiny", s -> ((ObjectNode) s.get("crops")).put("aggregate", "median")));
    assertEquals("liqe_tiny: field 'crops.stride': expected no stride unless policy is windows",
        error("liqe_tiny", s -> ((ObjectNode) s.get("crops")).put("policy", "grid").put("n", 4)));
    assertEquals("arniqa_tiny: field 'scales.factors': expected two or more factors in (0, 1], e.g. [1, 0.5]",
        error("arniqa_tiny", s -> ((ObjectNode) s.get("scales")).putArray("factors").add(1.0)));
    assertEquals("arniqa_tiny: field 'scales.library': expected one of [pil, torch]",
        error("arniqa_tiny", s -> ((ObjectNode) s.get("scales")).put("library", "cv2")));
    assertEquals("clipiqa_tiny (outputs[1].head): field 'head.anchors': expected text embeddings of equal length in "
        + "pairs ([bad, good] or [bad1, good1, bad2, good2, ...])", error("clipiqa_tiny",
            s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("outputs").get(1).get("head").get("anchors"))
                .remove(1)));
  }

  @Test
  void windowsStepThroughTheRowByRowListAndTheShorterSideIsRaised() {
    // 100 x 80, 32 x 32 windows at stride 16: 4 rows x 5 columns = 20 windows; n 3 -> step 6 -> windows 0, 6, 12
    List<int[]> boxes = new Windows(3, 32, 32, 16).boxes(100, 80);
    assertArrayEquals(new int[] {0, 0, 32, 32}, boxes.get(0));
    assertArrayEquals(new int[] {16, 16, 32, 32}, boxes.get(1));
    assertArrayEquals(new int[] {32, 32, 32, 32}, boxes.get(2));
    // one window for three: step 0, the first window three times (as LIQE's selection does)
    assertEquals(3, new Windows(3, 32, 32, 16).boxes(40, 40).stream().filter(b -> b[0] == 0 && b[1] == 0).count());
    ResizePolicy raise = new ResizePolicy.ShorterSideMin(600);
    assertArrayEquals(new int[] {900, 600}, raise.targetSize(768, 512));
    assertArrayEquals(new int[] {600, 1000}, raise.targetSize(300, 500));
    assertArrayEquals(new int[] {1000, 800}, raise.targetSize(1000, 800), "large enough: untouched");
  }

  @Test
  void tokensPadSameHashPositionsAndCarryScaleAndMask() throws Exception {
    ObjectNode s = fixture("musiq_tiny");
    ((ObjectNode) s.get("tokens")).putArray("longer_sides").add(64);
    ModelSpec spec = ModelSpecs.parseJson("t", s.toString());
    byte[] px = new byte[3 * 40 * 70];
    java.util.Arrays.fill(px, (byte) 255);
    Preprocess.Tensor t = new Preprocess(spec).apply(new RgbImage(40, 70, px)).get(0);
    // 64 scale: 36 x 64 -> 2 x 2 patches; native 40 x 70 -> padded to 64 x 96 -> 3 rows x 2 columns
    assertArrayEquals(new long[] {1, 10, 3075}, t.shape());
    int d = 3072;
    float[] hashes = new float[10];
    for (int i = 0; i < 10; i++) {
      hashes[i] = t.data()[i * 3075 + d];
      assertEquals(i < 4 ? 0f : 1f, t.data()[i * 3075 + d + 1], "scale index of token " + i);
      assertEquals(1f, t.data()[i * 3075 + d + 2], "mask");
    }
    assertArrayEquals(new float[] {0, 5, 50, 55, 0, 5, 30, 35, 60, 65}, hashes, "(r 10 / rows) 10 + c 10 / cols");
    // native token 4 (row 0, column 0): SAME padding puts the image at top 13, left 12; white is 1 in [-1, 1]
    int native0 = 4 * 3075;
    assertEquals(0f, t.data()[native0 + 3 * (12 * 32 + 11)], "padding left of the image");
    assertEquals(0f, t.data()[native0 + 3 * (12 * 32 + 12)], "padding above the image");
    assertEquals(1f, t.data()[native0 + 3 * (13 * 32 + 12)], "the image's first pixel, (row, column, channel)");
    Preprocess.Tensor padded = Tokens.stack(List.of(t, new Preprocess.Tensor(new float[3075 * 12], new long[] {1, 12, 3075})));
    assertArrayEquals(new long[] {2, 12, 3075}, padded.shape());
    assertEquals(0f, padded.data()[11 * 3075 + d + 2], "a padded row has mask 0");
  }

  @Test
  void preprocessingIdsNameTheFamilyStepsAndEveryFixturePassesTheDryRun() throws Exception {
    assertEquals("none/nocrop+tokens32g10[224,384]+native-torch-bilinear-aa/RGB/range[-1.0,1.0]/mean[0.0,0.0,0.0]/"
        + "std[1.0,1.0,1.0]/NHWC", Preprocess.id(ModelSpecs.parseJson("m", fixture("musiq_tiny").toString())));
    String liqe = Preprocess.id(ModelSpecs.parseJson("l", fixture("liqe_tiny").toString()));
    assertTrue(liqe.startsWith("shorter_side_min600-pil-bicubic/windows15x64x64s16-mean_logits/RGB/"), liqe);
    String arniqa = Preprocess.id(ModelSpecs.parseJson("a", fixture("arniqa_tiny").toString()));
    assertTrue(arniqa.startsWith("fixed128x96-pil-bicubic/nocrop+scales[1.0,0.5]-torch-bilinear-aa/RGB/"), arniqa);
    String[] specs = FamilyParityTest.FAMILIES.stream()
        .map(id -> {
          try {
            return ModelParityTest.fixtures().resolve(id + ".json").toString();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).toArray(String[]::new);
    String[] args = new String[specs.length + 2];
    args[0] = "models";
    args[1] = "validate";
    System.arraycopy(specs, 0, args, 2, specs.length);
    assertEquals(0, SparkIqa.execute(args));
    assertEquals(5, ModelSpecs.outputs("c", ModelSpecs.parse(specs[2], new Configuration())).size());
    assertEquals(List.of(true), ModelSpecs.outputs("c", ModelSpecs.parse(specs[2], new Configuration())).stream()
        .filter(o -> o.id().equals("clipiqa.noisiness")).map(ModelOutput::lowerBetter).toList());
  }
}
