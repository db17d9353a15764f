package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the dataset adapters share: the raw-string manifest columns {@code ManifestValidator} expects,
 * built from a label file's columns, and the check that an adapter got as many label files as it reads.
 */
final class CanonicalManifest {
  /**
   * An image name that is not a plain relative path under the image root: absolute ({@code /x}, {@code \x}), a URI or
   * drive ({@code s3a://b/x}, {@code file:/x}, {@code C:\x}), or with a {@code ..} segment.
   */
  static final String ESCAPES = "^\\s*([/\\\\]|[A-Za-z][A-Za-z0-9+.-]*:[/\\\\])|(^|[/\\\\])\\.\\.([/\\\\]|$)";

  private CanonicalManifest() {
  }

  /** A null string column (no split, no SD, no crop box). */
  static Column none() {
    return lit(null).cast("string");
  }

  /** An empty {@code attrs} map. */
  static Column noAttrs() {
    return expr("map()").cast("map<string,string>");
  }

  /** The single label file of a dataset that reads exactly one. */
  static String oneLabelFile(String dataset, List<String> labels) {
    if (labels.size() != 1) {
      throw new IllegalArgumentException("--dataset " + dataset + " takes one --labels file, got " + labels.size());
    }
    return labels.get(0);
  }

  /** The manifest columns of image-level rows (no crop box). */
  static Dataset<Row> canonical(Dataset<Row> raw, String dataset, Column name, String root, Column split, Column mos,
                                Column std, String scale, Column attrs) {
    return canonical(raw, dataset, name, root, split, "image", new Column[] {none(), none(), none(), none()}, mos, std,
        scale, attrs);
  }

  /**
   * The manifest columns of one level, with its crop box columns (top, left, bottom, right). A row whose image name
   * would leave the image root ({@link #ESCAPES}) is rejected: "image name escapes --images".
   */
  static Dataset<Row> canonical(Dataset<Row> raw, String dataset, Column name, String root, Column split, String level,
                                Column[] box, Column mos, Column std, String scale, Column attrs) {
    return canonical(raw, dataset, name, null, root, split, level, box, mos, std, scale, attrs);
  }

  /**
   * The manifest columns of full-reference image rows: as {@link #canonical(Dataset, String, Column, String, Column,
   * Column, Column, String, Column)}, with {@code ref_uri} = the image root + {@code ref} (the reference image's
   * relative name; a row whose reference name escapes the root is rejected like its image name).
   */
  static Dataset<Row> canonicalWithReference(Dataset<Row> raw, String dataset, Column name, Column ref, String root,
                                             Column mos, Column std, String scale, Column attrs) {
    return canonical(raw, dataset, name, ref, root, none(), "image", new Column[] {none(), none(), none(), none()}, mos,
        std, scale, attrs);
  }

  private static Dataset<Row> canonical(Dataset<Row> raw, String dataset, Column name, Column ref, String root,
                                        Column split, String level, Column[] box, Column mos, Column std, String scale,
                                        Column attrs) {
    Column escapes = coalesce(name.rlike(ESCAPES), lit(false));
    Column refEscapes = ref == null ? lit(false) : coalesce(ref.rlike(ESCAPES), lit(false));
    Column refUri = ref == null ? none() : when(ref.isNull(), none()).otherwise(concat(lit(root), ref));
    return raw.select(
        concat(lit(dataset + "/"), name).as("image_id"),
        when(name.isNull(), none()).otherwise(concat(lit(root), name)).as("uri"),
        refUri.as("ref_uri"), lit(dataset).as("dataset"), split.cast("string").as("split"),
        lit(level).as("level"), box[0].cast("string").as("crop_top"), box[1].cast("string").as("crop_left"),
        box[2].cast("string").as("crop_bottom"), box[3].cast("string").as("crop_right"),
        coalesce(mos.cast("string"), lit("")).as("mos"), std.cast("string").as("mos_std"), lit(scale).as("mos_scale"),
        attrs.as("attrs"), col("source_line"), col("_malformed").or(escapes).or(refEscapes).as("_malformed"),
        col("source_file"),
        when(col("_malformed"), col("_malformed_reason"))
            .when(escapes, concat(lit("image name escapes --images: '"), name, lit("'")))
            .when(refEscapes, ref == null ? none() : concat(lit("reference image name escapes --images: '"), ref, lit("'")))
            .as("_malformed_reason"));
  }
}
