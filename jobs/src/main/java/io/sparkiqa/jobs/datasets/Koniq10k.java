package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * KonIQ-10k: {@code koniq10k_distributions_sets.csv} (MOS 0-100, SD on the 1-5 scale, set) or the
 * official {@code koniq10k_scores_and_distributions.csv} layout (MOS = 1-5 ACR mean, MOS_zscore = 0-100).
 * The official split ({@code training}/{@code validation}/{@code test}) comes from the {@code set} column
 * where the file has one. On the 0-100 scale {@code mos_std} is SD x 25 (the affine factor from 1-5 to
 * 0-100; approximate, since the 0-100 MOS is z-scored per rater and not an affine map of the ACR mean);
 * the 1-5 SD is kept in {@code attrs.sd_acr}. With {@link DatasetAdapters.Options#koniqAcr()} the 1-5 ACR
 * mean is the target instead (official layout only).
 */
final class Koniq10k implements DatasetAdapter {
  @Override
  public String name() {
    return "koniq10k";
  }

  @Override
  public String description() {
    return "KonIQ-10k: 10,073 in-the-wild photos; koniq10k_distributions_sets.csv (MOS 0-100, official split) "
        + "or koniq10k_scores_and_distributions.csv (also the 1-5 ACR mean, --koniq-acr)";
  }

  @Override
  public ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root, DatasetAdapters.Options o,
                                         String runId) {
    String file = CanonicalManifest.oneLabelFile(name(), labels);
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, file);
    boolean official = List.of(raw.columns()).contains("MOS_zscore");
    if (o.koniqAcr() && !official) {
      throw new IllegalArgumentException("--koniq-acr needs koniq10k_scores_and_distributions.csv (with MOS_zscore); "
          + file + " has only the 0-100 MOS");
    }
    Column acr = official ? col("MOS") : CanonicalManifest.none();
    Column mos100 = official ? col("MOS_zscore") : col("MOS");
    Column mos = o.koniqAcr() ? acr : mos100;
    Column std = o.koniqAcr() ? col("SD") : expr("cast(try_cast(SD as double) * 25 as string)");
    Dataset<Row> c = CanonicalManifest.canonical(raw, name(), col("image_name"), root,
        List.of(raw.columns()).contains("set") ? col("set") : CanonicalManifest.none(),
        mos, std, o.koniqAcr() ? "acr-1-5" : "0-100",
        expr("map('sd_acr', SD, 'c_total', c_total)"));
    return o.koniqAcr() ? ManifestValidator.validate(c, runId, 1, 5) : ManifestValidator.validate(c, runId, 0, 100);
  }
}
