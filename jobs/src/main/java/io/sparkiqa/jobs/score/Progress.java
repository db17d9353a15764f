package io.sparkiqa.jobs.score;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints scoring progress on the driver at most once every {@code periodMillis}, in the format
 * {@code scored 1200/10073 (11.9%)  85.3 img/s  ETA 1m43s  failed 3}. Counts come from Spark
 * accumulators, which advance as tasks finish.
 */
public final class Progress implements AutoCloseable {
  private final long total;
  private final LongSupplier done;
  private final LongSupplier failed;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final Thread thread;

  public Progress(long total, LongSupplier done, LongSupplier failed, PrintStream out, long periodMillis) {
    this.total = total;
    this.done = done;
    this.failed = failed;
    this.out = out;
    this.thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(periodMillis);
          out.println(line(done.getAsLong(), failed.getAsLong(), elapsedSeconds()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sparkiqa-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The progress line for the given counts; pure, for tests. */
  public String line(long d, long f, double seconds) {
    double rate = seconds > 0 ? d / seconds : 0;
    double pct = total == 0 ? 100 : 100.0 * d / total;
    String eta = rate > 0 ? duration((total - d) / rate) : "?";
    return String.format(Locale.ROOT, "scored %d/%d (%.1f%%)  %.1f img/s  ETA %s  failed %d", d, total, pct, rate, eta, f);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }

  @Override
  public void close() {
    thread.interrupt();
    out.println(line(done.getAsLong(), failed.getAsLong(), elapsedSeconds()));
  }
}
