package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The report reads a bounded number of rows whatever the run's size: the first {@link ReportBuilder#LISTED} failures
 * (sorted) with their total, which the headings show, and at most a cap of points per plot
 * ({@link ReportBuilder#PLOTTED}), the same ones however the rows are partitioned. (ScaleIT checks the plot caption on
 * 100,000 rows.)
 */
class ReportCapsTest {
  @Test
  void failuresAreReadUpToTheCapAndCountedInFull() {
    SparkSession spark = TestSupport.localSpark();
    List<Row> rows = new ArrayList<>();
    int total = ReportBuilder.LISTED + 7;
    for (int i = 0; i < total; i++) {
      rows.add(RowFactory.create(String.format("img%05d", total - i), "image", "niqe", "failed", "missing: no such"));
    }
    rows.add(RowFactory.create("ok1", "image", "niqe", "ok", null));
    StructType schema = new StructType().add("image_id", DataTypes.StringType).add("level", DataTypes.StringType)
        .add("model", DataTypes.StringType).add("status", DataTypes.StringType).add("error", DataTypes.StringType);
    ReportBuilder.Listed<ReportData.Failure> f = ReportBuilder.failures(spark.createDataFrame(rows, schema));
    assertEquals(total, f.total());
    assertEquals(ReportBuilder.LISTED, f.first().size());
    assertEquals("img00001", f.first().get(0).imageId());
    assertEquals(String.format("img%05d", ReportBuilder.LISTED), f.first().get(ReportBuilder.LISTED - 1).imageId());

    ReportData tiny = ReportSectionsTest.tiny();
    ReportData d = new ReportData(tiny.title(), tiny.provenance(), tiny.reconciliation(), tiny.metrics(),
        tiny.pairwise(), tiny.points(), f.first(), tiny.rejects(), tiny.roundingFlags(), null, List.of(), f.total(), 12);
    StringBuilder h = new StringBuilder();
    new FailuresSection().html(h, d);
    new RejectsSection().html(h, d);
    assertTrue(h.toString().contains("<h2>Failures (" + total + ")</h2>"), h.toString());
    assertTrue(h.toString().contains("<h2>Rejected manifest rows (12)</h2>"), h.toString());
    assertEquals(Fmt.HTML_ROWS + 1, h.toString().split("<td class=\"l\">missing: no such</td>", -1).length);
  }

  @Test
  void plotsDrawAFixedSampleOfTheirCap() {
    SparkSession spark = TestSupport.localSpark();
    int cap = 40;
    Dataset<Row> points = spark.range(0, 130, 1, 3)
        .selectExpr("format_string('p%03d', id) as image_id", "'image' as level", "if(id < 100, 'a', 'b') as model",
            "cast(null as string) as dataset", "cast(null as string) as split");
    List<Row> kept = ReportBuilder.plotted(points, cap).groupBy("model").count().orderBy("model").collectAsList();
    assertEquals(cap, kept.get(0).getLong(1)); // 100 points of a: a sample of 40
    assertEquals(30, kept.get(1).getLong(1)); // 30 of b: all
    assertEquals(ids(ReportBuilder.plotted(points, cap)), ids(ReportBuilder.plotted(points.repartition(5), cap)));
  }

  private static List<String> ids(Dataset<Row> points) {
    return points.select("image_id").orderBy("image_id").as(Encoders.STRING()).collectAsList();
  }
}
