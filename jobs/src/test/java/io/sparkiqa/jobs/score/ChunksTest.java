package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How many chunks of scores/ a run commits (README: about 20,000 manifest rows each by default). */
class ChunksTest {
  @Test
  void theDefaultIsTwentyThousandRowsAChunk() {
    assertEquals(20_000, Chunks.DEFAULT_ROWS);
    assertEquals(1, Chunks.of(20_000, Chunks.DEFAULT_ROWS).count());
    assertEquals(2, Chunks.of(20_001, Chunks.DEFAULT_ROWS).count());
    assertEquals(3, Chunks.of(40_001, Chunks.DEFAULT_ROWS).count());
    assertEquals(1, Chunks.of(0, Chunks.DEFAULT_ROWS).count());
    assertEquals(2, Chunks.of(4, 2).count());
  }

  @Test
  void aChunkOfNoRowsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chunks.of(10, 0));
    assertEquals("spark.sparkiqa.chunkRows must be >= 1, got 0", e.getMessage());
  }
}
