package io.sparkiqa.jobs.cli;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.report.AuditReport;
import io.sparkiqa.jobs.report.ReportBuilder;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkiqa report}: re-render report.html and summary.md from an output folder's Parquet alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Re-render report.html and summary.md from the Parquet outputs and run.json of --in (a run/evaluate output, or an audit output).")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, paramLabel = "URI", description = "Output folder of run, evaluate or audit.")
  String in;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Where to write report.html and summary.md (any Hadoop URI).")
  String out;

  @Option(names = "--colour-by", paramLabel = "COL", description = "attrs column that colours the scatter plots.")
  String colourBy;

  @Option(names = "--direction", paramLabel = "NAME=lower|higher",
      description = "Which way a model's scores point; repeatable. Checked, with the run.json in --in and the catalog, "
          + "against the direction the tables were computed with; a difference is printed and noted in the report.")
  List<String> direction = new ArrayList<>();

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    Configuration hc = spark.hadoopConf();
    boolean audit = AuditReport.isAudit(hc, in);
    if (!audit) {
      Preflight.inputExists(hc, "--in", in + "/metrics");
    }
    Directions directions = Directions.resolve(direction, Directions.fromRunJson(hc, in + "/scores"),
        MetricCatalog.builtIn(), System.out);
    SparkSession s = spark.session("sparkiqa report");
    try {
      if (audit) {
        AuditReport.build(s, in, out, directions);
      } else {
        ReportBuilder.build(s, in, out, colourBy, directions);
      }
      directions.unused().forEach(m -> System.out.printf("warning: --direction names %s, which has no table here%n", m));
      System.out.println("wrote " + out + "/report.html and summary.md");
      return 0;
    } finally {
      s.stop();
    }
  }
}
