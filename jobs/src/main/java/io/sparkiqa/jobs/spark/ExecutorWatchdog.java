package io.sparkiqa.jobs.spark;

import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Stops a command whose cluster grants it no executor. Spark itself waits forever when every executor it asks
 * for is larger than what any worker offers (it only logs "Initial job has not accepted any resources"). On
 * a cluster master, this daemon watches the application: when tasks wait and no executor has been running for
 * {@code spark.sparkiqa.executorWaitTimeout} (default 45 s), it cancels the jobs with a message that says what
 * each executor asks for and how to fix it; {@link #failure()} then holds that message for the command line.
 * In local mode the driver runs the tasks and nothing is watched.
 */
public final class ExecutorWatchdog implements Runnable {
  /** How long tasks may wait with no executor; a Spark time string ({@code 45s}, {@code 10m}). */
  public static final String TIMEOUT = "spark.sparkiqa.executorWaitTimeout";
  private static volatile String failure;
  private final SparkContext sc;
  private final long timeoutMs;

  private ExecutorWatchdog(SparkContext sc, long timeoutMs) {
    this.sc = sc;
    this.timeoutMs = timeoutMs;
  }

  /** Starts watching {@code sc} unless it runs in local mode. */
  public static void watch(SparkContext sc) {
    failure = null;
    if (sc.isLocal()) {
      return;
    }
    Thread t = new Thread(new ExecutorWatchdog(sc, sc.getConf().getTimeAsMs(TIMEOUT, "45s")), "sparkiqa-executor-watchdog");
    t.setDaemon(true);
    t.start();
  }

  /** The message of a cancellation by the watchdog in this JVM, or null. */
  public static String failure() {
    return failure;
  }

  @Override
  public void run() {
    long waitingSince = -1;
    while (!sc.isStopped()) {
      boolean tasksWait = sc.statusTracker().getActiveStageIds().length > 0;
      boolean executors = sc.statusTracker().getExecutorInfos().length > 1; // the driver is listed too
      long now = System.nanoTime();
      if (!tasksWait || executors) {
        waitingSince = -1;
      } else if (waitingSince < 0) {
        waitingSince = now;
      } else if (TimeUnit.NANOSECONDS.toMillis(now - waitingSince) >= timeoutMs) {
        failure = message(sc.getConf(), timeoutMs);
        for (int job : sc.statusTracker().getActiveJobIds()) {
          sc.cancelJob(job, failure);
        }
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** What the executors ask for, and how to make them fit. */
  static String message(SparkConf conf, long timeoutMs) {
    StringBuilder ask = new StringBuilder();
    ask.append("spark.executor.cores=").append(conf.get("spark.executor.cores", "unset (all of a worker's cores on standalone)"))
        .append(", spark.executor.memory=").append(conf.get("spark.executor.memory", "1g"));
    if (conf.contains("spark.executor.memoryOverhead")) {
      ask.append(" (+ spark.executor.memoryOverhead=").append(conf.get("spark.executor.memoryOverhead")).append(')');
    }
    for (String k : new String[] {"spark.executor.resource.gpu.amount", "spark.task.cpus"}) {
      if (conf.contains(k)) {
        ask.append(", ").append(k).append('=').append(conf.get(k));
      }
    }
    return Secrets.scrub("no executor was granted in " + timeoutMs / 1000 + " s while tasks waited (master " + conf.get("spark.master", "?")
        + "). Each executor asks for " + ask + ": more than any worker offers, or the cluster is busy. Size the executors "
        + "to your workers "
        + "(e.g. --conf spark.executor.cores=1 --conf spark.executor.memory=1g), free or add capacity, or wait longer with "
        + "--conf " + TIMEOUT + "=10m.");
  }
}
