package io.sparkiqa.udfs.models;

import io.sparkiqa.udfs.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The model file on local disk, read and verified once per JVM: a local file is hashed and used where it
 * is; one on object storage (or HDFS) is copied into {@code sparkiqa.model.cache} (default {@code java.io.tmpdir/sparkiqa-models}) as
 * {@code <sha256>.<ext>}, checked against the spec's sha256 while copying, and moved into place atomically.
 */
public final class ModelCache {
  private static final Map<String, java.nio.file.Path> LOCAL = new ConcurrentHashMap<>();

  private ModelCache() {
  }

  /**
   * The model file of {@code spec} (relative URIs against the spec's folder) as a verified local path, once
   * per (sha256, file) per JVM; {@code null} for a served spec (the server holds its model). Errors name the spec
   * field to fix.
   */
  public static java.nio.file.Path localCopy(ModelSpec spec, String specUri, Configuration conf) {
    if (ServerFields.served(spec)) {
      return null;
    }
    Path model = modelPath(spec, specUri);
    return LOCAL.computeIfAbsent(spec.sha256() + " " + model, k -> fetch(spec, specUri, model, conf));
  }

  /**
   * The model file's absolute, qualified URI (a relative {@code uri} against the spec's folder); {@code null} for a
   * served spec.
   */
  public static String modelUri(ModelSpec spec, String specUri, Configuration conf) {
    if (ServerFields.served(spec)) {
      return null;
    }
    Path model = modelPath(spec, specUri);
    try {
      return model.getFileSystem(conf).makeQualified(model).toString();
    } catch (IOException e) {
      throw new IllegalArgumentException(specUri + ": field 'uri': cannot reach " + model + ": " + e.getMessage(), e);
    }
  }

  static Path modelPath(ModelSpec spec, String specUri) {
    Path model = new Path(spec.uri());
    return !model.isAbsolute() && model.toUri().getScheme() == null ? new Path(new Path(specUri).getParent(), spec.uri()) : model;
  }

  private static java.nio.file.Path fetch(ModelSpec spec, String specUri, Path model, Configuration conf) {
    try {
      FileSystem fs = model.getFileSystem(conf);
      if (!fs.exists(model)) {
        throw new IllegalArgumentException(specUri + ": field 'uri': model file " + model + " not found");
      }
      if ("file".equals(fs.getScheme())) {
        java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(model).toUri());
        try (InputStream in = Files.newInputStream(local)) {
          requireSha(spec, specUri, model, Sha256.hex(in));
        }
        return local;
      }
      java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("sparkiqa.model.cache",
          System.getProperty("java.io.tmpdir") + "/sparkiqa-models"));
      Files.createDirectories(dir);
      String name = model.getName();
      java.nio.file.Path target = dir.resolve(spec.sha256() + name.substring(Math.max(0, name.lastIndexOf('.'))));
      if (Files.isRegularFile(target)) {
        try (InputStream in = Files.newInputStream(target)) {
          if (Sha256.hex(in).equals(spec.sha256())) {
            return target;
          }
        }
      }
      java.nio.file.Path part = Files.createTempFile(dir, spec.sha256(), ".part");
      MessageDigest md = Sha256.digest();
      try (InputStream in = new DigestInputStream(fs.open(model), md)) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (!actual.equals(spec.sha256())) {
        Files.deleteIfExists(part);
        requireSha(spec, specUri, model, actual);
      }
      return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalArgumentException(specUri + ": field 'uri': cannot read " + model + ": " + e.getMessage(), e);
    }
  }

  private static void requireSha(ModelSpec spec, String specUri, Path model, String actual) {
    if (!actual.equals(spec.sha256())) {
      throw new IllegalArgumentException(specUri + ": field 'sha256': the spec says " + spec.sha256() + " but " + model
          + " has " + actual);
    }
  }
}
