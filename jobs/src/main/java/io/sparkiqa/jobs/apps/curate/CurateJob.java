package io.sparkiqa.jobs.apps.curate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.sparkiqa.jobs.apps.Wide;
import io.sparkiqa.jobs.audit.Thumbnails;
import io.sparkiqa.udfs.io.SerializableConf;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code sparkiqa curate}: per group, the best {@code k} rows by one metric or a weighted combination of
 * rank-normalised metrics, with near-duplicates suppressed ({@link GroupSelection}). Hashes are computed on the
 * executors ({@link HashPartition}), each group is selected on one executor. Writes {@code selection/} (every valid
 * row: status, pick, rank, combined score, duplicate of, cluster, hash, scores), {@code clusters/} (the
 * near-duplicate clusters of two or more) and {@code picks/} (the picks with thumbnails, for the report).
 */
public final class CurateJob {
  static final StructType HASHED = new StructType().add("group", DataTypes.StringType)
      .add("image_id", DataTypes.StringType).add("level", DataTypes.StringType).add("uri", DataTypes.StringType)
      .add("scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
      .add("phash", DataTypes.LongType).add("hash_error", DataTypes.StringType);
  static final StructType SELECTION = new StructType().add("group", DataTypes.StringType)
      .add("image_id", DataTypes.StringType).add("level", DataTypes.StringType).add("uri", DataTypes.StringType)
      .add("status", DataTypes.StringType).add("pick", DataTypes.IntegerType).add("rank", DataTypes.IntegerType)
      .add("combined", DataTypes.DoubleType).add("duplicate_of", DataTypes.StringType)
      .add("cluster", DataTypes.StringType).add("cluster_size", DataTypes.IntegerType)
      .add("phash", DataTypes.StringType)
      .add("scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
      .add("reason", DataTypes.StringType);
  static final StructType PICKS = new StructType().add("group", DataTypes.StringType)
      .add("pick", DataTypes.IntegerType).add("image_id", DataTypes.StringType)
      .add("combined", DataTypes.DoubleType).add("thumbnail_jpeg", DataTypes.BinaryType);
  /** The most groups whose picks the report shows. */
  static final int SHOWN_GROUPS = 24;

  private CurateJob() {
  }

  /** Counts by status. */
  public record Result(long in, long picked, long duplicate, long notPicked, long failed, long groups) {
  }

  public static Result run(SparkSession spark, Dataset<Row> wide, CurateOptions o, String out) {
    Column group = o.groupBy() == null ? lit("all") : coalesce(Wide.key(o.groupBy()), lit("(none)"));
    Broadcast<SerializableConf> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableConf(spark.sparkContext().hadoopConfiguration()));
    Dataset<Row> hashed = wide.select(group.as("group"), col("image_id"), col("level"), col("uri"), col("scores"))
        .mapPartitions(new HashPartition(conf, o.maxPixels(), o.maxBytes()), Encoders.row(HASHED));
    Dataset<Row> selection = hashed.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups(new Select(o), Encoders.row(SELECTION));
    selection.write().mode(SaveMode.Overwrite).parquet(out + "/selection");
    Dataset<Row> sel = spark.read().parquet(out + "/selection");
    sel.filter(col("cluster_size").gt(1)).groupBy("group", "cluster")
        .agg(count(lit(1)).as("size"), sort_array(collect_list("image_id")).as("members"),
            sort_array(collect_list(when(col("status").equalTo("picked"), col("image_id")))).as("picked"))
        .orderBy("group", "cluster").write().mode(SaveMode.Overwrite).parquet(out + "/clusters");
    writePicks(spark, sel, o, out);
    Row t = sel.agg(count(lit(1)), sum(when(col("status").equalTo("picked"), 1).otherwise(0)),
        sum(when(col("status").equalTo("duplicate"), 1).otherwise(0)),
        sum(when(col("status").equalTo("not_picked"), 1).otherwise(0)),
        sum(when(col("status").equalTo("failed"), 1).otherwise(0)),
        org.apache.spark.sql.functions.countDistinct("group")).first();
    return new Result(t.getLong(0), t.isNullAt(1) ? 0 : t.getLong(1), t.isNullAt(2) ? 0 : t.getLong(2),
        t.isNullAt(3) ? 0 : t.getLong(3), t.isNullAt(4) ? 0 : t.getLong(4), t.getLong(5));
  }

  /** {@code curate: in 16 = picked 6 + duplicate 2 + not picked 7 + failed 1, in 3 group(s)}. */
  public static void print(Result r, PrintStream console) {
    console.printf("curate: in %d = picked %d + duplicate %d + not picked %d + failed %d, in %d group(s)%n", r.in(),
        r.picked(), r.duplicate(), r.notPicked(), r.failed(), r.groups());
  }

  private static void writePicks(SparkSession spark, Dataset<Row> sel, CurateOptions o, String out) {
    Thumbnails thumbs = new Thumbnails(spark.sparkContext().hadoopConfiguration(), o.maxPixels(), o.maxBytes());
    List<String> groups = sel.select("group").distinct().orderBy("group").limit(SHOWN_GROUPS)
        .as(Encoders.STRING()).collectAsList();
    List<Row> rows = new ArrayList<>();
    for (Row r : sel.filter(col("status").equalTo("picked").and(col("group").isin(groups.toArray())))
        .orderBy("group", "pick").collectAsList()) {
      rows.add(RowFactory.create(r.getAs("group"), r.getAs("pick"), r.getAs("image_id"), r.getAs("combined"),
          thumbs.of(r.getAs("uri"))));
    }
    spark.createDataFrame(rows, PICKS).coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/picks");
  }

  /** One group's rows to its selection rows. */
  static final class Select implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final CurateOptions o;

    Select(CurateOptions o) {
      this.o = o;
    }

    @Override
    public java.util.Iterator<Row> call(String group, java.util.Iterator<Row> rows) {
      List<GroupSelection.Candidate> cs = new ArrayList<>();
      rows.forEachRemaining(r -> cs.add(new GroupSelection.Candidate(r.getString(1), r.getString(2), r.getString(3),
          r.isNullAt(4) ? java.util.Map.of() : r.getJavaMap(4), r.isNullAt(5) ? null : r.getLong(5),
          r.isNullAt(6) ? null : r.getString(6))));
      List<Row> out = new ArrayList<>();
      for (GroupSelection.Selected s : GroupSelection.select(cs, o)) {
        GroupSelection.Candidate c = s.c();
        out.add(RowFactory.create(group, c.imageId(), c.level(), c.uri(), s.status(), s.pick(), s.rank(), s.combined(),
            s.duplicateOf(), s.cluster(), s.clusterSize(), c.hash() == null ? null : PerceptualHash.hex(c.hash()),
            CollectionConverters.asScala(c.scores()), s.reason()));
      }
      return out.iterator();
    }
  }
}
