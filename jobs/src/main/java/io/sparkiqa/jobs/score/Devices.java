package io.sparkiqa.jobs.score;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * Which device a task's model runs on: the first GPU address Spark assigned to the task
 * ({@code spark.task.resource.gpu.amount} with a discovery script), else the CPU; and how many intra-op
 * threads each loaded model may use so that threads x concurrent tasks stay within the executor's cores.
 */
public final class Devices {
  private Devices() {
  }

  /** "gpu:N" for the task's first GPU address, "cpu" when it has none. */
  public static String of(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources == null ? null : resources.get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return "cpu";
    }
    String address = gpu.addresses()[0].trim();
    if (!address.matches("\\d+")) {
      throw new IllegalStateException("GPU address '" + address + "' from the discovery script is not a device index");
    }
    return "gpu:" + address;
  }

  /** The device of the running task (CPU outside a task). */
  public static String ofCurrentTask() {
    TaskContext tc = TaskContext.get();
    return tc == null ? "cpu" : of(scala.jdk.javaapi.CollectionConverters.asJava(tc.resources()));
  }

  /**
   * Intra-op threads per loaded model: executor cores divided by the tasks that run at once
   * ({@code cores / task.cpus}), at least 1, so that threads x concurrent tasks <= cores.
   */
  public static int intraOpThreads(int executorCores, int taskCpus) {
    if (executorCores < 1 || taskCpus < 1) {
      throw new IllegalArgumentException("executor cores " + executorCores + " and task cpus " + taskCpus + " must be >= 1");
    }
    int concurrent = Math.max(1, executorCores / taskCpus);
    return Math.max(1, executorCores / concurrent);
  }

  /**
   * The budget for this JVM from Spark's settings: executor cores ({@code spark.executor.cores}, or N of a
   * {@code local[N]} master, else the machine's processors) and {@code spark.task.cpus}.
   */
  public static int intraOpThreadsForThisExecutor() {
    int processors = Runtime.getRuntime().availableProcessors();
    org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
    if (env == null) {
      return intraOpThreads(processors, 1);
    }
    org.apache.spark.SparkConf c = env.conf();
    String master = c.get("spark.master", "");
    java.util.regex.Matcher local = java.util.regex.Pattern.compile("local\\[(\\d+)(,\\d+)?]").matcher(master);
    int cores = c.contains("spark.executor.cores") ? c.getInt("spark.executor.cores", processors)
        : local.matches() ? Integer.parseInt(local.group(1)) : processors;
    return intraOpThreads(cores, c.getInt("spark.task.cpus", 1));
  }
}
