package io.sparkiqa.udfs.models.server;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The inference server's base URL, a Spark setting ({@value #KEY}) shared by every spec of engine
 * {@code InferenceServer}. The default, {@value #DEFAULT}, is the server on each executor's own node: a platform
 * runs one server per node beside the executors.
 */
public final class ServerUrl {
  /** The Spark setting that names the server. */
  public static final String KEY = "spark.sparkiqa.inferenceServer.url";
  /** The server on the executor's own node. */
  public static final String DEFAULT = "http://127.0.0.1:8000";

  private ServerUrl() {
  }

  /**
   * The checked base URL (ending in {@code /}) of {@code value}: http or https, a host, no query.
   *
   * @throws IllegalArgumentException naming the setting and what to give
   */
  public static URI parse(String value) {
    try {
      URI u = new URI(value.trim());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
          || u.getQuery() != null || u.getFragment() != null) {
        throw new URISyntaxException(value, "not an http(s)://host:port URL");
      }
      return u.getPath() == null || u.getPath().endsWith("/") ? u : new URI(u + "/");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(KEY + " '" + value + "': expected the inference server's base URL, e.g. "
          + DEFAULT + " (" + e.getReason() + ")");
    }
  }
}
