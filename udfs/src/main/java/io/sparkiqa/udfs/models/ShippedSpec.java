package io.sparkiqa.udfs.models;

import java.io.Serializable;

/**
 * A model spec as it travels from the driver to the executors: the spec's text as the driver read it (never
 * a driver-local path to read again) and the model file's absolute URI, resolved on the driver. A model
 * file on the driver's local disk is distributed by Spark ({@code spark.files}, by the Spark side of the score
 * job): {@code sparkFile} then names it, and each executor reads its own copy ({@link #at(String)}).
 *
 * <pre>{@code
 * ShippedSpec s = new ShippedSpec("kodak_nr", specUri, json, modelUri, null);   // on the driver, once read and checked
 * ModelSpec spec = s.spec();                                                    // on an executor: parsed from the text
 * }</pre>
 * <p>
 * A plain class, not a record: it travels inside the score job's closure (Java serialization), and Spark's
 * Kryo cannot build records (their fields cannot be set), so it would not survive a broadcast under the
 * shipped profiles; what goes to executors must survive every serializer Spark may be configured with.
 */
public final class ShippedSpec implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String id;
  private final String source;
  private final String json;
  private final String modelUri;
  private final String sparkFile;

  /**
   * @param id        the spec's id (the metric name of a single-output spec)
   * @param source    where the driver read the spec (for messages only)
   * @param json      the spec's text
   * @param modelUri  the model file's absolute URI ({@code file:}, {@code s3a:}, {@code hdfs:}, ...); null for a spec
   *                  served by an inference server
   * @param sparkFile the name under which Spark distributes the model file, or null when executors read
   *                  {@code modelUri} themselves
   */
  public ShippedSpec(String id, String source, String json, String modelUri, String sparkFile) {
    this.id = id;
    this.source = source;
    this.json = json;
    this.modelUri = modelUri;
    this.sparkFile = sparkFile;
  }

  public String id() {
    return id;
  }

  public String source() {
    return source;
  }

  public String json() {
    return json;
  }

  public String modelUri() {
    return modelUri;
  }

  public String sparkFile() {
    return sparkFile;
  }

  /** The spec parsed from its text, with its model file at {@link #modelUri()}. */
  public ModelSpec spec() {
    return ModelSpecs.parseJson(source, json).withUri(modelUri);
  }

  /** This spec distributed by Spark under {@code name}. */
  public ShippedSpec distributedAs(String name) {
    return new ShippedSpec(id, source, json, modelUri, name);
  }

  /** This spec with its model file at {@code localUri} (an executor's copy of a distributed file). */
  public ShippedSpec at(String localUri) {
    return new ShippedSpec(id, source, json, localUri, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShippedSpec s && id.equals(s.id) && source.equals(s.source) && json.equals(s.json)
        && java.util.Objects.equals(modelUri, s.modelUri) && java.util.Objects.equals(sparkFile, s.sparkFile);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, source, json, modelUri, sparkFile);
  }

  @Override
  public String toString() {
    return "ShippedSpec[" + id + " from " + source + ", model " + modelUri + (sparkFile == null ? "" : " as " + sparkFile) + "]";
  }
}
