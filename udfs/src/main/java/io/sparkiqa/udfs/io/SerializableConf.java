package io.sparkiqa.udfs.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that reaches executor code under any serializer Spark is configured with, so
 * the driver's Hadoop settings (S3A endpoint, credentials provider) arrive there. Use it through a broadcast.
 * <p>
 * The settings travel as a plain {@code byte[]} field (Hadoop's own {@code Configuration.write} form), not
 * through {@code readObject}/{@code writeObject}: Kryo (Spark's {@code KryoSerializer}, set by every shipped
 * profile) copies fields and never calls those hooks, so a transient configuration restored there arrived as
 * {@code null} on every executor. The configuration is rebuilt from the bytes on first use in each JVM.
 * Executors see the settings as they were when this object was made (make it when the job is set up).
 */
public final class SerializableConf implements Serializable {
  private static final long serialVersionUID = 2L;
  private final byte[] settings;
  private transient Configuration conf;

  public SerializableConf(Configuration conf) {
    this.conf = conf;
    this.settings = toBytes(conf);
  }

  /** The configuration (the driver's instance on the driver, a copy rebuilt from its settings elsewhere). */
  public synchronized Configuration get() {
    if (conf == null) {
      Configuration c = new Configuration(false);
      try {
        c.readFields(new DataInputStream(new ByteArrayInputStream(settings)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot restore the Hadoop configuration", e);
      }
      conf = c;
    }
    return conf;
  }

  private static byte[] toBytes(Configuration conf) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      conf.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the Hadoop configuration", e);
    }
    return bytes.toByteArray();
  }
}
