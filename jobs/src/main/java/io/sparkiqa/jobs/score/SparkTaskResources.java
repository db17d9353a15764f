package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.models.TaskResources;

/**
 * The running Spark task's device and thread budget for the models in {@code udfs}: the task's first GPU address
 * (else the CPU) and the executor's cores divided among its concurrent tasks ({@link Devices}).
 */
public final class SparkTaskResources implements TaskResources {
  private static final long serialVersionUID = 1L;

  @Override
  public String device() {
    return Devices.ofCurrentTask();
  }

  @Override
  public int intraOpThreads() {
    return Devices.intraOpThreadsForThisExecutor();
  }
}
