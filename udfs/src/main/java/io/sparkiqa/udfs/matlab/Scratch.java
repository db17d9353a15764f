package io.sparkiqa.udfs.matlab;

import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread reusable arrays for the image-sized temporaries of one metric call (grey image, MSCN fields,
 * half-size image), which never leave the call: fresh multi-megabyte arrays cost more than the arithmetic
 * on them (G1 allocates them as humongous objects and zeroes them). Each named slot keeps its last array
 * while the size stays the same; arrays over {@link #MAX_REUSED} doubles are not kept, and the garbage
 * collector may drop any of them under memory pressure. The caller overwrites every element it reads.
 */
public final class Scratch {
  /** 4 Mi doubles (32 MiB): larger temporaries are allocated afresh and not retained. */
  static final int MAX_REUSED = 1 << 22;
  private static final ThreadLocal<Map<String, SoftReference<double[]>>> SLOTS = ThreadLocal.withInitial(HashMap::new);

  private Scratch() {
  }

  /** An array of exactly {@code n} doubles for {@code slot}, its contents left from an earlier use. */
  public static double[] of(String slot, int n) {
    if (n > MAX_REUSED) {
      return new double[n];
    }
    Map<String, SoftReference<double[]>> slots = SLOTS.get();
    SoftReference<double[]> ref = slots.get(slot);
    double[] a = ref == null ? null : ref.get();
    if (a == null || a.length != n) {
      a = new double[n];
      slots.put(slot, new SoftReference<>(a));
    }
    return a;
  }
}
