package io.sparkiqa.jobs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkiqa.jobs.apps.curate.CurateOptions;
import io.sparkiqa.jobs.apps.curate.GroupSelection;
import io.sparkiqa.jobs.apps.curate.HammingIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The near-duplicate search: exact against brute force for thresholds 0 to 11 (random hashes plus planted neighbours
 * at every distance up to the threshold + 1), and a 100,000-image group selected with it (no pairwise comparison).
 */
class HammingIndexTest {
  @Test
  void findsExactlyTheHashesWithinTheThreshold() {
    SplittableRandom rnd = new SplittableRandom(18);
    for (int t : new int[] {0, 3, 6, 11}) {
      List<Long> hashes = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        long h = rnd.nextLong();
        hashes.add(h);
        hashes.add(flip(h, 1 + i % (t + 2), rnd));
      }
      HammingIndex idx = new HammingIndex(t);
      hashes.forEach(idx::add);
      for (long q : hashes.subList(0, 200)) {
        List<Integer> brute = new ArrayList<>();
        for (int j = 0; j < hashes.size(); j++) {
          if (Long.bitCount(hashes.get(j) ^ q) <= t) {
            brute.add(j);
          }
        }
        assertEquals(brute, idx.near(q), "threshold " + t);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new HammingIndex(12));
  }

  @Test
  void selectsAHundredThousandImageGroup() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<GroupSelection.Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      long h = rnd.nextLong();
      double s = rnd.nextDouble();
      cs.add(new GroupSelection.Candidate("a" + i, "image", "u", Map.of("m", s), h, null));
      // a near-duplicate 2 bits away, scored a little lower: suppressed whenever its original is picked
      cs.add(new GroupSelection.Candidate("b" + i, "image", "u", Map.of("m", s - 1e-9), flip(h, 2, rnd), null));
    }
    List<GroupSelection.Selected> sel = GroupSelection.select(cs,
        new CurateOptions(null, 1000, Map.of("m", 1.0), Map.of("m", false), 3, 1, 1));
    assertEquals(100_000, sel.size());
    assertEquals(1000, sel.stream().filter(s -> s.status().equals("picked")).count());
    assertEquals(1000, sel.stream().filter(s -> s.status().equals("duplicate")).count());
    sel.stream().filter(s -> s.status().equals("picked")).forEach(s -> assertEquals('a', s.c().imageId().charAt(0)));
    assertEquals(50_000, sel.stream().filter(s -> s.clusterSize() == 2 && s.c().imageId().startsWith("a")).count());
  }

  private static long flip(long h, int bits, SplittableRandom rnd) {
    long out = h;
    java.util.Set<Integer> done = new java.util.HashSet<>();
    while (done.size() < bits) {
      int b = rnd.nextInt(64);
      if (done.add(b)) {
        out ^= 1L << b;
      }
    }
    return out;
  }
}
