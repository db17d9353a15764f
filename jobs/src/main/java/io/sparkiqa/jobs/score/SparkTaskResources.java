package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.models.TaskResources;
import io.sparkiqa.udfs.models.server.ServerUrl;

/**
 * A Spark task's device and thread budget for the models in {@code udfs}, read on the task's own thread when it
 * starts: the task's first GPU address (else the CPU) and the executor's cores divided among its concurrent tasks
 * ({@link Devices}); and the inference server of served specs ({@value ServerUrl#KEY}, default the node's own).
 * Read once, because the models run on other threads ({@code TimeBudget}'s worker), where Spark's
 * {@code TaskContext} is not set.
 */
public record SparkTaskResources(String device, int intraOpThreads, String inferenceServer) implements TaskResources {
  private static final long serialVersionUID = 1L;

  /** The resources of the task running on this thread (the CPU outside a task). */
  public static SparkTaskResources ofCurrentTask() {
    org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
    String server = env == null ? ServerUrl.DEFAULT : env.conf().get(ServerUrl.KEY, ServerUrl.DEFAULT);
    return new SparkTaskResources(Devices.ofCurrentTask(), Devices.intraOpThreadsForThisExecutor(), server);
  }
}
