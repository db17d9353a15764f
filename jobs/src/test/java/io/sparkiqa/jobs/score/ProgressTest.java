package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void lineHasTheDesignFormat() {
    try (Progress p = new Progress(10073, () -> 0, () -> 0, new PrintStream(new ByteArrayOutputStream()), 60_000)) {
      assertEquals("scored 1200/10073 (11.9%)  85.3 img/s  ETA 1m44s  failed 3", p.line(1200, 3, 1200 / 85.3));
      assertEquals("scored 0/10073 (0.0%)  0.0 img/s  ETA ?  failed 0", p.line(0, 0, 0));
    }
  }

  @Test
  void durationsReadAsHoursMinutesSeconds() {
    assertEquals("42s", Progress.duration(42));
    assertEquals("2h05m", Progress.duration(7500));
  }
}
