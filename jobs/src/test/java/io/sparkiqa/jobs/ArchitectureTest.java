package io.sparkiqa.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The import graph of the product's sources, as a newcomer reads it: every mention of another spark-iqa package
 * counts (imports, fully qualified names in code and in Javadoc), so a dependency cannot hide behind a qualified
 * name. {@code udfs} (what runs inside executors) mentions neither {@code jobs} nor Spark, no two packages
 * depend on each other, directly or round a longer cycle, and {@code jobs.contracts} uses no other stage.
 */
class ArchitectureTest {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern MENTION = Pattern.compile("io\\.sparkiqa\\.(?:udfs|jobs)\\.[a-z]+");

  /** Package to the spark-iqa packages its sources mention. */
  static Map<String, Set<String>> graph(List<Path> roots) throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f);
          Matcher pm = PACKAGE.matcher(text);
          assertTrue(pm.find(), f + " has a package");
          String pkg = pm.group(1);
          Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
          Matcher m = MENTION.matcher(text.substring(pm.end()));
          while (m.find()) {
            if (!m.group().equals(pkg)) {
              deps.add(m.group());
            }
          }
        }
      }
    }
    return g;
  }

  /** A cycle as a path (first package repeated at the end), or an empty list. */
  static List<String> cycle(Map<String, Set<String>> g) {
    Map<String, Integer> state = new TreeMap<>();
    List<String> path = new ArrayList<>();
    for (String start : g.keySet()) {
      List<String> c = visit(start, g, state, path);
      if (!c.isEmpty()) {
        return c;
      }
    }
    return List.of();
  }

  private static List<String> visit(String p, Map<String, Set<String>> g, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(p);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null) {
      List<String> c = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
      c.add(p);
      return c;
    }
    state.put(p, 1);
    path.add(p);
    for (String q : g.getOrDefault(p, Set.of())) {
      List<String> c = visit(q, g, state, path);
      if (!c.isEmpty()) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    state.put(p, 2);
    return List.of();
  }

  @Test
  void udfsKnowsNothingOfJobsOrSpark() throws IOException {
    Path udfs = TestSupport.repoRoot().resolve("udfs/src/main/java");
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(udfs)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (text.contains("io.sparkiqa.jobs") || text.contains("org.apache.spark")) {
          bad.add(udfs.relativize(f).toString());
        }
      }
    }
    assertEquals(List.of(), bad, "udfs sources that mention io.sparkiqa.jobs or org.apache.spark");
    assertTrue(graph(List.of(udfs)).containsKey("io.sparkiqa.udfs.models"), "the models live in udfs");
  }

  @Test
  void noPackageCycle() throws IOException {
    Path root = TestSupport.repoRoot();
    Map<String, Set<String>> g = graph(List.of(root.resolve("udfs/src/main/java"), root.resolve("jobs/src/main/java")));
    assertTrue(g.size() >= 15, "read the product's packages: " + g.keySet());
    assertEquals(List.of(), cycle(g), "a package cycle");
    assertTrue(g.get("io.sparkiqa.jobs.contracts").stream().noneMatch(p -> p.startsWith("io.sparkiqa.jobs.")),
        "the contracts (schemas, output folders, run record, directions) are the ground floor: " + g.get("io.sparkiqa.jobs.contracts"));
  }

  @Test
  void theCycleFinderFindsCycles() {
    Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
    assertEquals(List.of("a", "b", "c", "a"), cycle(g));
    assertEquals(List.of(), cycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of(), "d", Set.of("a", "b")))));
  }
}
