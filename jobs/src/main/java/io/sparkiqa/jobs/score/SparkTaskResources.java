package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.models.TaskResources;

/**
 * A Spark task's device and thread budget for the models in {@code udfs}, read on the task's own thread when it
 * starts: the task's first GPU address (else the CPU) and the executor's cores divided among its concurrent tasks
 * ({@link Devices}). Read once, because the models run on other threads ({@code TimeBudget}'s worker), where Spark's
 * {@code TaskContext} is not set.
 */
record SparkTaskResources(String device, int intraOpThreads) implements TaskResources {
  private static final long serialVersionUID = 1L;

  /** The resources of the task running on this thread (the CPU outside a task). */
  static SparkTaskResources ofCurrentTask() {
    return new SparkTaskResources(Devices.ofCurrentTask(), Devices.intraOpThreadsForThisExecutor());
  }
}
