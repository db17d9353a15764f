package io.sparkiqa.jobs.audit;

import static org.apache.spark.sql.functions.col;

import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.jobs.contracts.Schemas;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The audit of a corpus without MOS, from its scores: writes {@code audit_scores/} (scores joined with the
 * manifest's uri and attrs: what a later audit's {@code --baseline} reads), {@code ingest/},
 * {@code duplicates/}, {@code distributions/}, {@code agreement/}, {@code disagreement/},
 * {@code extremes/} and, with a baseline, {@code drift/}. The report is rendered from these alone.
 *
 * <pre>{@code
 * AuditJob.Result r = AuditJob.run(spark, scores, split.valid(), options, "s3a://bucket/audit");
 * }</pre>
 */
public final class AuditJob {
  private AuditJob() {
  }

  /** What the console reports. */
  public record Result(long images, long failedImages, long duplicateGroups, int distributionRows, int driftRows) {
  }

  public static Result run(SparkSession spark, Dataset<Row> scores, Dataset<Row> valid, AuditOptions o, String out) {
    Dataset<Row> joined = scores.join(valid.select("image_id", "level", "uri", "dataset", "split", "attrs"),
        CollectionConverters.asScala(List.of("image_id", "level")).toSeq(), "left");
    joined.select("image_id", "level", "model", "score", "status", "error", "width", "height", "format", "mode",
            "bit_depth", "has_alpha", "content_sha256", "diagnostics", "uri", "dataset", "split", "attrs")
        .coalesce(Math.max(1, scores.rdd().getNumPartitions())).write().mode(SaveMode.Overwrite)
        .parquet(out + "/audit_scores");
    Dataset<Row> auditScores = spark.read().parquet(out + "/audit_scores");

    Dataset<Row> images = Ingest.perImage(auditScores).cache();
    Ingest.facets(images).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/ingest");
    Dataset<Row> dups = Ingest.duplicates(images);
    spark.createDataFrame(dups.collectAsList(), Schemas.AUDIT_DUPLICATES).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(out + "/duplicates");

    ScoreTable table = collect(auditScores, o.groupBy());
    List<String> models = table.models();
    List<Row> dist = Distributions.rows(table, Thresholds.of(spark, o, models), o);
    write(spark, dist, Schemas.AUDIT_DISTRIBUTIONS, out + "/distributions");
    write(spark, Agreement.matrix(table, o.directions()), Schemas.AUDIT_AGREEMENT, out + "/agreement");
    Thumbnails thumbs = new Thumbnails(spark.sparkContext().hadoopConfiguration(), o.maxPixels(), o.maxBytes());
    List<Row> dis = new ArrayList<>();
    int rank = 1;
    for (Object[] d : Agreement.disagreement(table, o.topK(), o.directions())) {
      dis.add(RowFactory.create(rank++, d[0], d[1], d[2], d[3], d[4], CollectionConverters.asScala((Map<?, ?>) d[5]),
          CollectionConverters.asScala((Map<?, ?>) d[6]), thumbs.of((String) d[1])));
    }
    write(spark, dis, Schemas.AUDIT_DISAGREEMENT, out + "/disagreement");
    write(spark, extremes(table, o.topK(), thumbs, o.directions()), Schemas.AUDIT_EXTREMES, out + "/extremes");
    int driftRows = 0;
    if (o.baseline() != null) {
      ScoreTable base = collect(spark.read().parquet(o.baseline() + "/audit_scores"), o.groupBy());
      List<Row> drift = Drift.rows(table, base, o.baseline());
      write(spark, drift, Schemas.AUDIT_DRIFT, out + "/drift");
      driftRows = drift.size();
    }
    long n = images.count();
    long failed = images.filter(col("failed").equalTo(1)).count();
    long dupGroups = spark.read().parquet(out + "/duplicates").count();
    images.unpersist();
    return new Result(n, failed, dupGroups, dist.size(), driftRows);
  }

  /** Prints the one-paragraph console summary. */
  public static void print(Result r, PrintStream console) {
    console.printf("audited %d image(s): %d with a failed model; %d group(s) of byte-identical duplicates; "
        + "%d distribution row(s)%s%n", r.images(), r.failedImages(), r.duplicateGroups(), r.distributionRows(),
        r.driftRows() > 0 ? "; " + r.driftRows() + " drift row(s)" : "");
  }

  private static ScoreTable collect(Dataset<Row> auditScores, List<String> groupBy) {
    return ScoreTable.of(auditScores.select("image_id", "level", "model", "score", "status", "uri", "dataset", "split",
        "attrs").collectAsList(), groupBy);
  }

  /** Worst-k and best-k per model (worst = highest score for a lower-better metric), ties by image_id. */
  static List<Row> extremes(ScoreTable t, int k, Thumbnails thumbs, Directions d) {
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, List<ScoreTable.Entry>> m : t.byModel.entrySet()) {
      boolean lower = d.lowerBetter(m.getKey());
      Comparator<ScoreTable.Entry> worstFirst = Comparator.comparingDouble(ScoreTable.Entry::score);
      worstFirst = (lower ? worstFirst.reversed() : worstFirst).thenComparing(ScoreTable.Entry::imageId);
      List<ScoreTable.Entry> sorted = new ArrayList<>(m.getValue());
      sorted.sort(worstFirst);
      for (int i = 0; i < Math.min(k, sorted.size()); i++) {
        ScoreTable.Entry w = sorted.get(i);
        out.add(RowFactory.create(m.getKey(), "worst", i + 1, w.imageId(), w.uri(), w.score(), thumbs.of(w.uri())));
        ScoreTable.Entry b = sorted.get(sorted.size() - 1 - i);
        out.add(RowFactory.create(m.getKey(), "best", i + 1, b.imageId(), b.uri(), b.score(), thumbs.of(b.uri())));
      }
    }
    return out;
  }

  private static void write(SparkSession spark, List<Row> rows, StructType schema, String uri) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(uri);
  }
}
