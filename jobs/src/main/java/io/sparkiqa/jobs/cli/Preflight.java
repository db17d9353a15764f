package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.score.ModelSelection;
import org.apache.hadoop.conf.Configuration;

/** Checks done before Spark starts, each failing with a message that says what to fix. */
final class Preflight {
  private Preflight() {
  }

  /** Built-in names and model specs (files or conf/models names, read and checked) in order, with their catalog. */
  static ModelSelection models(String csv, Configuration conf) {
    return ModelSelection.of(csv, conf);
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
