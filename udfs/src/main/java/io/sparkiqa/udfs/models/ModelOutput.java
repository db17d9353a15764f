package io.sparkiqa.udfs.models;

import io.sparkiqa.udfs.metrics.Aspect;
import java.util.Arrays;

/**
 * One named score a model gives, resolved from its spec ({@link ModelSpecs#outputs}): the model id it is scored
 * under, its head, direction, range and aspect, and the slice [from, to) of the model's output vector the head
 * reads ({@code to} -1: to the end).
 */
public record ModelOutput(String id, Head head, boolean lowerBetter, double rangeLow, double rangeHigh, Aspect aspect,
                          int from, int to) {

  /** The part of one output row this score reads. */
  public float[] select(float[] row) {
    return from == 0 && to < 0 ? row : Arrays.copyOfRange(row, from, to < 0 ? row.length : to);
  }

  /** The slice's length for rows of {@code d} values, or -1 when the rows are too short. */
  int width(int d) {
    int end = to < 0 ? d : to;
    return end > d || from >= end ? -1 : end - from;
  }

  /** Applies the head to this output's slice of one row. */
  public double score(float[] row) {
    return head.apply(select(row));
  }
}
