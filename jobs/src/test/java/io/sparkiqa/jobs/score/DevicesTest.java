package io.sparkiqa.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Device mapping with the resource objects Spark hands a task (no GPU here), and the thread budget. */
class DevicesTest {
  @Test
  void theTasksFirstGpuAddressElseCpu() {
    assertEquals("cpu", Devices.of(Map.of()));
    assertEquals("cpu", Devices.of(null));
    assertEquals("cpu", Devices.of(Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
    assertEquals("gpu:3", Devices.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3"}))));
    assertEquals("gpu:0", Devices.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"0", "1"}),
        "fpga", new ResourceInformation("fpga", new String[] {"7"}))));
    assertEquals("cpu", Devices.of(Map.of("fpga", new ResourceInformation("fpga", new String[] {"7"}))));
    assertThrows(IllegalStateException.class,
        () -> Devices.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-5f3c"}))));
    assertEquals("cpu", Devices.ofCurrentTask());
  }

  @Test
  void threadsTimesConcurrentTasksStayWithinCores() {
    assertEquals(1, Devices.intraOpThreads(2, 1));
    assertEquals(2, Devices.intraOpThreads(2, 2));
    assertEquals(4, Devices.intraOpThreads(16, 4));
    assertEquals(3, Devices.intraOpThreads(3, 2)); // one task at a time may use every core
    for (int cores = 1; cores <= 32; cores++) {
      for (int cpus = 1; cpus <= cores; cpus++) {
        int concurrent = cores / cpus;
        assertEquals(true, Devices.intraOpThreads(cores, cpus) * concurrent <= cores, cores + "/" + cpus);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Devices.intraOpThreads(0, 1));
  }

  @Test
  void gpuProfileGivesEachTaskAGpuShareAndKeepsRapidsOff() {
    Map<String, String> p = io.sparkiqa.jobs.spark.Profiles.load("cluster-gpu",
        io.sparkiqa.jobs.TestSupport.repoRoot().resolve("conf"));
    assertEquals("1", p.get("spark.executor.resource.gpu.amount"));
    assertEquals("0.25", p.get("spark.task.resource.gpu.amount"));
    assertEquals(true, p.containsKey("spark.executor.resource.gpu.discoveryScript"));
    assertEquals(null, p.get("spark.plugins"), "RAPIDS off while DJL owns the GPU");
    // 4 cores, 1 cpu per task: 4 tasks share the GPU and each model session gets 1 intra-op thread
    assertEquals(1, Devices.intraOpThreads(Integer.parseInt(p.get("spark.executor.cores")),
        Integer.parseInt(p.get("spark.task.cpus"))));
  }
}
