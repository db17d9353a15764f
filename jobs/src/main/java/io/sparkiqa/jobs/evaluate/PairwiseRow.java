package io.sparkiqa.jobs.evaluate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code pairwise} table: model A against model B on the images both scored, in one
 * (dataset, split, level, group). SRCCs here are direction-corrected (a lower-better model's scores, and a
 * lower-better MOS such as a DMOS, are negated first) so that {@code delta_srcc = srcc_a - srcc_b > 0} means A
 * agrees better with MOS.
 * Williams' t and Steiger's Z are applied to the Spearman correlations (Pearson on ranks);
 * {@code p_holm} is Holm-adjusted {@code p_bootstrap} across all pairs of the same group.
 */
public record PairwiseRow(String modelA, String modelB, String dataset, String split, String level, String groupBy,
                          String group, long n, Double srccA, Double srccB, Double deltaSrcc, Double deltaCiLow,
                          Double deltaCiHigh, Double pBootstrap, Double williamsT, Double pWilliams, Double steigerZ,
                          Double pSteiger, Double pHolm, String reason, Integer bootstrapB, Long seed) {

  public PairwiseRow withHolm(Double p) {
    return new PairwiseRow(modelA, modelB, dataset, split, level, groupBy, group, n, srccA, srccB, deltaSrcc, deltaCiLow,
        deltaCiHigh, pBootstrap, williamsT, pWilliams, steigerZ, pSteiger, p, reason, bootstrapB, seed);
  }

  public Row toRow() {
    return RowFactory.create(modelA, modelB, dataset, split, level, groupBy, group, n, srccA, srccB, deltaSrcc,
        deltaCiLow, deltaCiHigh, pBootstrap, williamsT, pWilliams, steigerZ, pSteiger, pHolm, reason, bootstrapB, seed);
  }

  public static PairwiseRow fromRow(Row r) {
    return new PairwiseRow(r.getAs("model_a"), r.getAs("model_b"), r.getAs("dataset"), r.getAs("split"),
        r.getAs("level"), r.getAs("group_by"), r.getAs("group"), r.<Long>getAs("n"), r.getAs("srcc_a"),
        r.getAs("srcc_b"), r.getAs("delta_srcc"), r.getAs("delta_srcc_ci_low"), r.getAs("delta_srcc_ci_high"),
        r.getAs("p_bootstrap"), r.getAs("williams_t"), r.getAs("p_williams"), r.getAs("steiger_z"),
        r.getAs("p_steiger"), r.getAs("p_holm"), r.getAs("reason"), r.getAs("bootstrap_b"), r.getAs("seed"));
  }
}
