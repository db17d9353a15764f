package io.sparkiqa.udfs.image;

/**
 * An image that cannot be turned into pixels. {@link #reasonClass()} is a short stable token
 * ({@code undecodable}, {@code truncated}, {@code over_pixel_cap}, {@code unsupported_format}, {@code empty})
 * that lands in the scores row's {@code error} column ahead of the message, so failures can be grouped.
 */
public final class DecodeException extends Exception {
  private final String reasonClass;

  public DecodeException(String reasonClass, String message) {
    super(message);
    this.reasonClass = reasonClass;
  }

  public String reasonClass() {
    return reasonClass;
  }
}
