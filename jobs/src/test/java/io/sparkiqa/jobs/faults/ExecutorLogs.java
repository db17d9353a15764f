package io.sparkiqa.jobs.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the executors of one application did, read from their logs and from {@link SlowFileSystem}'s markers. */
public final class ExecutorLogs {
  private static final Pattern PID = Pattern.compile("Started daemon with process name: ([0-9]+)@");

  private ExecutorLogs() {
  }

  /** How many files {@code open-<name>-…} the markers folder holds ({@code name} null: any file). */
  public static long opens(Path markers, String name) {
    if (!Files.isDirectory(markers)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(markers)) {
      return s.filter(p -> p.getFileName().toString().startsWith(name == null ? "open-" : "open-" + name + "-")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The pids of the JVMs that opened {@code name} ({@code null}: any slow file; the executors that scored). */
  public static Set<Long> openers(Path markers, String name) throws IOException {
    Set<Long> out = new HashSet<>();
    try (Stream<Path> s = Files.list(markers)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(name == null ? "open-" : "open-" + name + "-"))
          .forEach(n -> out.add(Long.parseLong(n.split("-")[2])));
    }
    return out;
  }

  /**
   * Asserts that {@code model} was loaded once per executor JVM, not once per task: with {@code exact}, every
   * executor that read an image (its pid left a marker) logged exactly one load and every other none; without
   * (an executor was killed mid-run), none loaded it twice and some loaded it. Returns the number of loads.
   */
  public static int assertModelLoadedOncePerExecutor(LocalCluster cluster, String appId, Path markers, String model,
                                                    boolean exact) throws IOException {
    List<Path> logs = cluster.executorLogs(appId);
    Set<Long> readers = openers(markers, null);
    int total = 0;
    for (Path log : logs) {
      String text = Files.readString(log);
      long loads = text.lines().filter(l -> l.contains("sparkiqa: loaded model " + model + " ")).count();
      if (exact) {
        Matcher m = PID.matcher(text);
        assertTrue(m.find(), "the executor names its process: " + log);
        boolean scored = readers.contains(Long.parseLong(m.group(1)));
        assertEquals(scored ? 1 : 0, loads, model + " loads in " + log + " (it " + (scored ? "scored" : "did not score") + ")");
      } else {
        assertTrue(loads <= 1, loads + " loads of " + model + " in " + log);
      }
      total += (int) loads;
    }
    assertTrue(total >= 1, "the executors loaded " + model + ": " + logs);
    return total;
  }
}
