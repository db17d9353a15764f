package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Decode-ahead keeps input order, never runs more than depth rows ahead, and loads off the calling thread. */
class DecodeAheadTest {
  @Test
  void ordersBoundsAndOverlaps() {
    AtomicInteger taken = new AtomicInteger();
    Iterator<Integer> input = new Iterator<>() {
      private final Iterator<Integer> it = IntStream.range(0, 40).boxed().iterator();

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Integer next() {
        taken.incrementAndGet();
        return it.next();
      }
    };
    Thread caller = Thread.currentThread();
    List<Integer> out = new ArrayList<>();
    int maxAhead = 0;
    try (DecodeAhead<Integer, Integer> ahead = new DecodeAhead<>(input, i -> {
      assertNotEquals(caller, Thread.currentThread());
      return i * 2;
    }, 3)) {
      while (ahead.hasNext()) {
        out.add(ahead.next());
        maxAhead = Math.max(maxAhead, taken.get() - out.size());
      }
    }
    assertEquals(IntStream.range(0, 40).map(i -> i * 2).boxed().toList(), out);
    assertTrue(maxAhead <= 3, "at most 3 rows ahead: " + maxAhead);
    try (DecodeAhead<Integer, Integer> sync = new DecodeAhead<>(List.of(1, 2).iterator(), i -> i + 1, 0)) {
      assertEquals(2, sync.next());
      assertEquals(3, sync.next());
      assertTrue(!sync.hasNext());
    }
  }
}
