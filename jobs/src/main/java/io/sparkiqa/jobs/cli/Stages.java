package io.sparkiqa.jobs.cli;

import static io.sparkiqa.udfs.score.ScoreRecord.OK;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.contracts.LatestScores;
import io.sparkiqa.jobs.contracts.OutputFiles;
import io.sparkiqa.jobs.contracts.RunInfo;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.report.AppReport;
import io.sparkiqa.jobs.report.ReportSection;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** The steps the commands share after scoring: reconcile rows in with rows out, the exit code it gives, and the app commands' outputs. */
final class Stages {
  /** How many unaccounted triples are listed. */
  static final int LISTED = 5;
  /** The exit code of a command that left scores unaccounted for. */
  static final int UNACCOUNTED = 3;
  /** The remedy of a command that scored: run it again with --resume. */
  static final String RESUME = "run the same command again with --resume to score them";

  private Stages() {
  }

  /**
   * Reconciles the manifest's rows with the latest row of every (image_id, level, model) in {@code scores} (all runs,
   * so a resumed run reconciles the whole manifest). Every count is taken from the rows themselves, none as a
   * remainder.
   *
   * @param models the models every valid row should have a score of; null: the models found in {@code scores}
   */
  static Reconciliation reconcile(ManifestValidator.Split split, Dataset<Row> scores, List<String> models,
                                  PrintStream console) {
    Dataset<Row> latest = LatestScores.of(scores);
    List<String> expected = models != null ? List.copyOf(models)
        : latest.select("model").distinct().orderBy("model").as(Encoders.STRING()).collectAsList();
    long rejected = split.rejects().count();
    Dataset<Row> triples = split.valid().select("image_id", "level")
        .crossJoin(split.valid().sparkSession().createDataset(expected, Encoders.STRING()).toDF("model"))
        .join(latest.select("image_id", "level", "model", "status"),
            CollectionConverters.asScala(List.of("image_id", "level", "model")).toList(), "left")
        .withColumn("_missing", when(col("status").isNull(), 1).otherwise(0))
        .withColumn("_failed", when(col("status").isNotNull().and(col("status").notEqual(OK)), 1).otherwise(0))
        .cache();
    Row perScore = triples.agg(count(lit(1)), sum("_missing"), sum("_failed")).first();
    long all = perScore.getLong(0);
    long unaccounted = all == 0 ? 0 : perScore.getLong(1);
    long scoresFailed = all == 0 ? 0 : perScore.getLong(2);
    Row perRow = triples.groupBy("image_id", "level").agg(max("_missing").as("m"), max("_failed").as("f"))
        .agg(count(lit(1)), sum(when(col("m").equalTo(1), 1).otherwise(0)),
            sum(when(col("m").equalTo(0).and(col("f").equalTo(1)), 1).otherwise(0)),
            sum(when(col("m").equalTo(0).and(col("f").equalTo(0)), 1).otherwise(0))).first();
    long rows = perRow.getLong(0);
    List<String> first = unaccounted == 0 ? List.of() : triples.filter(col("_missing").equalTo(1))
        .orderBy("image_id", "level", "model").select(concat_ws("/", col("image_id"), col("level"), col("model")))
        .limit(LISTED).as(Encoders.STRING()).collectAsList();
    triples.unpersist();
    long valid = split.valid().count();
    // with no model to expect, no valid row has a score
    long notScored = expected.isEmpty() ? valid : rows == 0 ? 0 : perRow.getLong(1);
    Reconciliation rec = new Reconciliation(valid + rejected, rows == 0 ? 0 : perRow.getLong(3),
        rows == 0 ? 0 : perRow.getLong(2), rejected, notScored, expected,
        all - unaccounted - scoresFailed, scoresFailed, unaccounted, first);
    console.println(rec.rowLine());
    console.println(rec.scoreLine());
    return rec;
  }

  /**
   * 0, or {@link #UNACCOUNTED} with a message on standard error that says what to do.
   *
   * @param remedy what scores the missing triples, e.g. "score them with --resume"
   */
  static int exitCode(Reconciliation rec, String remedy) {
    if (rec.complete()) {
      return 0;
    }
    System.err.println(rec.models().isEmpty()
        ? "error: the scores hold no row for any of the " + rec.notScored() + " manifest row(s); " + remedy
        : "error: " + rec.unaccounted() + " score(s) of " + rec.notScored() + " manifest row(s) have no row in the "
            + "scores (first: " + String.join(", ", rec.firstUnaccounted()) + "); " + remedy);
    return UNACCOUNTED;
  }

  /**
   * The end an application command (filter, curate, compare, sweep) shares: run.json, then report.html and
   * summary.md with the command's own section (read after run.json is written), then the line naming what it wrote.
   *
   * @param scoresTable the table whose failed rows the report lists; null: run.json's scores, else scores/
   * @param tables      the command's own outputs, as the "wrote" line lists them before the report files
   */
  static void writeAppOutputs(SparkSession s, String out, RunInfo info, String command,
      Supplier<ReportSection> own, String scoresTable, String tables) {
    OutputFiles.writeText(s.sparkContext().hadoopConfiguration(), out + "/run.json", info.toJson());
    AppReport.build(s, out, command, own.get(), scoresTable);
    System.out.println("wrote " + out + "/" + tables + ", report.html, summary.md, run.json");
  }
}
