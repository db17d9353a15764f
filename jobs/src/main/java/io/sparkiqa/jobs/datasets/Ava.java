package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * AVA (aesthetic visual analysis; Murray, Marchesotti, Perronnin, CVPR 2012) vote histograms in the JSON layout of
 * idealo/image-quality-assessment: an array of {@code {"image_id": "231893", "label": [n1, ..., n10]}}, {@code nk} the
 * number of votes for score k. {@code ava_labels_test.json} there holds 25,551 images: <b>idealo's own test split,
 * not AVA's standard train/test partition</b>, so results on it are not comparable with papers that use the
 * standard one; {@code split} is left null.
 *
 * <p>Per image: {@code uri} = {@code --images} + {@code <image_id>.jpg}; {@code mos} = the mean vote
 * Σ k·nk / Σ nk (1-10, higher = more appealing), {@code mos_std} = the votes' population standard deviation,
 * {@code mos_scale} {@code 1-10}, {@code attrs.votes} = {@code "n1,...,n10"}. An element without an image id, or
 * whose label is not ten counts ≥ 0 with at least one vote, is rejected with its line number.
 */
final class Ava implements DatasetAdapter {
  /** Votes are for the scores 1..BINS. */
  static final int BINS = 10;

  @Override
  public String name() {
    return "ava";
  }

  @Override
  public String description() {
    return "AVA aesthetics (vote histograms): idealo's ava_labels_test.json (25,551 images; idealo's test split, not "
        + "AVA's standard partition), mos = mean vote 1-10";
  }

  @Override
  public ManifestValidator.Split prepare(SparkSession spark, List<String> labels, String root, DatasetAdapters.Options o,
                                         String runId) {
    String file = CanonicalManifest.oneLabelFile(name(), labels);
    StructType schema = new StructType().add("name", DataTypes.StringType, true).add("mos", DataTypes.StringType, true)
        .add("std", DataTypes.StringType, true).add("votes", DataTypes.StringType, true)
        .add("source_line", DataTypes.LongType, false).add("_malformed", DataTypes.BooleanType, false)
        .add("source_file", DataTypes.StringType, true).add("_malformed_reason", DataTypes.StringType, true);
    Dataset<Row> raw = spark.createDataFrame(read(spark, file), schema);
    Dataset<Row> c = CanonicalManifest.canonical(raw, name(), col("name"), root, CanonicalManifest.none(), col("mos"),
        col("std"), "1-10", org.apache.spark.sql.functions.map(lit("votes"), col("votes")));
    return ManifestValidator.validate(c, runId, 1, BINS);
  }

  /**
   * The mean vote and the votes' population standard deviation of a histogram ({@code votes[k - 1]} votes for
   * score k).
   */
  static double[] meanAndStd(long[] votes) {
    long n = 0;
    double sum = 0;
    for (int k = 1; k <= votes.length; k++) {
      n += votes[k - 1];
      sum += (double) k * votes[k - 1];
    }
    double mean = sum / n;
    double ss = 0;
    for (int k = 1; k <= votes.length; k++) {
      ss += votes[k - 1] * (k - mean) * (k - mean);
    }
    return new double[] {mean, Math.sqrt(ss / n)};
  }

  /** One raw row per array element, read on the driver (the file is a few MB), with the line it starts on. */
  private static List<Row> read(SparkSession spark, String uri) {
    Path p = new Path(uri);
    ObjectMapper json = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p);
         JsonParser parser = json.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException(uri + ": expected a JSON array of {image_id, label} objects");
      }
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
        long line = parser.currentTokenLocation().getLineNr();
        JsonNode e = json.readTree(parser);
        rows.add(row(e, line, uri));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": not a readable JSON array: " + e.getMessage(), e);
    }
    return rows;
  }

  private static Row row(JsonNode e, long line, String uri) {
    String id = e.path("image_id").isValueNode() ? e.path("image_id").asText().trim() : "";
    String why = id.isEmpty() ? "no image_id" : null;
    JsonNode label = e.path("label");
    long[] votes = new long[BINS];
    if (why == null && (!label.isArray() || label.size() != BINS)) {
      why = "label is not " + BINS + " vote counts";
    }
    for (int k = 0; why == null && k < BINS; k++) {
      if (!label.get(k).canConvertToExactIntegral() || label.get(k).asLong() < 0) {
        why = "label[" + k + "] = " + label.get(k) + " is not a vote count";
      } else {
        votes[k] = label.get(k).asLong();
      }
    }
    if (why == null && java.util.Arrays.stream(votes).sum() == 0) {
      why = "no votes";
    }
    if (why != null) {
      return RowFactory.create(id.isEmpty() ? null : id + ".jpg", null, null, null, line, true, uri,
          "malformed element: " + why);
    }
    double[] ms = meanAndStd(votes);
    StringBuilder v = new StringBuilder();
    for (long n : votes) {
      v.append(v.length() == 0 ? "" : ",").append(n);
    }
    return RowFactory.create(id + ".jpg", String.valueOf(ms[0]), String.valueOf(ms[1]), v.toString(), line, false, uri,
        null);
  }
}
