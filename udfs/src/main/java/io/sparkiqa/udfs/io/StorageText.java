package io.sparkiqa.udfs.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** What a storage failure's message may say: where the client went (never credentials), and a cause's first line. */
public final class StorageText {
  private StorageText() {
  }

  /** For object storage, {@code " (S3 endpoint URL)"}, the endpoint the client tried; empty for other file systems. */
  public static String endpoint(Configuration conf, Path p) {
    if (!"s3a".equals(p.toUri().getScheme())) {
      return "";
    }
    String e = conf.get("fs.s3a.endpoint");
    return " (S3 endpoint " + (e == null || e.isBlank() ? "AWS default" : e) + ")";
  }

  /** The first line of a (possibly multi-line) exception message. */
  public static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
