package io.sparkiqa.jobs.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.contracts.Schemas;
import io.sparkiqa.jobs.stats.Bootstrap;
import io.sparkiqa.jobs.stats.GroupStats;
import io.sparkiqa.jobs.stats.LogisticFit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code metrics} table (DESIGN.md section 2). The {@code _ci_} columns are bootstrap
 * percentile intervals, {@code _fisher_} ones Fisher-z intervals; {@code rmse_*} divides by N - d.
 * {@code stats_path} says where the numbers came from: {@code driver} (all statistics) or {@code spark}
 * (SRCC and PLCC from Spark SQL only, for groups above the driver bound). {@code n} counts the ok rows with a MOS;
 * {@code n_nonfinite} how many of them have a score that is not finite (see {@link io.sparkiqa.jobs.stats.NonFinite}).
 * The statistics are signed against the published MOS; {@code mosLowerBetter} (true for a DMOS, null when read from a
 * table written before the column existed) and {@code lowerBetter} give {@link #srccCorrected()}.
 */
public record MetricRow(String model, String dataset, String split, String level, String groupBy, String group,
                        long n, long nFailed, long nNonfinite, String reason, boolean lowerBetter,
                        Double srcc, Double srccCiLow, Double srccCiHigh, Double krcc,
                        Double plcc, Double plccCiLow, Double plccCiHigh,
                        Double plccLogistic4, Double plccLogistic4CiLow, Double plccLogistic4CiHigh,
                        Double plccLogistic5, Double rmseLogistic4, Double rmseLogistic5,
                        String fitParams, Boolean fitConverged,
                        Double srccFisherLow, Double srccFisherHigh, Double plccFisherLow, Double plccFisherHigh,
                        Integer bootstrapB, Long seed, String mosScale, String statsPath, Boolean mosLowerBetter) {

  /** A row of a higher-better MOS ({@code mos_lower_better} false). */
  public MetricRow(String model, String dataset, String split, String level, String groupBy, String group,
                   long n, long nFailed, long nNonfinite, String reason, boolean lowerBetter,
                   Double srcc, Double srccCiLow, Double srccCiHigh, Double krcc,
                   Double plcc, Double plccCiLow, Double plccCiHigh,
                   Double plccLogistic4, Double plccLogistic4CiLow, Double plccLogistic4CiHigh,
                   Double plccLogistic5, Double rmseLogistic4, Double rmseLogistic5,
                   String fitParams, Boolean fitConverged,
                   Double srccFisherLow, Double srccFisherHigh, Double plccFisherLow, Double plccFisherHigh,
                   Integer bootstrapB, Long seed, String mosScale, String statsPath) {
    this(model, dataset, split, level, groupBy, group, n, nFailed, nNonfinite, reason, lowerBetter, srcc, srccCiLow,
        srccCiHigh, krcc, plcc, plccCiLow, plccCiHigh, plccLogistic4, plccLogistic4CiLow, plccLogistic4CiHigh,
        plccLogistic5, rmseLogistic4, rmseLogistic5, fitParams, fitConverged, srccFisherLow, srccFisherHigh,
        plccFisherLow, plccFisherHigh, bootstrapB, seed, mosScale, statsPath, false);
  }

  /** The grouping key of a metrics row. */
  public record Key(String model, String dataset, String split, String level, String groupBy, String group) {
  }

  public static MetricRow of(Key k, long nFailed, boolean lowerBetter, String mosScale, GroupStats s, Bootstrap b,
                             String extraReason) {
    String reason = join(s.reason(), extraReason);
    return new MetricRow(k.model(), k.dataset(), k.split(), k.level(), k.groupBy(), k.group(), s.n(), nFailed,
        s.nonFinite().total(), reason, lowerBetter, s.srcc(), s.srccCi() == null ? null : s.srccCi().low(),
        s.srccCi() == null ? null : s.srccCi().high(), s.krcc(), s.plcc(), s.plccCi() == null ? null : s.plccCi().low(), s.plccCi() == null ? null : s.plccCi().high(),
        s.fit4() == null ? null : finite(s.fit4().plcc()),
        s.plcc4Ci() == null ? null : s.plcc4Ci().low(), s.plcc4Ci() == null ? null : s.plcc4Ci().high(),
        s.fit5() == null ? null : finite(s.fit5().plcc()),
        s.fit4() == null ? null : s.fit4().rmse(), s.fit5() == null ? null : s.fit5().rmse(),
        fitJson(s), s.fit4() == null && s.fit5() == null ? null
            : (s.fit4() == null || s.fit4().converged()) && (s.fit5() == null || s.fit5().converged()),
        s.srccFisher() == null ? null : s.srccFisher().low(), s.srccFisher() == null ? null : s.srccFisher().high(),
        s.plccFisher() == null ? null : s.plccFisher().low(), s.plccFisher() == null ? null : s.plccFisher().high(),
        b == null ? null : b.replicates(), b == null ? null : b.seed(), mosScale, "driver");
  }

  /** A row from the Spark SQL path only: n, SRCC and PLCC. */
  public static MetricRow sparkOnly(Key k, long n, long nFailed, long nNonfinite, boolean lowerBetter, String mosScale,
                                    Double srcc, Double plcc, String reason) {
    return new MetricRow(k.model(), k.dataset(), k.split(), k.level(), k.groupBy(), k.group(), n, nFailed, nNonfinite,
        reason, lowerBetter, srcc, null, null, null, plcc, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, mosScale, "spark");
  }

  public Key key() {
    return new Key(model, dataset, split, level, groupBy, group);
  }

  public MetricRow withReason(String extra) {
    return new MetricRow(model, dataset, split, level, groupBy, group, n, nFailed, nNonfinite, join(reason, extra),
        lowerBetter, srcc, srccCiLow, srccCiHigh, krcc, plcc, plccCiLow, plccCiHigh, plccLogistic4, plccLogistic4CiLow,
        plccLogistic4CiHigh, plccLogistic5, rmseLogistic4, rmseLogistic5, fitParams, fitConverged, srccFisherLow,
        srccFisherHigh, plccFisherLow, plccFisherHigh, bootstrapB, seed, mosScale, statsPath, mosLowerBetter);
  }

  /** This row with the human scale's direction: {@code mos_lower_better} (true for a DMOS). */
  public MetricRow withMosLowerBetter(boolean lower) {
    return new MetricRow(model, dataset, split, level, groupBy, group, n, nFailed, nNonfinite, reason,
        lowerBetter, srcc, srccCiLow, srccCiHigh, krcc, plcc, plccCiLow, plccCiHigh, plccLogistic4, plccLogistic4CiLow,
        plccLogistic4CiHigh, plccLogistic5, rmseLogistic4, rmseLogistic5, fitParams, fitConverged, srccFisherLow,
        srccFisherHigh, plccFisherLow, plccFisherHigh, bootstrapB, seed, mosScale, statsPath, lower);
  }

  /** True when the model and the human scale point opposite ways (exactly one of them lower = better). */
  public boolean opposite() {
    return lowerBetter != Boolean.TRUE.equals(mosLowerBetter);
  }

  /**
   * SRCC with both directions corrected (+1 = the model ranks quality as people do): {@code srcc}, negated when the
   * model or the human scale (not both) is lower = better; null when {@code srcc} is.
   */
  public Double srccCorrected() {
    return srcc == null ? null : opposite() ? -srcc : srcc;
  }

  /** PLCC with both directions corrected, as {@link #srccCorrected()}. */
  public Double plccCorrected() {
    return plcc == null ? null : opposite() ? -plcc : plcc;
  }

  public Row toRow() {
    return RowFactory.create(model, dataset, split, level, groupBy, group, n, nFailed, nNonfinite, reason, lowerBetter,
        srcc, srccCiLow, srccCiHigh, krcc, plcc, plccCiLow, plccCiHigh, plccLogistic4, plccLogistic4CiLow,
        plccLogistic4CiHigh, plccLogistic5, rmseLogistic4, rmseLogistic5, fitParams, fitConverged, srccFisherLow,
        srccFisherHigh, plccFisherLow, plccFisherHigh, bootstrapB, seed, mosScale, statsPath, mosLowerBetter);
  }

  public static MetricRow fromRow(Row r) {
    return new MetricRow(r.getAs("model"), r.getAs("dataset"), r.getAs("split"), r.getAs("level"), r.getAs("group_by"),
        r.getAs("group"), r.<Long>getAs("n"), r.<Long>getAs("n_failed"), nonfinite(r), r.getAs("reason"),
        r.<Boolean>getAs("lower_better"), r.getAs("srcc"), r.getAs("srcc_ci_low"), r.getAs("srcc_ci_high"), r.getAs("krcc"), r.getAs("plcc"),
        r.getAs("plcc_ci_low"), r.getAs("plcc_ci_high"), r.getAs("plcc_logistic4"), r.getAs("plcc_logistic4_ci_low"),
        r.getAs("plcc_logistic4_ci_high"), r.getAs("plcc_logistic5"), r.getAs("rmse_logistic4"),
        r.getAs("rmse_logistic5"), r.getAs("fit_params"), r.getAs("fit_converged"), r.getAs("srcc_fisher_low"),
        r.getAs("srcc_fisher_high"), r.getAs("plcc_fisher_low"), r.getAs("plcc_fisher_high"), r.getAs("bootstrap_b"),
        r.getAs("seed"), r.getAs("mos_scale"), r.getAs("stats_path"),
        Schemas.has(r, "mos_lower_better") ? r.getAs("mos_lower_better") : null);
  }

  /** {@code n_nonfinite}, 0 in a metrics table written before the column existed. */
  private static long nonfinite(Row r) {
    return Schemas.has(r, "n_nonfinite") ? r.<Long>getAs("n_nonfinite") : 0L;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "; " + b;
  }

  private static String fitJson(GroupStats s) {
    if (s.fit4() == null && s.fit5() == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (LogisticFit.Result f : new LogisticFit.Result[] {s.fit4(), s.fit5()}) {
      if (f != null) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("params", f.params());
        e.put("sse", f.sse());
        e.put("converged", f.converged());
        e.put("start", f.start());
        e.put("iterations", f.iterations());
        e.put("monotonic", f.monotonic());
        m.put(f.function(), e);
      }
    }
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
