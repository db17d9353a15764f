package io.sparkiqa.jobs.cli;

import static io.sparkiqa.udfs.score.ScoreRecord.FAILED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The step the commands share after scoring: reconcile rows in with rows out. */
final class Stages {
  private Stages() {
  }

  /**
   * Rows in = rows with every model ok + rows with a failed model + rejected. Counted on the current
   * state of {@code scores/} (all runs), so a resumed run reconciles the whole manifest.
   */
  static Map<String, Long> reconcile(ManifestValidator.Split split, Dataset<Row> scores, PrintStream console) {
    long rejected = split.rejects().count();
    long valid = split.valid().count();
    Dataset<Row> perImage = scores.groupBy("image_id", "level")
        .agg(max(when(col("status").equalTo(FAILED), 1).otherwise(0)).as("any_failed"));
    Dataset<Row> joined = split.valid().select("image_id", "level")
        .join(perImage, scala.jdk.javaapi.CollectionConverters.asScala(List.of("image_id", "level")).toSeq(), "left");
    long failed = joined.filter(col("any_failed").equalTo(1)).count();
    long ok = joined.filter(col("any_failed").equalTo(0)).count();
    long unscored = valid - failed - ok;
    Map<String, Long> rec = new LinkedHashMap<>();
    rec.put("rows_in", valid + rejected);
    rec.put("scored_ok", ok);
    rec.put("failed", failed);
    rec.put("rejected", rejected);
    if (unscored != 0) {
      rec.put("not_scored", unscored);
    }
    console.printf("reconciliation: in %d = ok %d + failed %d + rejected %d%s%n", valid + rejected, ok, failed, rejected,
        unscored == 0 ? "" : " + not scored " + unscored);
    return rec;
  }
}
