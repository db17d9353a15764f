package io.sparkiqa.jobs.datasets;

import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The one list of dataset adapters ({@link #ALL}) and the look-up by name that {@code sparkiqa datasets
 * prepare --dataset NAME} uses. Each adapter turns a MOS dataset's official label file(s) plus an image
 * root into the canonical manifest (see {@link DatasetAdapter}). To add a dataset, write its
 * {@link DatasetAdapter} class and add one instance to {@link #ALL}; nothing else names datasets.
 *
 * <pre>{@code
 * ManifestValidator.Split m = DatasetAdapters.prepare(spark, "koniq10k",
 *     List.of("s3a://b/koniq/koniq10k_distributions_sets.csv"), "s3a://b/koniq/1024x768", options, runId);
 * }</pre>
 */
public final class DatasetAdapters {
  /** Every dataset adapter, in the order listings show them. */
  public static final List<DatasetAdapter> ALL = List.of(
      new Koniq10k(),
      new Flive(),
      new Paq2piq(),
      new Spaq(),
      new Clive(),
      new Agiqa3k(),
      new Tid2013(),
      new Kadid10k(),
      new Csiq(),
      new Live(),
      new Pipal(),
      new Ava());

  /** The names of {@link #ALL}, in its order. */
  public static final List<String> NAMES = ALL.stream().map(DatasetAdapter::name).toList();

  private DatasetAdapters() {
  }

  /**
   * The dataset-specific choices of {@code datasets prepare}; each adapter reads those that concern it.
   *
   * @param koniqAcr     KonIQ-10k only: use the 1-5 ACR mean as mos instead of the 0-100 MOS
   * @param splitSeed    SPAQ/CLIVE/AGIQA-3K (no official split): seed of the 80/20 split; null for none (AGIQA-3K: seed 0)
   * @param testFraction with {@code splitSeed}: the share of rows in {@code test}
   */
  public record Options(boolean koniqAcr, Long splitSeed, double testFraction) {
  }

  /**
   * The adapter named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming every known dataset when there is none of that name
   */
  public static DatasetAdapter byName(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(a -> a.name().equals(key)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("--dataset " + name + ": unknown; one of " + String.join(", ", NAMES)));
  }

  /** Prepares {@code dataset} with the adapter of that name; {@code images} need not end in {@code /}. */
  public static ManifestValidator.Split prepare(SparkSession spark, String dataset, List<String> labels, String images,
                                                Options o, String runId) {
    String root = images.endsWith("/") ? images : images + "/";
    return byName(dataset).prepare(spark, labels, root, o, runId);
  }
}
