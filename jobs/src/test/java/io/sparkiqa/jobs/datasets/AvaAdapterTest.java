package io.sparkiqa.jobs.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AVA adapter on idealo's real ava_labels_test.json (gzipped test resource): 25,551 rows, each row's mean and
 * population std equal to its histogram's, computed here independently from the parsed JSON (as mean of the expanded
 * votes), the votes kept in attrs, uri {@code <id>.jpg} under --images; malformed elements rejected with their line.
 */
class AvaAdapterTest {
  @TempDir
  static Path tmp;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSupport.localSpark();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyImageHasItsHistogramsMeanAndStd() throws IOException {
    Path file = tmp.resolve("ava_labels_test.json");
    FullReferenceAdaptersTest.gunzip("/labels/ava/ava_labels_test.json.gz", file);
    ManifestValidator.Split s = DatasetAdapters.prepare(spark, "ava", List.of(file.toString()), "s3a://b/ava",
        new DatasetAdapters.Options(false, null, 0.2), "t");
    List<Row> rows = s.valid().selectExpr("image_id", "uri", "mos", "mos_std", "mos_scale", "split", "attrs['votes']")
        .collectAsList();
    assertEquals(25551, rows.size());
    assertEquals(0, s.rejects().count());

    Map<String, double[]> expected = new HashMap<>();
    Map<String, String> votes = new HashMap<>();
    for (JsonNode e : new ObjectMapper().readTree(file.toFile())) {
      // expand the histogram into its single votes and take their mean and population variance
      double sum = 0;
      int n = 0;
      StringBuilder v = new StringBuilder();
      for (int k = 1; k <= 10; k++) {
        int c = e.get("label").get(k - 1).asInt();
        v.append(k == 1 ? "" : ",").append(c);
        for (int i = 0; i < c; i++) {
          sum += k;
          n++;
        }
      }
      double mean = sum / n;
      double ss = 0;
      for (int k = 1; k <= 10; k++) {
        ss += e.get("label").get(k - 1).asInt() * (k - mean) * (k - mean);
      }
      expected.put("ava/" + e.get("image_id").asText() + ".jpg", new double[] {mean, Math.sqrt(ss / n)});
      votes.put("ava/" + e.get("image_id").asText() + ".jpg", v.toString());
    }
    assertEquals(25551, expected.size());
    int checked = 0;
    for (Row r : rows) {
      double[] e = expected.get(r.getString(0));
      assertEquals(e[0], r.getDouble(2), 1e-12, r.getString(0));
      assertEquals(e[1], r.getDouble(3), 1e-12, r.getString(0));
      assertEquals("s3a://b/ava/" + r.getString(0).substring(4), r.getString(1));
      assertEquals("1-10", r.getString(4));
      assertNull(r.get(5));
      assertEquals(votes.get(r.getString(0)), r.getString(6));
      checked++;
    }
    assertEquals(25551, checked);
    // the first element of the file: votes 2,8,19,36,76,52,16,9,3,2 (223 votes)
    assertEquals(1142.0 / 223, expected.get("ava/231893.jpg")[0], 1e-12);
  }

  @Test
  void malformedElementsAreRejectedWithTheirLine() throws IOException {
    Path f = Files.writeString(tmp.resolve("bad.json"), String.join("\n",
        "[",
        "{\"image_id\": \"1\", \"label\": [0,0,0,0,1,0,0,0,0,0]},",
        "{\"image_id\": \"2\", \"label\": [0,0,0,0,0,0,0,0,0]},",
        "{\"image_id\": \"3\", \"label\": [0,0,0,0,0,0,0,0,0,0]},",
        "{\"image_id\": \"4\", \"label\": [0,0,-1,0,0,0,0,0,0,2]},",
        "{\"label\": [0,0,0,0,1,0,0,0,0,0]}",
        "]") + "\n");
    ManifestValidator.Split s = DatasetAdapters.prepare(spark, "ava", List.of(f.toString()), "/img",
        new DatasetAdapters.Options(false, null, 0.2), "t");
    Row ok = s.valid().first();
    assertEquals(5.0, ok.<Double>getAs("mos"), 0);
    assertEquals(0.0, ok.<Double>getAs("mos_std"), 0);
    Map<Long, String> rejects = new HashMap<>();
    s.rejects().collectAsList().forEach(r -> rejects.put(r.<Long>getAs("source_line"), r.getAs("reason")));
    assertEquals(Map.of(
        3L, "malformed element: label is not 10 vote counts",
        4L, "malformed element: no votes",
        5L, "malformed element: label[2] = -1 is not a vote count",
        6L, "malformed element: no image_id"), rejects);
  }
}
