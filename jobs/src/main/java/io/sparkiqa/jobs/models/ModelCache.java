package io.sparkiqa.jobs.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * The model file on local disk, once per JVM: a local file is used where it is; one on object storage
 * (or HDFS) is copied into {@code sparkiqa.model.cache} (default {@code java.io.tmpdir/sparkiqa-models}) as
 * {@code <sha256>.<ext>}, checked against the spec's sha256 while copying, and moved into place atomically.
 */
public final class ModelCache {
  private static final Map<String, java.nio.file.Path> LOCAL = new ConcurrentHashMap<>();

  private ModelCache() {
  }

  /** The model file of {@code spec} (relative URIs against the spec's folder) as a local path. */
  public static java.nio.file.Path localCopy(ModelSpec spec, String specUri, Configuration conf) {
    return LOCAL.computeIfAbsent(spec.sha256(), k -> fetch(spec, specUri, conf));
  }

  static Path modelPath(ModelSpec spec, String specUri) {
    Path model = new Path(spec.uri());
    return !model.isAbsolute() && model.toUri().getScheme() == null ? new Path(new Path(specUri).getParent(), spec.uri()) : model;
  }

  private static java.nio.file.Path fetch(ModelSpec spec, String specUri, Configuration conf) {
    Path model = modelPath(spec, specUri);
    try {
      FileSystem fs = model.getFileSystem(conf);
      if ("file".equals(fs.getScheme())) {
        return java.nio.file.Path.of(fs.makeQualified(model).toUri());
      }
      java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("sparkiqa.model.cache",
          System.getProperty("java.io.tmpdir") + "/sparkiqa-models"));
      Files.createDirectories(dir);
      String name = model.getName();
      java.nio.file.Path target = dir.resolve(spec.sha256() + name.substring(Math.max(0, name.lastIndexOf('.'))));
      if (Files.isRegularFile(target) && sha256(target).equals(spec.sha256())) {
        return target;
      }
      java.nio.file.Path part = Files.createTempFile(dir, spec.sha256(), ".part");
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(fs.open(model), md)) {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = HexFormat.of().formatHex(md.digest());
      if (!actual.equals(spec.sha256())) {
        Files.deleteIfExists(part);
        throw new IllegalStateException(spec.id() + ": " + model + " has sha256 " + actual + ", the spec says " + spec.sha256());
      }
      return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(spec.id() + ": cannot fetch " + model, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(java.nio.file.Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
