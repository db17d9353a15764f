package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.models.ShippedSpec;
import java.io.File;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkFiles;

/**
 * Gets the model specs of a command's catalog to the executors of a score job on any cluster. The specs travel as text
 * inside the job ({@link ShippedSpec}). A model file on the driver's local disk is distributed by Spark: its
 * URI joins {@code spark.files} before the Spark context starts ({@link #distribute}), so every executor
 * fetches it when it starts (files added later, with {@code SparkContext.addFile}, do not reach the tasks of
 * Spark SQL jobs that run in a session's artifact scope), and each executor reads its own copy
 * ({@link #onExecutor}). Files on shared storage ({@code s3a://}, {@code hdfs://}) are read there. In local mode
 * the executors share the driver's disk and nothing is distributed.
 */
public final class SpecShipping {
  private SpecShipping() {
  }

  /** True when executors run in other JVMs (possibly other machines) than the driver. */
  public static boolean distributed(String master) {
    return !(master.startsWith("local") && !master.startsWith("local-cluster"));
  }

  /**
   * Adds the local model files of {@code specs} (those of the command's {@link MetricCatalog}) to
   * {@code spark.files}, before the context starts.
   * Two local model files with one name are refused: Spark distributes files by name.
   */
  public static void distribute(SparkConf conf, java.util.Collection<ShippedSpec> specs) {
    Set<String> files = sparkFiles(conf);
    Map<String, String> names = new HashMap<>();
    for (ShippedSpec s : specs) {
      if (local(s)) {
        String name = name(s);
        String other = names.putIfAbsent(name, s.modelUri());
        if (other != null && !other.equals(s.modelUri())) {
          throw new IllegalArgumentException("two local model files are both named " + name + " (" + other + ", "
              + s.modelUri() + "); Spark distributes files by name: rename one, or put them on storage every executor "
              + "reads (s3a://, hdfs://) and give that URI in the spec");
        }
        files.add(s.modelUri());
      }
    }
    if (!files.isEmpty()) {
      conf.set("spark.files", String.join(",", files));
    }
  }

  /**
   * The catalog as the job ships it (driver side): a local model file that went out with {@code spark.files} is named
   * by its file name; one that did not (a spec read after Spark started) is refused.
   */
  public static MetricCatalog forJob(SparkConf conf, MetricCatalog catalog) {
    Set<String> files = sparkFiles(conf);
    boolean distributed = distributed(conf.get("spark.master", "local"));
    return catalog.mapSpecs(s -> {
      if (!local(s) || !distributed) {
        return s;
      }
      if (files.contains(s.modelUri())) {
        return s.distributedAs(name(s));
      }
      throw new IllegalArgumentException(s.source() + ": field 'uri': the model file " + s.modelUri() + " is on the "
          + "driver's disk and was not distributed when Spark started; put it on storage every executor reads "
          + "(s3a://, hdfs://) and give that URI in the spec");
    });
  }

  /**
   * The catalog with distributed model files pointing at this executor's copies (executor side). Each copy is
   * linked into a folder of its own first: Spark fetches files into the executor's working folder, next to the
   * application's jars, and DJL scans a model's folder for jars that provide blocks (it then refused the ONNX
   * model: "ONNX Runtime does not support dynamic blocks").
   */
  public static MetricCatalog onExecutor(MetricCatalog catalog) {
    return catalog.mapSpecs(s -> s.sparkFile() == null ? s : s.at(alone(s.sparkFile()).toUri().toString()));
  }

  private static synchronized java.nio.file.Path alone(String name) {
    java.nio.file.Path fetched = java.nio.file.Path.of(SparkFiles.get(name)).toAbsolutePath().normalize();
    java.nio.file.Path target = fetched.resolveSibling("sparkiqa-models").resolve(name).resolve(name);
    try {
      if (!java.nio.file.Files.exists(target)) {
        java.nio.file.Files.createDirectories(target.getParent());
        java.nio.file.Path part = target.resolveSibling(name + ".part");
        java.nio.file.Files.deleteIfExists(part);
        try {
          java.nio.file.Files.createLink(part, fetched);
        } catch (java.io.IOException | UnsupportedOperationException noLink) {
          java.nio.file.Files.copy(fetched, part);
        }
        java.nio.file.Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot place the model file " + fetched + " in " + target.getParent(), e);
    }
  }

  private static Set<String> sparkFiles(SparkConf conf) {
    Set<String> files = new LinkedHashSet<>(Arrays.asList(conf.get("spark.files", "").split(",")));
    files.remove("");
    return files;
  }

  private static boolean local(ShippedSpec s) {
    return s.modelUri() != null && "file".equals(URI.create(s.modelUri()).getScheme());
  }

  private static String name(ShippedSpec s) {
    return new File(URI.create(s.modelUri()).getPath()).getName();
  }
}
