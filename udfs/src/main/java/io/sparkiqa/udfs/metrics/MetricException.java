package io.sparkiqa.udfs.metrics;

/**
 * A metric that cannot give a meaningful score for this input (reference of another size, image too
 * small). It becomes a failed scores row with {@code reasonClass: message}, never a NaN score.
 */
public final class MetricException extends Exception {
  private final String reasonClass;

  public MetricException(String reasonClass, String message) {
    super(message);
    this.reasonClass = reasonClass;
  }

  public String reasonClass() {
    return reasonClass;
  }
}
