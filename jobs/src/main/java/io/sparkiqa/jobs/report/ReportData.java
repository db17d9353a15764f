package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.evaluate.PairwiseRow;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read from the Parquet outputs alone (so a report can be re-rendered
 * without rescoring).
 *
 * @param provenance   flat key/value facts from run.json (run id, versions, commit, command)
 * @param reconciliation ordered counts: manifest rows in, scored ok, failed, rejected
 * @param roundingFlags per model, the scores that hang on rounding noise ({@link RoundingFlags})
 * @param colourBy     the attrs key points are coloured by in scatter plots, or null
 * @param notes        warnings for the reader, e.g. a direction that differs from the one a table was computed with
 * @param failures     the first failed scores rows ({@link ReportBuilder#LISTED} at most, sorted)
 * @param failuresTotal how many failed scores rows there are
 * @param rejectsTotal how many rejected manifest rows there are ({@code rejects} holds the first)
 * @param aspects      the models' aspects and per-image scores for the quality-vs-aesthetics view
 *                     ({@link AspectScores#NONE} when the run lacks one aspect)
 */
public record ReportData(String title, Map<String, String> provenance, Map<String, Long> reconciliation,
                         List<MetricRow> metrics, List<PairwiseRow> pairwise, List<Point> points, List<Failure> failures,
                         List<Reject> rejects, List<RoundingFlags.Flag> roundingFlags, String colourBy, List<String> notes,
                         long failuresTotal, long rejectsTotal, AspectScores aspects) {

  /** A report without the quality-vs-aesthetics view. */
  public ReportData(String title, Map<String, String> provenance, Map<String, Long> reconciliation,
                    List<MetricRow> metrics, List<PairwiseRow> pairwise, List<Point> points, List<Failure> failures,
                    List<Reject> rejects, List<RoundingFlags.Flag> roundingFlags, String colourBy, List<String> notes,
                    long failuresTotal, long rejectsTotal) {
    this(title, provenance, reconciliation, metrics, pairwise, points, failures, rejects, roundingFlags, colourBy, notes,
        failuresTotal, rejectsTotal, AspectScores.NONE);
  }

  /** A report whose failures and rejects lists hold every row. */
  public ReportData(String title, Map<String, String> provenance, Map<String, Long> reconciliation,
                    List<MetricRow> metrics, List<PairwiseRow> pairwise, List<Point> points, List<Failure> failures,
                    List<Reject> rejects, List<RoundingFlags.Flag> roundingFlags, String colourBy, List<String> notes) {
    this(title, provenance, reconciliation, metrics, pairwise, points, failures, rejects, roundingFlags, colourBy, notes,
        failures.size(), rejects.size());
  }

  /** A report without notes. */
  public ReportData(String title, Map<String, String> provenance, Map<String, Long> reconciliation,
                    List<MetricRow> metrics, List<PairwiseRow> pairwise, List<Point> points, List<Failure> failures,
                    List<Reject> rejects, List<RoundingFlags.Flag> roundingFlags, String colourBy) {
    this(title, provenance, reconciliation, metrics, pairwise, points, failures, rejects, roundingFlags, colourBy, List.of());
  }

  /** One evaluated pair. */
  public record Point(String model, String dataset, String split, String level, double score, double mos,
                      String colour) {
  }

  /** A failed scores row. */
  public record Failure(String imageId, String level, String model, String error) {
  }

  /** A rejected manifest row. */
  public record Reject(Long sourceLine, String imageId, String level, String reason) {
  }
}
