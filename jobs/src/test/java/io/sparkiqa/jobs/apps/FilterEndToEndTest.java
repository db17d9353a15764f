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
 * {@code sparkiqa filter} on a constructed CSV manifest: four scenes, each a sharp Kodak photo (96 px) and its blurred
 * copy (sigma 3), plus a corrupt file in a scene of its own. {@code --keep-top 50%} of sharpness per scene keeps
 * exactly the four sharp photos; the blurred ones are dropped under that rule with the sharp one's score as the
 * threshold; the corrupt file is dropped as failed with its reason. Counts reconcile (9 = 4 + 5), and kept/ is also
 * written as CSV with the attrs key as a column.
 */
class FilterEndToEndTest {
  @org.junit.jupiter.api.AfterEach
  void stopSpark() {
    TestSupport.stopLocalSpark();
  }

  @TempDir
  Path tmp;

  @Test
  void keepsTheSharpHalfOfEachSceneAndDropsTheBrokenFile() throws Exception {
    StringBuilder m = new StringBuilder("image_id,uri,scene\n");
    for (String p : new String[] {"kodim01", "kodim02", "kodim03", "kodim04"}) {
      m.append(p).append(",").append(TestSupport.uri(Fixtures.kodak(p, 96, 0, tmp.resolve(p + ".png")))).append(',')
          .append(p).append('\n');
      m.append(p).append("_blur,").append(TestSupport.uri(Fixtures.kodak(p, 96, 3, tmp.resolve(p + "_blur.png"))))
          .append(',').append(p).append('\n');
    }
    Files.write(tmp.resolve("corrupt.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00});
    m.append("broken,").append(TestSupport.uri(tmp.resolve("corrupt.jpg"))).append(",broken\n");
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m);
    Path out = tmp.resolve("out");
    TestSupport.Console c = TestSupport.sparkiqa("filter", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness", "--out", out.toString(), "--keep-top", "50%", "--group-by", "scene");
    assertEquals(0, c.code(), c.output());
    assertTrue(c.output().contains("reconciliation: in 9 = ok 8 + failed 1 + rejected 0"), c.output());
    assertTrue(c.output().contains("filter: in 9 = kept 4 + dropped 5 (1 of them for a failed score)"), c.output());
    SparkSession spark = TestSupport.localSpark();
    assertEquals(List.of("kodim01", "kodim02", "kodim03", "kodim04"), spark.read().parquet(out + "/kept")
        .orderBy("image_id").select("image_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    List<Row> dropped = spark.read().parquet(out + "/dropped").orderBy("image_id").collectAsList();
    assertEquals(5, dropped.size());
    Row broken = dropped.get(0);
    assertEquals("failed", broken.getAs("rule"));
    assertTrue(broken.<String>getAs("reason").startsWith("undecodable:") || broken.<String>getAs("reason")
        .startsWith("truncated:"), broken.toString());
    Row blur = dropped.get(1);
    assertEquals("kodim01_blur", blur.getAs("image_id"));
    assertEquals("top 50% of sharpness", blur.getAs("rule"));
    double sharp = spark.read().parquet(out + "/scores").filter("image_id = 'kodim01'").first().getAs("score");
    assertEquals(sharp, blur.<Double>getAs("threshold"), 0, "the threshold is the kept sharp photo's score");
    assertTrue(blur.<Double>getAs("score") < sharp);
    Row counts = spark.read().parquet(out + "/counts").filter("group = 'kodim02'").first();
    assertEquals(2L, counts.<Long>getAs("rows"));
    assertEquals(1L, counts.<Long>getAs("kept"));
    List<String> csv = Files.readAllLines(Files.list(out.resolve("kept.csv")).filter(p -> p.toString().endsWith(".csv"))
        .findFirst().orElseThrow());
    assertEquals(5, csv.size(), "a header and the four kept rows");
    assertTrue(csv.get(0).endsWith(",scene"), csv.get(0));
    String html = Files.readString(out.resolve("report.html"));
    int borderline = html.indexOf("<h2>Borderline accepts and rejects</h2>");
    assertTrue(borderline >= 0 && html.indexOf("<figcaption>", borderline) > borderline
        && !html.contains("No rule has a threshold to be near."), "thumbnails of the borderline rows");
  }
}
