package io.sparkiqa.jobs.contracts;

import io.sparkiqa.udfs.io.StorageText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small text files (report.html, summary.md, run.json) written and read by URI through Hadoop. */
public final class OutputFiles {
  private OutputFiles() {
  }

  public static void writeText(Configuration conf, String uri, String text) {
    Path p = new Path(uri);
    try (OutputStream out = p.getFileSystem(conf).create(p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
    }
  }

  public static String readText(Configuration conf, String uri) {
    Path p = new Path(uri);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  public static boolean exists(Configuration conf, String uri) {
    Path p = new Path(uri);
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach " + uri + StorageText.endpoint(conf, p) + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  public static void deleteRecursively(Configuration conf, String uri) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + uri + ": " + e.getMessage(), e);
    }
  }
}
