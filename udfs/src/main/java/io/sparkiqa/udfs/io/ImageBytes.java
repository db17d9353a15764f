package io.sparkiqa.udfs.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads whole objects through the Hadoop FileSystem API, so any Hadoop URI works ({@code file://},
 * {@code s3a://}, {@code hdfs://}, plain local paths). The size is checked against a byte cap and against
 * {@link #MAX_ARRAY_BYTES} before reading, so a huge object is a failure, not an out-of-memory error.
 *
 * <pre>{@code
 * ImageBytes io = new ImageBytes(hadoopConf, 512L << 20);
 * byte[] b = io.read("s3a://bucket/koniq/1024x768/826373.jpg");
 * }</pre>
 */
public final class ImageBytes {
  /** The largest byte array the JVM allocates (a few header words below 2^31-1); larger objects fail. */
  public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private final Configuration conf;
  private final long maxBytes;

  public ImageBytes(Configuration conf, long maxBytes) {
    this.conf = conf;
    this.maxBytes = maxBytes;
  }

  /** Thrown for objects that are missing, too big or unreadable; carries a reason class for the error column. */
  public static final class ReadException extends Exception {
    private final String reasonClass;

    public ReadException(String reasonClass, String message, Throwable cause) {
      super(message, cause);
      this.reasonClass = reasonClass;
    }

    public String reasonClass() {
      return reasonClass;
    }
  }

  public byte[] read(String uri) throws ReadException {
    Path path;
    try {
      path = new Path(URI.create(uri));
    } catch (IllegalArgumentException e) {
      throw new ReadException("bad_uri", "not a valid URI: " + uri, e);
    }
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus st = fs.getFileStatus(path);
      if (st.isDirectory()) {
        throw new ReadException("not_a_file", uri + " is a directory", null);
      }
      long len = st.getLen();
      if (len > maxBytes) {
        throw new ReadException("over_byte_cap", uri + " is " + len + " bytes, over the cap of " + maxBytes, null);
      }
      if (len > MAX_ARRAY_BYTES) {
        throw new ReadException("over_byte_cap", uri + " is " + len + " bytes, over " + MAX_ARRAY_BYTES
            + ", the largest Java array (whatever --max-bytes says)", null);
      }
      byte[] out = new byte[(int) len];
      try (InputStream in = fs.open(path)) {
        int off = 0;
        while (off < out.length) {
          int n = in.read(out, off, out.length - off);
          if (n < 0) {
            throw new ReadException("read_error", uri + " ended after " + off + " of " + len + " bytes", null);
          }
          off += n;
        }
      }
      return out;
    } catch (FileNotFoundException e) {
      throw new ReadException("missing", "no such object: " + uri, e);
    } catch (IOException e) {
      String why = e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + StorageText.firstLine(e.getMessage()));
      if (unreachable(e)) {
        throw new ReadException("server_unavailable", "could not reach the storage of " + uri
            + StorageText.endpoint(conf, path) + ": " + why, e);
      }
      throw new ReadException("read_error", "could not read " + uri + ": " + why, e);
    }
  }

  /** Whether the failure is the storage server not answering (refused, unreachable, timed out), anywhere in the chain. */
  static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException
          || t instanceof java.net.UnknownHostException || t instanceof java.net.SocketTimeoutException
          || t.getClass().getSimpleName().contains("ConnectTimeout")) {
        return true;
      }
    }
    return false;
  }

}
