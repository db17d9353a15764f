package io.sparkiqa.jobs.datasets;

import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One MOS dataset's way from its official label file(s) and an image root to the canonical manifest
 * (DESIGN.md section 2): the dataset's own MOS scale in {@code mos_scale}, its official split where one
 * exists, and rejects (with their label-file line numbers) for rows that cannot be used.
 *
 * <p>Every adapter is registered once in {@link DatasetAdapters#ALL}; {@code sparkiqa datasets prepare
 * --dataset NAME} finds it there by {@link #name()}. Adding a dataset is one class implementing this
 * interface plus one line in that list.
 *
 * <pre>{@code
 * DatasetAdapter koniq = DatasetAdapters.byName("koniq10k");
 * ManifestValidator.Split m = koniq.prepare(spark, List.of("s3a://b/koniq/koniq10k_distributions_sets.csv"),
 *     "s3a://b/koniq/1024x768/", new DatasetAdapters.Options(false, null, 0.2), runId);
 * m.valid().write().parquet("s3a://b/manifests/koniq10k");
 * }</pre>
 */
public interface DatasetAdapter {
  /** The {@code --dataset} name: lower case, unique among {@link DatasetAdapters#ALL}, e.g. {@code koniq10k}. */
  String name();

  /** One line for listings: what the dataset is and which label file(s) {@code --labels} takes. */
  String description();

  /**
   * Reads the label file(s) and returns the manifest rows and the rejects.
   *
   * @param labels  the {@code --labels} URIs, in the order given
   * @param root    the image root ending in {@code /}; the label files' relative image names are appended to it
   * @param options the dataset-specific choices; an adapter ignores those that do not concern it
   * @param runId   the run id the rejects are stamped with
   * @throws IllegalArgumentException when the label files do not fit (their number or layout) or an option
   *                                  cannot apply to them
   */
  ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root, DatasetAdapters.Options options,
                                  String runId);
}
