package io.sparkiqa.udfs.models.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The open inference protocol's (KServe v2 / Triton) infer request and response for one FP32 input and one output.
 * A request is JSON ({@code "data"}: the row-major values) or, with the binary tensor extension, a JSON header
 * followed by the raw little-endian floats, its length in {@value #HEADER_LENGTH}. A response's output is read from
 * its JSON {@code data} (flat or nested) or, when the server chose binary output, from the bytes after the header.
 * Pure functions.
 */
public final class V2Codec {
  /** The binary extension's header: the length of the JSON part of a body. */
  public static final String HEADER_LENGTH = "Inference-Header-Content-Length";
  private static final ObjectMapper JSON = new ObjectMapper();

  private V2Codec() {
  }

  /** A request body and, for a binary one, the length of its JSON header (else -1). */
  public record Body(byte[] bytes, int headerLength) {
  }

  /** The infer request for {@code data} of {@code shape} as the {@code m.input()} tensor, asking for {@code m.output()}. */
  public static Body request(ServedModel m, float[] data, long[] shape) {
    StringBuilder head = new StringBuilder(m.binary() ? 256 : 16 + 12 * data.length);
    head.append("{\"inputs\":[{\"name\":").append(quote(m.input())).append(",\"shape\":")
        .append(Arrays.toString(shape).replace(" ", "")).append(",\"datatype\":\"FP32\",");
    if (m.binary()) {
      head.append("\"parameters\":{\"binary_data_size\":").append(4L * data.length).append("}}]");
    } else {
      head.append("\"data\":[");
      for (int i = 0; i < data.length; i++) {
        if (i > 0) {
          head.append(',');
        }
        head.append(data[i]);
      }
      head.append("]}]");
    }
    head.append(",\"outputs\":[{\"name\":").append(quote(m.output())).append("}]}");
    byte[] json = head.toString().getBytes(StandardCharsets.UTF_8);
    if (!m.binary()) {
      return new Body(json, -1);
    }
    ByteBuffer b = ByteBuffer.allocate(json.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(json);
    b.asFloatBuffer().put(data);
    return new Body(b.array(), json.length);
  }

  /**
   * The values of output {@code name} in a response body ({@code headerLength} from {@value #HEADER_LENGTH}, else
   * -1) for a batch of {@code n}.
   *
   * @throws IOException when the body is no valid response, lacks the output, or its first dimension is not n
   */
  public static float[] output(byte[] body, int headerLength, String name, int n) throws IOException {
    int jsonLength = headerLength < 0 ? body.length : headerLength;
    if (jsonLength > body.length) {
      throw new IOException("the " + HEADER_LENGTH + " " + headerLength + " exceeds the body's " + body.length + " bytes");
    }
    JsonNode root = JSON.readTree(new String(body, 0, jsonLength, StandardCharsets.UTF_8));
    int offset = jsonLength;
    for (JsonNode o : root.path("outputs")) {
      long size = o.path("parameters").path("binary_data_size").asLong(-1);
      if (!name.equals(o.path("name").asText())) {
        offset += (int) Math.max(0, size);
        continue;
      }
      JsonNode shape = o.path("shape");
      if (!shape.isArray() || shape.size() == 0 || shape.get(0).asLong() != n) {
        throw new IOException("output '" + name + "' has shape " + shape + ", expected a first dimension of " + n);
      }
      String type = o.path("datatype").asText();
      return size >= 0 ? binary(body, offset, size, type) : values(o.path("data"), type);
    }
    throw new IOException("the response has no output '" + name + "' (outputs: " + root.path("outputs") + ")");
  }

  /** The server's {@code error} text of a failed request's body (or the body's start when it is not JSON). */
  public static String error(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode e = JSON.readTree(text).path("error");
      if (e.isTextual()) {
        return e.asText();
      }
    } catch (IOException notJson) {
      // the body itself, shortened
    }
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static float[] binary(byte[] body, int offset, long size, String type) throws IOException {
    int width = width(type);
    if (size % width != 0 || offset + size > body.length) {
      throw new IOException("binary output of " + size + " bytes does not fit the body or the datatype " + type);
    }
    ByteBuffer b = ByteBuffer.wrap(body, offset, (int) size).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[(int) (size / width)];
    for (int i = 0; i < out.length; i++) {
      out[i] = width == 4 ? b.getFloat() : (float) b.getDouble();
    }
    return out;
  }

  private static float[] values(JsonNode data, String type) throws IOException {
    width(type);
    java.util.List<JsonNode> flat = new java.util.ArrayList<>();
    flatten(data, flat);
    float[] out = new float[flat.size()];
    for (int i = 0; i < out.length; i++) {
      if (!flat.get(i).isNumber()) {
        throw new IOException("output value " + flat.get(i) + " is not a number");
      }
      out[i] = (float) flat.get(i).doubleValue();
    }
    return out;
  }

  private static void flatten(JsonNode n, java.util.List<JsonNode> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n);
    }
  }

  private static int width(String type) throws IOException {
    return switch (type) {
      case "FP32" -> 4;
      case "FP64" -> 8;
      default -> throw new IOException("output datatype " + type + ", expected FP32 or FP64");
    };
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
