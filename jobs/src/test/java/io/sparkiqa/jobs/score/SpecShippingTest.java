package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.models.ShippedSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How specs and model files reach executors: a local model file joins {@code spark.files} for a cluster master
 * and is named by file name in the job; nothing is distributed in local mode; a local file that did not go out
 * when Spark started, and two local model files with one name, are refused with a message that says what to do.
 */
class SpecShippingTest {
  @TempDir
  Path tmp;

  /** A copy of the tiny CNN fixture with its own id, its model file {@code dir/model}; read as a command reads it. */
  private ShippedSpec spec(String id, Path dir, String model) throws Exception {
    Path fixtures = Path.of(SpecShippingTest.class.getResource("/models/tiny_cnn.json").toURI()).getParent();
    Files.createDirectories(dir);
    Files.copy(fixtures.resolve("tiny_cnn.onnx"), dir.resolve(model));
    ObjectNode s = (ObjectNode) new ObjectMapper().readTree(fixtures.resolve("tiny_cnn.json").toFile());
    s.put("id", id).put("uri", model);
    Path file = Files.writeString(dir.resolve(id + ".json"), s.toString());
    return ModelSelection.read(file.toString(), new Configuration());
  }

  @Test
  void localModelFilesGoOutWithSparkFilesAndAreNamedInTheJob() throws Exception {
    ShippedSpec shipped = spec("ship_a", tmp.resolve("a"), "ship_a.onnx");
    String id = shipped.id();
    assertTrue(shipped.modelUri().startsWith("file:/") && shipped.modelUri().endsWith("/a/ship_a.onnx"),
        "resolved on the driver against the spec's folder: " + shipped.modelUri());

    SparkConf local = new SparkConf(false).setMaster("local[2]");
    assertNull(SpecShipping.forJob(local, MetricCatalog.of(List.of(shipped))).specs().get(0).sparkFile(),
        "local mode reads the file in place");

    SparkConf cluster = new SparkConf(false).setMaster("spark://127.0.0.1:7077");
    IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
        () -> SpecShipping.forJob(cluster, MetricCatalog.of(List.of(shipped))));
    assertTrue(late.getMessage().contains("was not distributed when Spark started")
        && late.getMessage().contains("s3a://"), late.getMessage());

    SpecShipping.distribute(cluster.set("spark.files", "file:/opt/user/extra.txt"), java.util.List.of(shipped));
    assertEquals("file:/opt/user/extra.txt," + shipped.modelUri(), cluster.get("spark.files"), "the user's files are kept");
    assertEquals("ship_a.onnx", SpecShipping.forJob(cluster, MetricCatalog.of(List.of(shipped))).specs().get(0).sparkFile());
  }

  @Test
  void twoLocalModelFilesWithOneNameAreRefused() throws Exception {
    java.util.List<ShippedSpec> two = java.util.List.of(spec("ship_b", tmp.resolve("b"), "same.onnx"),
        spec("ship_c", tmp.resolve("c"), "same.onnx"));
    SparkConf cluster = new SparkConf(false).setMaster("spark://127.0.0.1:7077");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecShipping.distribute(cluster, two));
    assertTrue(e.getMessage().contains("both named same.onnx"), e.getMessage());
    assertFalse(SpecShipping.distributed("local[4]"));
    assertTrue(SpecShipping.distributed("local-cluster[2,1,1024]"));
  }
}
