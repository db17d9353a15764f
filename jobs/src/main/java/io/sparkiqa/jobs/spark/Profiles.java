package io.sparkiqa.jobs.spark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Spark profiles: {@code conf/NAME.properties} files of {@code spark.*} keys, the same files
 * {@code spark-submit --properties-file} reads. A profile is named ({@code local}, {@code cluster-cpu})
 * and looked up in the {@code conf/} folder, or given as a path.
 */
public final class Profiles {
  private Profiles() {
  }

  /** Loads a profile; the message says where it looked when nothing is found. */
  public static Map<String, String> load(String nameOrPath, Path confDir) {
    Path p = Path.of(nameOrPath);
    if (!Files.isRegularFile(p)) {
      p = confDir.resolve(nameOrPath + ".properties");
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("--profile " + nameOrPath + ": no such file, and no " + p
          + " (profiles are conf/NAME.properties, e.g. local, cluster-cpu)");
    }
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(p)) {
      props.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read profile " + p + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : props.stringPropertyNames()) {
      out.put(k, props.getProperty(k).trim());
    }
    return out;
  }
}
