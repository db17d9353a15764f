package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
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
 * An adapter for a dataset that is one CSV label file with an image-name column and a MOS column and has
 * no official split (SPAQ, CLIVE, AGIQA-3K): a subclass only names its columns in a {@link Layout}. With
 * {@code --split-seed} the rows get {@code train}/{@code test} by a seeded hash of the name, the
 * {@code --test-fraction} share being {@code test}; without it the split is null.
 */
abstract class OneLabelFile implements DatasetAdapter {
  /**
   * Where a label file keeps what the manifest needs.
   *
   * @param std   the MOS standard deviation column, or null where the file has none
   * @param scale the {@code mos_scale} written on every row; {@code lo}..{@code hi} is its valid range
   * @param attrs columns copied into {@code attrs}, under their lower-case names
   */
  record Layout(String name, String mos, String std, String scale, double lo, double hi, List<String> attrs) {
  }

  private final String name;
  private final String description;
  private final Layout layout;

  OneLabelFile(String name, String description, Layout layout) {
    this.name = name;
    this.description = description;
    this.layout = layout;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root,
                                               DatasetAdapters.Options o, String runId) {
    Dataset<Row> raw = ManifestReader.readCsvWithLines(spark, CanonicalManifest.oneLabelFile(name, labels));
    Layout l = layout;
    Column[] kv = new Column[l.attrs().size() * 2];
    for (int i = 0; i < l.attrs().size(); i++) {
      kv[2 * i] = lit(l.attrs().get(i).toLowerCase(Locale.ROOT));
      kv[2 * i + 1] = col("`" + l.attrs().get(i) + "`");
    }
    Column attrs = kv.length == 0 ? CanonicalManifest.noAttrs() : org.apache.spark.sql.functions.map(kv);
    Column split = o.splitSeed() == null ? CanonicalManifest.none()
        : when(expr("abs(xxhash64(" + o.splitSeed() + "L, `" + l.name() + "`)) % 1000000 < "
            + (long) (o.testFraction() * 1_000_000)), lit("test")).otherwise(lit("train"));
    Dataset<Row> c = CanonicalManifest.canonical(raw, name, col("`" + l.name() + "`"), root, split,
        col("`" + l.mos() + "`"), l.std() == null ? CanonicalManifest.none() : col("`" + l.std() + "`"), l.scale(), attrs);
    return ManifestValidator.validate(c, runId, l.lo(), l.hi());
  }
}
