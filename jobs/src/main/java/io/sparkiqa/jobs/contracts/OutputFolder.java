package io.sparkiqa.jobs.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A generator's {@code --out} given as any Hadoop URI. A local folder ({@code file:} or a plain path) is
 * written in place; on any other file system ({@code s3a://}, {@code hdfs://}) the files are written to a
 * local staging folder and copied up by {@link #publish()}. Manifest rows name files by {@link #uri(String)},
 * so they point where the files end up.
 *
 * <pre>{@code
 * try (OutputFolder out = OutputFolder.of("s3a://bucket/ladder", conf)) {
 *   SyntheticLadder.write(photos, out, seed);   // writes into out.local(), rows name out.uri(file)
 *   out.publish();
 * }
 * }</pre>
 */
public final class OutputFolder implements AutoCloseable {
  private final String base;
  private final Path local;
  private final boolean staged;
  private final Configuration conf;

  private OutputFolder(String base, Path local, boolean staged, Configuration conf) {
    this.base = base;
    this.local = local;
    this.staged = staged;
    this.conf = conf;
  }

  /** The output folder at {@code uri}; a remote one is staged in a temporary local folder. */
  public static OutputFolder of(String uri, Configuration conf) {
    String scheme = new org.apache.hadoop.fs.Path(uri).toUri().getScheme();
    try {
      if (scheme == null || "file".equals(scheme)) {
        Path dir = (scheme == null ? Path.of(uri) : Path.of(URI.create(uri))).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        return new OutputFolder(dir.toUri().toString().replaceAll("/+$", ""), dir, false, conf);
      }
      return new OutputFolder(uri.replaceAll("/+$", ""), Files.createTempDirectory("sparkiqa-out"), true, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + uri + ": " + e.getMessage(), e);
    }
  }

  /** Where to write files now (the folder itself, or the staging folder). */
  public Path local() {
    return local;
  }

  /** The URI the file {@code name} has once published. */
  public String uri(String name) {
    return base + "/" + name;
  }

  /** The URI the local file {@code file} (in {@link #local()}) has once published. */
  public String uri(Path file) {
    return uri(file.getFileName().toString());
  }

  /**
   * Copies the staged files to the output folder (nothing to do for a local one); manifests last, so a manifest
   * never names files that are not there yet.
   */
  public void publish() {
    if (!staged) {
      return;
    }
    try (Stream<Path> files = Files.list(local)) {
      org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(base);
      FileSystem fs = target.getFileSystem(conf);
      fs.mkdirs(target);
      for (Path f : files.sorted(java.util.Comparator.comparing((Path x) -> x.getFileName().toString().startsWith("manifest"))
          .thenComparing(Path::toString)).toList()) {
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.fs.Path(uri(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the files to " + base + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (!staged) {
      return;
    }
    try (Stream<Path> files = Files.list(local)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(local);
    } catch (IOException e) {
      // the staging folder is temporary; leaving it behind loses nothing
    }
  }
}
