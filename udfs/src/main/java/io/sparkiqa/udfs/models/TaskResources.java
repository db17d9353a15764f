package io.sparkiqa.udfs.models;

import java.io.Serializable;

/**
 * What the running task may use for inference, asked when a model runs (not when the metric is built): the device
 * ({@code cpu} or {@code gpu:N}), the intra-op threads of a loaded model and the inference server to send batches
 * to. The Spark side implements it from the task's resources, the executor's cores and the Spark settings; {@link #CPU}
 * serves code that runs outside Spark.
 */
public interface TaskResources extends Serializable {

  /** All of this machine's processors on the CPU. */
  TaskResources CPU = new TaskResources() {
    private static final long serialVersionUID = 1L;

    @Override
    public String device() {
      return "cpu";
    }

    @Override
    public int intraOpThreads() {
      return Runtime.getRuntime().availableProcessors();
    }
  };

  /** {@code cpu} or {@code gpu:N} for the calling task. */
  String device();

  /** Intra-op threads per loaded model, so that threads x concurrent tasks stay within the executor's cores. */
  int intraOpThreads();

  /**
   * The base URL of the inference server that specs of engine {@code InferenceServer} use from this task: the Spark
   * setting {@code spark.sparkiqa.inferenceServer.url} on the Spark side; here the node's own server.
   */
  default String inferenceServer() {
    return io.sparkiqa.udfs.models.server.ServerUrl.DEFAULT;
  }
}
