package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model specs fail before Spark starts, naming the field: unknown fields, bad values, missing file, wrong sha256,
 * and in the dry run (a real ONNX model, the tiny CNN fixture) a file that is no model, a tensor layout the
 * model refuses, and outputs that do not fit the head.
 */
class ModelSpecsTest {
  @TempDir
  Path tmp;
  private String sha;

  @BeforeEach
  void modelFile() throws Exception {
    byte[] bytes = Files.readAllBytes(ModelParityTest.fixtures().resolve("tiny_cnn.onnx"));
    Files.write(tmp.resolve("m.onnx"), bytes);
    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private String spec(String head, String extra) {
    return "{\"id\":\"tiny-cnn\",\"engine\":\"OnnxRuntime\",\"uri\":\"m.onnx\",\"sha256\":\"" + sha + "\",\"mode\":\"NR\","
        + "\"lower_better\":false,\"range\":[0,1],\"input\":{\"color\":\"RGB\",\"value_range\":[0,1],"
        + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225],\"layout\":\"NCHW\"},"
        + "\"resize\":{\"policy\":\"fixed\",\"width\":64,\"height\":64,\"interpolation\":\"bicubic\",\"library\":\"pil\"},"
        + "\"crops\":{\"policy\":\"none\"},\"head\":" + head + ",\"batch\":{\"max\":16,\"bucket_by_shape\":true},"
        + "\"licence\":\"MIT\",\"source\":\"test\",\"trained_on\":[]" + extra + "}";
  }

  private String error(String json) throws Exception {
    Path p = Files.writeString(tmp.resolve("spec.json"), json);
    return assertThrows(IllegalArgumentException.class,
        () -> ModelSpecs.load(p.toString(), new Configuration())).getMessage();
  }

  @Test
  void aValidSpecLoadsWithItsFileChecked() throws Exception {
    Path p = Files.writeString(tmp.resolve("ok.json"), spec("{\"type\":\"scalar\"}", ""));
    ModelSpec s = ModelSpecs.load(p.toString(), new Configuration());
    assertEquals("tiny-cnn", s.id());
    assertEquals(64, s.resize().width());
    assertEquals(0, SparkIqa.execute("models", "validate", p.toString()));
  }

  @Test
  void badSpecsNameTheField() throws Exception {
    assertTrue(error(spec("{\"type\":\"scalar\"}", ",\"colour\":\"RGB\"")).contains("unknown field 'colour'"));
    assertTrue(error(spec("{\"type\":\"scalar\",\"temperature\":2}", "")).contains("unknown field 'head.temperature'"));
    assertTrue(error(spec("{\"type\":\"softmax\"}", "")).contains("field 'head.type'"));
    assertTrue(error(spec("{\"type\":\"levels\"}", "")).contains("field 'head.weights'"));
    assertTrue(error(spec("{\"type\":\"prompt_pair\",\"anchors\":[[1,0],[0,1,0]],\"logit_scale\":100}", ""))
        .contains("field 'head.anchors'"));
    assertTrue(error(spec("{\"type\":\"scalar\"}", "").replace("\"NCHW\"", "\"CHW\"")).contains("field 'input.layout'"));
    assertTrue(error(spec("{\"type\":\"scalar\"}", "").replace("\"width\":64,", "")).contains("field 'resize.width/height'"));
    assertTrue(error(spec("{\"type\":\"scalar\"}", "").replace("m.onnx", "missing.onnx")).contains("not found"));
    String wrong = error(spec("{\"type\":\"scalar\"}", "").replace(sha, sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a')));
    assertTrue(wrong.contains("field 'sha256'") && wrong.contains(sha), wrong);
    Path bad = Files.writeString(tmp.resolve("bad.json"), spec("{\"type\":\"softmax\"}", ""));
    assertEquals(2, SparkIqa.execute("models", "validate", bad.toString()));
  }

  private String dryRunError(String json) throws Exception {
    Path p = Files.writeString(tmp.resolve("dry.json"), json);
    ModelSpec s = ModelSpecs.load(p.toString(), new Configuration());
    return assertThrows(IllegalArgumentException.class,
        () -> ModelCheck.dryRun(new ModelMetric(s, p.toString(), new Configuration()), p.toString())).getMessage();
  }

  @Test
  void theDryRunNamesTheField() throws Exception {
    Path p = Files.writeString(tmp.resolve("ok.json"), spec("{\"type\":\"scalar\"}", ""));
    ModelSpec ok = ModelSpecs.load(p.toString(), new Configuration());
    assertEquals(1, ModelCheck.dryRun(new ModelMetric(ok, p.toString(), new Configuration()), p.toString()));
    String layout = dryRunError(spec("{\"type\":\"scalar\"}", "").replace("\"NCHW\"", "\"NHWC\""));
    assertTrue(layout.contains("field 'input.layout'") && layout.contains("[2, 64, 64, 3]"), layout);
    assertTrue(dryRunError(spec("{\"type\":\"levels\",\"weights\":[1,2,3,4,5]}", "")).contains("field 'head.weights'"));
    assertTrue(dryRunError(spec("{\"type\":\"distribution\"}", "")).contains("field 'head.weights'"));
    assertTrue(dryRunError(spec("{\"type\":\"prompt_pair\",\"anchors\":[[1,0],[0,1]],\"logit_scale\":100}", ""))
        .contains("field 'head.anchors'"));
    byte[] junk = "not really onnx, but bytes with a hash".getBytes();
    Files.write(tmp.resolve("junk.onnx"), junk);
    String junkSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(junk));
    String noModel = dryRunError(spec("{\"type\":\"scalar\"}", "").replace("m.onnx", "junk.onnx").replace(sha, junkSha));
    assertTrue(noModel.contains("field 'uri'") && noModel.contains("OnnxRuntime"), noModel);
  }
}
