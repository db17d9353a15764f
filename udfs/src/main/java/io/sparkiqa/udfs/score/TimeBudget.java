package io.sparkiqa.udfs.score;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The per-image time limit ({@code --image-timeout}) for steps that might never return: reading and decoding one
 * image, one metric on one image, one batch's forward pass. A step runs on a worker thread while the caller waits
 * at most the budget (times the images the step covers). A step that overruns is interrupted and abandoned — Java
 * cannot stop a thread that ignores interrupts — so its thread is left behind as a daemon, the next step gets
 * another, the row fails with {@code timeout} and the task moves on. One instance per calling thread.
 *
 * <pre>{@code
 * TimeBudget budget = new TimeBudget(Duration.ofSeconds(120));
 * MetricResult r = budget.run(() -> metric.score(image, null), 1);   // TimeoutException past 120 s
 * }</pre>
 */
public final class TimeBudget {
  /** The default budget per image: 120 s. */
  public static final Duration DEFAULT = Duration.ofSeconds(120);

  /**
   * The JVM's step threads, shared by every task and kept for the executor's life: models keep a predictor per thread
   * ({@code LoadedModels}), so a thread per task would leave a predictor behind per task. Steps wait for no thread;
   * an abandoned step keeps its thread, the others come back.
   */
  private static final ExecutorService STEPS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 3650, TimeUnit.DAYS,
      new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "sparkiqa-image-step");
        t.setDaemon(true);
        return t;
      });

  private final long nanos;
  private long abandoned;

  public TimeBudget(Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("the per-image time budget must be positive, got " + budget);
    }
    this.nanos = budget.toNanos();
  }

  /** A step that may throw its own checked exception. */
  @FunctionalInterface
  public interface Step<T, E extends Exception> {
    T run() throws E;
  }

  /** The budget, for messages. */
  public Duration budget() {
    return Duration.ofNanos(nanos);
  }

  /** Steps abandoned so far (each left a thread behind). */
  public long abandoned() {
    return abandoned;
  }

  /**
   * Runs {@code step} within {@code images} budgets; rethrows what the step threw.
   *
   * @throws TimeoutException when the step overran (it is abandoned)
   */
  @SuppressWarnings("unchecked")
  public <T, E extends Exception> T run(Step<T, E> step, int images) throws E, TimeoutException {
    Future<T> f = STEPS.submit(step::run);
    try {
      return f.get(Math.multiplyExact(nanos, (long) Math.max(1, images)), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      abandoned++;
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw (E) cause;
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an image step", e);
    }
  }

  /** The {@code error} text of a row whose step overran. */
  public String timeoutError(String what) {
    long ms = budget().toMillis();
    String limit = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    return "timeout: " + what + " took over " + limit + " (--image-timeout); the step was abandoned";
  }

}
