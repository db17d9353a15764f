package io.sparkiqa.jobs.apps.curate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the hashes within a Hamming distance of a query without comparing every pair (multi-index hashing): each
 * 64-bit hash is cut into four 16-bit blocks and filed under each block's value. Two hashes within distance T agree,
 * by pigeonhole, to within floor(T/4) bits on at least one block, so a query probes, per block, every value within
 * that radius (one value for T &le; 3, 17 for T &le; 7, 137 for T &le; 11) and checks the candidates' full distance.
 * The result is exact; the work is the bucket sizes, not the index size.
 *
 * <pre>{@code
 * HammingIndex idx = new HammingIndex(3);
 * idx.add(0, hashA);
 * List<Integer> near = idx.near(hashB);   // ids of added hashes within distance 3 of hashB
 * }</pre>
 */
public final class HammingIndex {
  /** The largest threshold the index accepts. */
  public static final int MAX_THRESHOLD = 11;
  private final int threshold;
  private final int radius;
  private final List<Map<Integer, List<Integer>>> blocks = new ArrayList<>();
  private final List<Long> hashes = new ArrayList<>();
  private final int[][] probes;

  public HammingIndex(int threshold) {
    if (threshold < 0 || threshold > MAX_THRESHOLD) {
      throw new IllegalArgumentException("the Hamming threshold must be in [0, " + MAX_THRESHOLD + "], got " + threshold);
    }
    this.threshold = threshold;
    this.radius = threshold / 4;
    for (int b = 0; b < 4; b++) {
      blocks.add(new HashMap<>());
    }
    this.probes = masks(radius);
  }

  /** Files {@code hash} under {@code id} (ids are 0, 1, 2, ... in the order added). */
  public int add(long hash) {
    int id = hashes.size();
    hashes.add(hash);
    for (int b = 0; b < 4; b++) {
      blocks.get(b).computeIfAbsent(block(hash, b), k -> new ArrayList<>(1)).add(id);
    }
    return id;
  }

  /** The ids of the added hashes within the threshold of {@code hash}, ascending, each once. */
  public List<Integer> near(long hash) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (int b = 0; b < 4; b++) {
      int v = block(hash, b);
      for (int[] flip : probes) {
        int probe = v;
        for (int bit : flip) {
          probe ^= 1 << bit;
        }
        List<Integer> ids = blocks.get(b).get(probe);
        if (ids != null) {
          for (int id : ids) {
            if (Long.bitCount(hashes.get(id) ^ hash) <= threshold) {
              out.add(id);
            }
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  public int size() {
    return hashes.size();
  }

  static int block(long hash, int b) {
    return (int) (hash >>> (16 * b)) & 0xffff;
  }

  /** Every set of at most {@code r} bit positions of a 16-bit block (the empty set first). */
  static int[][] masks(int r) {
    List<int[]> out = new ArrayList<>();
    out.add(new int[0]);
    for (int i = 0; i < 16 && r >= 1; i++) {
      out.add(new int[] {i});
      for (int j = i + 1; j < 16 && r >= 2; j++) {
        out.add(new int[] {i, j});
      }
    }
    return out.toArray(int[][]::new);
  }
}
