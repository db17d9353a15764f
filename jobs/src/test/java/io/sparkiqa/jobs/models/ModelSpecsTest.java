package io.sparkiqa.jobs.models;

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

/** Model specs fail before Spark starts, naming the field: unknown fields, bad values, missing file, wrong sha256. */
class ModelSpecsTest {
  @TempDir
  Path tmp;
  private String sha;

  @BeforeEach
  void modelFile() throws Exception {
    byte[] bytes = "not really onnx, but bytes with a hash".getBytes();
    Files.write(tmp.resolve("m.onnx"), bytes);
    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private String spec(String head, String extra) {
    return "{\"id\":\"tiny-cnn\",\"engine\":\"OnnxRuntime\",\"uri\":\"m.onnx\",\"sha256\":\"" + sha + "\",\"mode\":\"NR\","
        + "\"lower_better\":false,\"range\":[0,1],\"input\":{\"color\":\"RGB\",\"value_range\":[0,1],"
        + "\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225],\"layout\":\"NCHW\"},"
        + "\"resize\":{\"policy\":\"fixed\",\"width\":224,\"height\":224,\"interpolation\":\"bicubic\",\"library\":\"pil\"},"
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
    assertEquals(224, s.resize().width());
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
    assertTrue(error(spec("{\"type\":\"scalar\"}", "").replace("\"width\":224,", "")).contains("field 'resize.width/height'"));
    assertTrue(error(spec("{\"type\":\"scalar\"}", "").replace("m.onnx", "missing.onnx")).contains("not found"));
    String wrong = error(spec("{\"type\":\"scalar\"}", "").replace(sha, sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a')));
    assertTrue(wrong.contains("field 'sha256'") && wrong.contains(sha), wrong);
    Path bad = Files.writeString(tmp.resolve("bad.json"), spec("{\"type\":\"softmax\"}", ""));
    assertEquals(2, SparkIqa.execute("models", "validate", bad.toString()));
  }
}
