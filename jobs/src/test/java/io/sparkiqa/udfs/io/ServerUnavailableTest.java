package io.sparkiqa.udfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * An S3 endpoint that refuses connections is {@code server_unavailable} (transient: {@code --resume} scores the row
 * again), naming the endpoint; a missing local file stays {@code missing} (permanent).
 */
class ServerUnavailableTest {
  @Test
  void aRefusingEndpointIsServerUnavailableAndNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.access.key", "k");
    conf.set("fs.s3a.secret.key", "s");
    conf.set("fs.s3a.attempts.maximum", "1");
    conf.set("fs.s3a.retry.limit", "1");
    conf.set("fs.s3a.connection.establish.timeout", "2s");
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    ImageBytes.ReadException e = assertThrows(ImageBytes.ReadException.class,
        () -> new ImageBytes(conf, 1L << 20).read("s3a://bucket/a.png"));
    assertEquals("server_unavailable", e.reasonClass(), e.getMessage());
    assertTrue(e.getMessage().startsWith("could not reach the storage of s3a://bucket/a.png (S3 endpoint http://127.0.0.1:"
        + port + "): "), e.getMessage());
    ImageBytes.ReadException missing = assertThrows(ImageBytes.ReadException.class,
        () -> new ImageBytes(new Configuration(), 1L << 20).read("file:///nowhere/at/all.png"));
    assertEquals("missing", missing.reasonClass());
  }
}
