package io.sparkiqa.jobs.cli;

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
        ModelsCommand.class, DatasetsCommand.class})
public final class SparkIqa implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    int code = execute(args);
    System.exit(code);
  }

  /** Runs a command and returns its exit code (0 ok, 1 failure during the job, 2 bad usage or config). */
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
