package io.sparkiqa.jobs.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Where a benchmark phase's CPU went: process CPU, GC pauses and CPU by live thread name (digits folded). */
final class CpuTally {
  private final long process;
  private final long gc;
  private final long jit;
  private final long uptime;
  private final Map<Long, Long> threads = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();

  CpuTally() {
    process = processCpu();
    gc = gcMillis();
    jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    for (long id : t.getAllThreadIds()) {
      threads.put(id, t.getThreadCpuTime(id));
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += b.getCollectionTime();
    }
    return ms;
  }

  /** One line per thread group with its CPU ms per image since this tally began. */
  String report(long images) {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    Map<String, Long> by = new TreeMap<>();
    long live = 0;
    for (long id : t.getAllThreadIds()) {
      ThreadInfo info = t.getThreadInfo(id);
      long cpu = t.getThreadCpuTime(id);
      if (info == null || cpu < 0) {
        continue;
      }
      long d = cpu - threads.getOrDefault(id, 0L);
      live += d;
      by.merge(info.getThreadName().replaceAll("\\d+", "N"), d, Long::sum);
    }
    long all = processCpu() - process;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "    CPU ms/image: process %.2f, GC pauses %.2f (wall), JIT %.2f, threads gone or GC/JIT %.2f (JVM uptime %d-%d ms)%n",
        all / 1e6 / images, (gcMillis() - gc) / (double) images,
        (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit) / (double) images,
        (all - live) / 1e6 / images, uptime, ManagementFactory.getRuntimeMXBean().getUptime()));
    by.forEach((k, v) -> {
      if (v / 1e6 / images >= 0.05) {
        s.append(String.format(Locale.ROOT, "      %-40s %.2f%n", k, v / 1e6 / images));
      }
    });
    return s.toString();
  }
}
