package io.sparkiqa.jobs.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * TID2013 (Ponomarenko et al. 2015): 3,000 distorted images of 25 references, 24 distortions at five levels;
 * {@code TID2013.txt} in the unified full-reference layout ({@link FullReferenceLabels}; its {@code dis_type} column
 * names 23 values). The score is the MOS 0-9, higher = better. An optional second {@code --labels} file is the MOS
 * standard deviations, one number a line in the order of TID2013's {@code mos.txt} (which is the label file's order):
 * its k-th line is the {@code mos_std} of the k-th label row; a file whose line count differs, or a line that is not a
 * finite number, stops the adapter.
 */
final class Tid2013 extends FullReferenceLabels {
  Tid2013() {
    super("tid2013", "TID2013: 3,000 distorted images of 25 references (full-reference); TID2013.txt, MOS 0-9, "
            + "higher = better, then optionally the mos_std file (one line per row, same order)",
        new Scale("0-9", 0, 9, false));
  }

  @Override
  void checkLabelCount(List<String> labels) {
    if (labels.isEmpty() || labels.size() > 2) {
      throw new IllegalArgumentException("--dataset tid2013 takes --labels TID2013.txt [--labels mos_std.txt], got "
          + labels.size() + " files");
    }
  }

  @Override
  Dataset<Row> withStd(SparkSession spark, Dataset<Row> raw, List<String> labels) {
    if (labels.size() == 1) {
      return super.withStd(spark, raw, labels);
    }
    List<Double> std = readStd(spark, labels.get(1));
    long rows = raw.count();
    if (rows != std.size()) {
      throw new IllegalArgumentException(labels.get(1) + ": " + std.size() + " standard deviations for " + rows
          + " label rows of " + labels.get(0) + " (they are matched by order, so the counts must be equal)");
    }
    List<Row> indexed = new ArrayList<>();
    for (int i = 0; i < std.size(); i++) {
      indexed.add(RowFactory.create((long) i + 1, String.valueOf(std.get(i))));
    }
    StructType schema = new StructType().add("_k", DataTypes.LongType, false).add("_std", DataTypes.StringType, false);
    Dataset<Row> byOrder = raw.withColumn("_k", row_number().over(Window.orderBy(col("source_file"), col("source_line")))
        .cast("long"));
    return byOrder.join(spark.createDataFrame(indexed, schema), "_k").drop("_k");
  }

  /** The non-blank lines of the standard-deviation file, each a finite number. */
  private static List<Double> readStd(SparkSession spark, String uri) {
    Path p = new Path(uri);
    List<Double> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p), StandardCharsets.UTF_8))) {
      int line = 0;
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (!Double.isFinite(v) || v < 0) {
          throw new IllegalArgumentException(uri + " line " + line + ": '" + s.trim()
              + "' is not a standard deviation (a finite number >= 0)");
        }
        out.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(uri + ": cannot read it: " + e.getMessage(), e);
    }
    return out;
  }
}
