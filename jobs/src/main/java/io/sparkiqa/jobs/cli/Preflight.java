package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.report.OutputFiles;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Checks done before Spark starts, each failing with a message that says what to fix. */
final class Preflight {
  private Preflight() {
  }

  static List<String> models(String csv) {
    return models(csv, new Configuration());
  }

  /** Built-in names and model specs (files or conf/models names, validated and registered) in order. */
  static List<String> models(String csv, Configuration conf) {
    if (csv == null || csv.isBlank()) {
      throw new IllegalArgumentException("--models is empty; give e.g. --models psnr,sharpness (see: sparkiqa models list)");
    }
    List<String> out = new ArrayList<>();
    for (String m : new LinkedHashSet<>(List.of(csv.split(",")))) {
      String name = m.trim();
      if (name.isEmpty()) {
        continue;
      }
      String spec = MetricTable.contains(name) ? null : io.sparkiqa.jobs.models.SpecMetrics.specUri(name);
      if (spec != null) {
        out.add(io.sparkiqa.jobs.models.SpecMetrics.register(spec, conf));
      } else {
        MetricTable.get(name);
        out.add(name);
      }
    }
    return out;
  }

  static void inputExists(Configuration conf, String option, String uri) {
    if (!OutputFiles.exists(conf, uri)) {
      throw new IllegalArgumentException(option + " " + uri + ": not found");
    }
  }

  /** Refuses an existing output unless resume/overwrite; deletes it for overwrite. */
  static void output(Configuration conf, String uri, boolean resume, boolean overwrite) {
    if (resume && overwrite) {
      throw new IllegalArgumentException("--resume and --overwrite exclude each other");
    }
    if (OutputFiles.exists(conf, uri)) {
      if (overwrite) {
        OutputFiles.deleteRecursively(conf, uri);
      } else if (!resume) {
        throw new IllegalArgumentException("--out " + uri + " already exists; add --resume to continue it or "
            + "--overwrite to replace it");
      }
    }
  }

  static long positive(String option, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(option + " must be positive, got " + v);
    }
    return v;
  }
}
