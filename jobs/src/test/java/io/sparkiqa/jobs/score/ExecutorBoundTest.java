package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.io.SerializableConf;
import io.sparkiqa.udfs.models.ShippedSpec;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.reflect.ClassTag$;

/**
 * What travels to executors survives every serializer Spark may be configured with: broadcasts and shuffled
 * records go through {@code spark.serializer} (Kryo in every shipped profile), closures through Java
 * serialization. Kryo copies fields and never calls {@code readObject}, which is how a Hadoop configuration
 * restored there arrived as null on every executor of a real cluster.
 */
class ExecutorBoundTest {
  private static Serializer serializer(String name) {
    SparkConf conf = new SparkConf(false);
    return "kryo".equals(name) ? new KryoSerializer(conf) : new JavaSerializer(conf);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(String serializer, T value) {
    SerializerInstance s = serializer(serializer).newInstance();
    ByteBuffer bytes = s.serialize(value, ClassTag$.MODULE$.AnyRef());
    return (T) s.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
  }

  @ParameterizedTest
  @ValueSource(strings = {"kryo", "java"})
  void hadoopConfigurationArrives(String serializer) {
    Configuration c = new Configuration(false);
    c.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
    c.set("fs.s3a.path.style.access", "true");
    SerializableConf back = roundTrip(serializer, new SerializableConf(c));
    assertNotNull(back.get(), "the configuration arrived");
    assertEquals("http://127.0.0.1:9000", back.get().get("fs.s3a.endpoint"));
    assertEquals("true", back.get().get("fs.s3a.path.style.access"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kryo", "java"})
  void shippedSpecsArriveWithTheirText(String serializer) {
    ShippedSpec s = new ShippedSpec("m", "conf/models/m.json", "{\"id\": \"m\"}", "file:/models/m.onnx", null)
        .distributedAs("m.onnx");
    assertEquals(s, roundTrip(serializer, s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kryo", "java"})
  void theCatalogArrivesWithItsSpecs(String serializer) throws Exception {
    String json = java.nio.file.Files.readString(java.nio.file.Path.of(
        ExecutorBoundTest.class.getResource("/models/tiny_cnn.json").toURI()));
    MetricCatalog c = MetricCatalog.of(java.util.List.of(new ShippedSpec("tiny_cnn", "m.json", json, "file:/m.onnx", null)));
    MetricCatalog back = roundTrip(serializer, c);
    assertEquals(c.specs(), back.specs());
    assertEquals(c.entry("tiny_cnn"), back.entry("tiny_cnn"), "the entries are rebuilt from the specs");
    assertEquals(c.entries().size(), back.entries().size());
  }
}
