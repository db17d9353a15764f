package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.score.ChunkFailure;
import io.sparkiqa.jobs.spark.ExecutorWatchdog;
import io.sparkiqa.jobs.spark.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sparkiqa} command line: the same main class runs from {@code scripts/sparkiqa} (embedded
 * local Spark) and under {@code spark-submit --class io.sparkiqa.jobs.cli.SparkIqa jobs-*-shaded.jar}.
 * Argument and configuration errors are reported before Spark starts, with exit code 2.
 */
@Command(name = "sparkiqa", mixinStandardHelpOptions = true, versionProvider = SparkIqa.Version.class,
    description = {"Image quality assessment at corpus scale on Apache Spark.",
        "Without --master it runs on an embedded local[*] Spark; under spark-submit it uses that master."},
    subcommands = {RunCommand.class, ScoreCommand.class, EvaluateCommand.class, AuditCommand.class, ReportCommand.class,
        ModelsCommand.class, DatasetsCommand.class, FilterCommand.class, CurateCommand.class,
        SweepCommand.class, CompareCommand.class}, footer = SparkIqa.EXIT_CODES)
public final class SparkIqa implements Runnable {
  /** The footer of every command's help: exit codes and the failure classes of scores rows. */
  static final String EXIT_CODES = "%nExit codes: 0 done; 1 the job failed (the message says why and what is kept); "
      + "2 bad usage or configuration, before Spark starts; 3 scores unaccounted for: a manifest row x model with no "
      + "row in scores/ (the reconciliation lists the first; --resume scores them).%n"
      + "Failed rows carry 'reason_class: message' in error. Transient classes, scored again by --resume: read_error, "
      + "timeout, server_unavailable, internal_error (and reference_* of them). Permanent: missing, not_a_file, "
      + "bad_uri, over_byte_cap, empty, truncated, undecodable, unsupported_format, over_pixel_cap, "
      + "crop_outside_image, ref_size_mismatch, no_reference, too_small, undefined.";

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code = execute(args);
    System.exit(code);
  }

  /**
   * Runs a command and returns its exit code (0 ok, 1 failure during the job, 2 bad usage or config, 3 scores left
   * unaccounted for by the reconciliation).
   */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new SparkIqa());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ExecutorWatchdog.failure() != null) {
        cmd.getErr().println("error: " + ExecutorWatchdog.failure());
        return 1;
      }
      if (ex instanceof IllegalArgumentException) {
        cmd.getErr().println(Secrets.scrub("error: " + ex.getMessage()));
        return 2;
      }
      if (ex instanceof ChunkFailure f && f.storage()) {
        cmd.getErr().println(Secrets.scrub("error: " + ex.getMessage()));
        return 1;
      }
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      cmd.getErr().print(Secrets.scrub("failed: " + ex + System.lineSeparator() + trace));
      cmd.getErr().flush();
      return 1;
    });
    cl.setErr(new PrintWriter(System.err, true));
    return cl.execute(args);
  }

  /** Reports the jar's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SparkIqa.class.getPackage().getImplementationVersion();
      return new String[] {"spark-iqa " + (v == null ? "dev" : v)};
    }
  }
}
