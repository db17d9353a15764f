package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns a MOS dataset's official label file(s) plus an image root into the canonical manifest
 * (DESIGN.md section 2), keeping the dataset's own MOS scale in {@code mos_scale} and its official
 * split where one exists. Rows that cannot be used (malformed line, NaN or out-of-scale MOS, duplicate
 * name) become rejects with their line number.
 *
 * <pre>{@code
 * ManifestValidator.Split m = DatasetAdapters.prepare(spark, "koniq10k",
 *     List.of("s3a://b/koniq/koniq10k_distributions_sets.csv"), "s3a://b/koniq/1024x768", options, runId);
 * }</pre>
 */
public final class DatasetAdapters {
  public static final List<String> NAMES = List.of("koniq10k", "flive", "paq2piq", "spaq", "clive", "agiqa3k");

  private DatasetAdapters() {
  }

  /**
   * @param koniqAcr     KonIQ-10k only: use the 1-5 ACR mean as mos instead of the 0-100 MOS
   * @param splitSeed    SPAQ/CLIVE/AGIQA-3K (no official split): seed of the 80/20 split; null for none
   */
  public record Options(boolean koniqAcr, Long splitSeed, double testFraction) {
  }

  public static ManifestValidator.Split prepare(SparkSession spark, String dataset, List<String> labels, String images,
                                                Options o, String runId) {
    String root = images.endsWith("/") ? images : images + "/";
    return switch (dataset.toLowerCase(Locale.ROOT)) {
      case "koniq10k" -> koniq(spark, one(dataset, labels), root, o, runId);
      case "flive" -> Flive.image(spark, labels, root, runId);
      case "paq2piq" -> Flive.patches(spark, one(dataset, labels), root, runId);
      case "spaq" -> simple(spark, "spaq", one(dataset, labels), root, "Image name", "MOS", null, "0-100", 0, 100,
          List.of("Brightness", "Colorfulness", "Contrast", "Noisiness", "Sharpness"), o, runId);
      case "clive" -> simple(spark, "clive", one(dataset, labels), root, "image_name", "MOS", "SD", "0-100", 0, 100,
          List.of(), o, runId);
      case "agiqa3k" -> simple(spark, "agiqa3k", one(dataset, labels), root, "name", "mos_quality", "std_quality",
          "agiqa3k-quality-0-5", 0, 5, List.of("mos_align", "std_align", "prompt", "adj1", "adj2", "style"), o, runId);
      default -> throw new IllegalArgumentException("--dataset " + dataset + ": unknown; one of " + String.join(", ", NAMES));
    };
  }

  private static String one(String dataset, List<String> labels) {
    if (labels.size() != 1) {
      throw new IllegalArgumentException("--dataset " + dataset + " takes one --labels file, got " + labels.size());
    }
    return labels.get(0);
  }

  /**
   * KonIQ-10k: {@code koniq10k_distributions_sets.csv} (MOS 0-100, SD on the 1-5 scale, set) or the
   * official {@code koniq10k_scores_and_distributions.csv} layout (MOS = 1-5 ACR mean, MOS_zscore = 0-100).
   * On the 0-100 scale {@code mos_std} is SD x 25 (the affine factor from 1-5 to 0-100; approximate, since
   * the 0-100 MOS is z-scored per rater and not an affine map of the ACR mean); the 1-5 SD is kept in
   * {@code attrs.sd_acr}.
   */
  static ManifestValidator.Split koniq(SparkSession spark, String labels, String root, Options o, String runId) {
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, labels);
    boolean official = List.of(raw.columns()).contains("MOS_zscore");
    if (o.koniqAcr() && !official) {
      throw new IllegalArgumentException("--koniq-acr needs koniq10k_scores_and_distributions.csv (with MOS_zscore); "
          + labels + " has only the 0-100 MOS");
    }
    Column acr;
    Column mos100;
    if (official) {
      acr = col("MOS");
      mos100 = col("MOS_zscore");
    } else {
      acr = lit(null).cast("string");
      mos100 = col("MOS");
    }
    Column mos = o.koniqAcr() ? acr : mos100;
    Column std = o.koniqAcr() ? col("SD") : expr("cast(try_cast(SD as double) * 25 as string)");
    Dataset<Row> c = canonical(raw, "koniq10k", col("image_name"), root,
        List.of(raw.columns()).contains("set") ? col("set") : lit(null).cast("string"),
        mos, std, o.koniqAcr() ? "acr-1-5" : "0-100",
        expr("map('sd_acr', SD, 'c_total', c_total)"));
    return o.koniqAcr() ? ManifestValidator.validate(c, runId, 1, 5) : ManifestValidator.validate(c, runId, 0, 100);
  }

  /** Datasets with one label file, a name and a MOS column, and no official split. */
  static ManifestValidator.Split simple(SparkSession spark, String dataset, String labels, String root, String nameCol,
                                        String mosCol, String stdCol, String scale, double lo, double hi,
                                        List<String> attrCols, Options o, String runId) {
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, labels);
    Column[] kv = new Column[attrCols.size() * 2];
    for (int i = 0; i < attrCols.size(); i++) {
      kv[2 * i] = lit(attrCols.get(i).toLowerCase(Locale.ROOT));
      kv[2 * i + 1] = col("`" + attrCols.get(i) + "`");
    }
    Column attrs = kv.length == 0 ? expr("map()").cast("map<string,string>") : org.apache.spark.sql.functions.map(kv);
    Column split = o.splitSeed() == null ? lit(null).cast("string")
        : when(expr("abs(xxhash64(" + o.splitSeed() + "L, `" + nameCol + "`)) % 1000000 < " + (long) (o.testFraction() * 1_000_000)),
            lit("test")).otherwise(lit("train"));
    Dataset<Row> c = canonical(raw, dataset, col("`" + nameCol + "`"), root, split, col("`" + mosCol + "`"),
        stdCol == null ? lit(null).cast("string") : col("`" + stdCol + "`"), scale, attrs);
    return ManifestValidator.validate(c, runId, lo, hi);
  }

  /** The raw-string manifest columns ManifestValidator expects. */
  static Dataset<Row> canonical(Dataset<Row> raw, String dataset, Column name, String root, Column split, Column mos,
                                Column std, String scale, Column attrs) {
    Column none = lit(null).cast("string");
    return canonical(raw, dataset, name, root, split, "image", new Column[] {none, none, none, none}, mos, std, scale,
        attrs);
  }

  /** As above for one level, with its crop box columns (top, left, bottom, right). */
  static Dataset<Row> canonical(Dataset<Row> raw, String dataset, Column name, String root, Column split, String level,
                                Column[] box, Column mos, Column std, String scale, Column attrs) {
    return raw.select(
        concat(lit(dataset + "/"), name).as("image_id"),
        when(name.isNull(), lit(null).cast("string")).otherwise(concat(lit(root), name)).as("uri"),
        lit(null).cast("string").as("ref_uri"), lit(dataset).as("dataset"), split.cast("string").as("split"),
        lit(level).as("level"), box[0].cast("string").as("crop_top"), box[1].cast("string").as("crop_left"),
        box[2].cast("string").as("crop_bottom"), box[3].cast("string").as("crop_right"),
        coalesce(mos.cast("string"), lit("")).as("mos"), std.cast("string").as("mos_std"), lit(scale).as("mos_scale"),
        attrs.as("attrs"), col("source_line"), col("_malformed"));
  }
}
