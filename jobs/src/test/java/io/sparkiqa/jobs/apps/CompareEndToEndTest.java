package io.sparkiqa.jobs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkiqa compare} on a constructed case: six scenes (Kodak photos at 96 px), pipeline A blurs them (sigma 1.5), B leaves them sharp, C blurs them more (sigma 3). By sharpness B beats A on all six pairs: Wilcoxon exact
 * two-sided p = 2/2^6 = 0.03125 (&lt; 0.05), 6 wins; C loses all six. A seventh scene has no baseline row (counted
 * unpaired) and a corrupt file fails (reconciled). Then the same comparison from --scores of the first run.
 */
class CompareEndToEndTest {
  @org.junit.jupiter.api.AfterEach
  void stopSpark() {
    TestSupport.stopLocalSpark();
  }

  @TempDir
  Path tmp;

  @Test
  void aSharperPipelineWinsWithPBelowFivePercent() throws Exception {
    String[] photos = {"kodim01", "kodim02", "kodim03", "kodim04", "kodim05", "kodim06"};
    StringBuilder m = new StringBuilder("image_id,uri,scene,pipeline\n");
    for (String p : photos) {
      m.append(p).append("_A,").append(TestSupport.uri(Fixtures.kodak(p, 96, 1.5, tmp.resolve(p + "_A.png"))))
          .append(',').append(p).append(",A\n");
      m.append(p).append("_B,").append(TestSupport.uri(Fixtures.kodak(p, 96, 0, tmp.resolve(p + "_B.png"))))
          .append(',').append(p).append(",B\n");
      m.append(p).append("_C,").append(TestSupport.uri(Fixtures.kodak(p, 96, 3, tmp.resolve(p + "_C.png"))))
          .append(',').append(p).append(",C\n");
    }
    m.append("kodim07_B,").append(TestSupport.uri(Fixtures.kodak("kodim07", 96, 0, tmp.resolve("kodim07_B.png"))))
        .append(",kodim07,B\n");
    Files.write(tmp.resolve("corrupt.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00});
    m.append("broken_C,").append(TestSupport.uri(tmp.resolve("corrupt.jpg"))).append(",kodim01x,C\n");
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m);
    Path out = tmp.resolve("out");
    TestSupport.Console c = TestSupport.sparkiqa("compare", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness", "--out", out.toString(), "--pair-key", "scene", "--variant-key", "pipeline",
        "--baseline", "A", "--bootstrap", "200");
    assertEquals(0, c.code(), c.output());
    assertTrue(c.output().contains("reconciliation: in 20 = ok 19 + failed 1 + rejected 0"), c.output());
    SparkSession spark = TestSupport.localSpark();
    List<Row> rows = spark.read().parquet(out + "/comparisons").orderBy("variant").collectAsList();
    assertEquals(2, rows.size());
    Row b = rows.get(0);
    assertEquals("B", b.getAs("variant"));
    assertEquals(6L, b.<Long>getAs("n_pairs"));
    assertEquals(1L, b.<Long>getAs("n_unpaired"));
    assertEquals(6L, b.<Long>getAs("wins"));
    assertEquals(0.03125, b.<Double>getAs("p_wilcoxon"), 0);
    assertEquals("exact", b.getAs("wilcoxon_method"));
    assertEquals(0.0625, b.<Double>getAs("p_holm"), 0);
    assertTrue(b.<Double>getAs("ci_low") > 0, "the whole CI of B - A is above 0");
    Row cc = rows.get(1);
    assertEquals(6L, cc.<Long>getAs("losses"));
    assertEquals(1L, cc.<Long>getAs("n_unpaired"), "the broken C row's score failed");
    assertEquals(0.03125, cc.<Double>getAs("p_wilcoxon"), 0);
    assertEquals(4, spark.read().parquet(out + "/differ_most").filter("variant = 'B'").count(), "--top 4 (default)");
    String html = Files.readString(out.resolve("report.html"));
    int pairs = html.indexOf("<h2>Pairs where the variants differ most</h2>");
    assertTrue(pairs >= 0 && html.indexOf("<figcaption>#1 ", pairs) > pairs && !html.contains("No pair has both scores."),
        "the pairs that differ most, as thumbnails");
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| sharpness | B | A |"));

    Path again = tmp.resolve("again");
    TestSupport.Console c2 = TestSupport.sparkiqa("compare", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness", "--out", again.toString(), "--pair-key", "scene", "--variant-key", "pipeline",
        "--baseline", "A", "--bootstrap", "200", "--scores", out.resolve("scores").toString());
    assertEquals(0, c2.code(), c2.output());
    assertTrue(c2.output().contains("nothing scored this run"), c2.output());
    assertEquals(0.03125, TestSupport.localSpark().read().parquet(again + "/comparisons").filter("variant = 'B'")
        .first().<Double>getAs("p_wilcoxon"), 0);
  }
}
