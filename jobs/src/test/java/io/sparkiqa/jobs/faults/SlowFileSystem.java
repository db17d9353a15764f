package io.sparkiqa.jobs.faults;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code slowfile://} that sleeps before opening files whose path matches a
 * regex: a deliberately slow storage for the fault tests, reaching executors in a jar passed with {@code --jars} and
 * {@code --conf spark.hadoop.fs.slowfile.impl=io.sparkiqa.jobs.faults.SlowFileSystem}. Settings:
 * <ul>
 * <li>{@code fs.slowfile.delay.ms}: how long an open of a matching path sleeps (0 by default);</li>
 * <li>{@code fs.slowfile.delay.regex}: which paths are slow (all by default);</li>
 * <li>{@code fs.slowfile.markers}: a local folder shared by every JVM of the machine; every open of a matching path
 * leaves a file {@code open-<name>-<pid>-<uuid>} there, and with {@code fs.slowfile.delay.once=true} only the first
 * opener of a file (the one that creates {@code slow-<name>}) sleeps. Images are read on a decode-ahead thread
 * without a task context, so "the first attempt" is told by the file, not by the attempt number.</li>
 * </ul>
 */
public final class SlowFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "slowfile";
  private static final URI NAME = URI.create(SCHEME + ":///");
  private long delayMs;
  private Pattern slow;
  private java.nio.file.Path markers;
  private boolean once;

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    delayMs = conf.getLong("fs.slowfile.delay.ms", 0);
    slow = Pattern.compile(conf.get("fs.slowfile.delay.regex", ".*"));
    String m = conf.get("fs.slowfile.markers");
    markers = m == null ? null : Files.createDirectories(java.nio.file.Path.of(m));
    once = conf.getBoolean("fs.slowfile.delay.once", false);
  }

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    if (slow.matcher(f.toUri().getPath()).matches()) {
      delay(f.getName());
    }
    return super.open(f, bufferSize);
  }

  private void delay(String name) throws IOException {
    boolean first = true;
    if (markers != null) {
      Files.createFile(markers.resolve("open-" + name + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
      try {
        Files.createFile(markers.resolve("slow-" + name));
      } catch (FileAlreadyExistsException e) {
        first = false;
      }
    }
    if (first || !once) {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while slow on " + name);
      }
    }
  }
}
