package io.sparkiqa.jobs.score;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Loads (reads and decodes) up to {@code depth} rows ahead on one background thread while the task thread
 * scores, so object-storage reads and decoding overlap inference. The input iterator is only touched by the
 * calling (task) thread; results come back in input order; at most {@code depth} loaded rows are held.
 * {@code depth} 0 loads on the calling thread. {@link #close} stops the thread (also when a task is killed).
 */
final class DecodeAhead<T, R> implements Iterator<R>, AutoCloseable {
  private final Iterator<T> input;
  private final Function<T, R> load;
  private final int depth;
  private final ArrayDeque<Future<R>> window = new ArrayDeque<>();
  private final ExecutorService thread;

  DecodeAhead(Iterator<T> input, Function<T, R> load, int depth) {
    this.input = input;
    this.load = load;
    this.depth = depth;
    this.thread = depth == 0 ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sparkiqa-decode-ahead");
      t.setDaemon(true);
      return t;
    });
  }

  private void fill() {
    while (thread != null && window.size() < depth && input.hasNext()) {
      T next = input.next();
      window.add(thread.submit(() -> load.apply(next)));
    }
  }

  @Override
  public boolean hasNext() {
    fill();
    return !window.isEmpty() || (thread == null && input.hasNext());
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (thread == null) {
      return load.apply(input.next());
    }
    try {
      R r = window.poll().get();
      fill();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a decoded image", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("loading an image failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
