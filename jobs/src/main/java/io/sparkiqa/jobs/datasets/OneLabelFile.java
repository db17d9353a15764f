package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An adapter for a dataset that is one CSV label file with an image-name column and a MOS column and has
 * no official split (SPAQ, CLIVE, AGIQA-3K): a subclass names its columns in a {@link Layout}. With
 * {@code --split-seed} the rows get {@code train}/{@code test} by a seeded hash of the name, the
 * {@code --test-fraction} share being {@code test}; without it the split is null. A subclass may override
 * the split, add attrs derived from the name and reject names it cannot use (AGIQA-3K does all three).
 */
abstract class OneLabelFile extends NamedAdapter {
  /**
   * Where a label file keeps what the manifest needs.
   *
   * @param std   the MOS standard deviation column, or null where the file has none
   * @param scale the {@code mos_scale} written on every row; {@code lo}..{@code hi} is its valid range
   * @param attrs columns copied into {@code attrs}, under their lower-case names
   */
  record Layout(String name, String mos, String std, String scale, double lo, double hi, List<String> attrs) {
  }

  private final Layout layout;

  OneLabelFile(String name, String description, Layout layout) {
    super(name, description);
    this.layout = layout;
  }

  @Override
  public final ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root,
                                               DatasetAdapters.Options o, String runId) {
    Layout l = layout;
    Dataset<Row> raw = checked(ManifestReader.readCsvWithLines(spark, CanonicalManifest.oneLabelFile(name(), labels)),
        l.name());
    List<Column> kv = new ArrayList<>();
    for (String a : l.attrs()) {
      kv.add(lit(a.toLowerCase(Locale.ROOT)));
      kv.add(col("`" + a + "`"));
    }
    kv.addAll(extraAttrs(l.name()));
    Column attrs = kv.isEmpty() ? CanonicalManifest.noAttrs() : org.apache.spark.sql.functions.map(kv.toArray(Column[]::new));
    Dataset<Row> c = CanonicalManifest.canonical(raw, name(), col("`" + l.name() + "`"), root, split(l.name(), o),
        col("`" + l.mos() + "`"), l.std() == null ? CanonicalManifest.none() : col("`" + l.std() + "`"), l.scale(), attrs);
    return ManifestValidator.validate(c, runId, l.lo(), l.hi());
  }

  /**
   * The split of a row ({@code name}: the image-name column): with {@code --split-seed} {@code train}/{@code test} by
   * a seeded hash of the name, the {@code --test-fraction} share being {@code test}; without it null.
   */
  Column split(String name, DatasetAdapters.Options o) {
    return o.splitSeed() == null ? CanonicalManifest.none()
        : when(expr("abs(xxhash64(" + o.splitSeed() + "L, `" + name + "`)) % 1000000 < "
            + (long) (o.testFraction() * 1_000_000)), lit("test")).otherwise(lit("train"));
  }

  /** Further {@code attrs} entries from the image-name column {@code name}, as alternating key and value columns; none here. */
  List<Column> extraAttrs(String name) {
    return List.of();
  }

  /** The label rows with those this dataset cannot use marked {@code _malformed} (with a reason); here unchanged. */
  Dataset<Row> checked(Dataset<Row> raw, String name) {
    return raw;
  }
}
