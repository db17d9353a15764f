package io.sparkiqa.jobs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkiqa curate} on two constructed bursts (Kodak at 96 px). Burst b1: a sharp photo, a byte-identical copy
 * of it, and two other photos blurred (sigma 2): the sharp photo is pick 1, its copy is suppressed as its duplicate
 * (same hash: distance 0), and the better of the blurred two is pick 2. Burst b2: a sharp and a blurred photo (both
 * picked, k = 2) and a corrupt file (failed). Counts reconcile: 7 = 4 picked + 1 duplicate + 1 not picked + 1 failed.
 */
class CurateEndToEndTest {
  @org.junit.jupiter.api.AfterEach
  void stopSpark() {
    TestSupport.stopLocalSpark();
  }

  @TempDir
  Path tmp;

  @Test
  void suppressesTheKnownDuplicateAndPicksTheBestTwo() throws Exception {
    Path k1 = Fixtures.kodak("kodim01", 96, 0, tmp.resolve("k01.png"));
    Files.copy(k1, tmp.resolve("k01_copy.png"));
    Files.write(tmp.resolve("corrupt.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00});
    String m = "image_id,uri,burst\n"
        + "b1_kodim01," + TestSupport.uri(k1) + ",b1\n"
        + "b1_kodim01_copy," + TestSupport.uri(tmp.resolve("k01_copy.png")) + ",b1\n"
        + "b1_kodim02," + TestSupport.uri(Fixtures.kodak("kodim02", 96, 2, tmp.resolve("k02.png"))) + ",b1\n"
        + "b1_kodim03," + TestSupport.uri(Fixtures.kodak("kodim03", 96, 2, tmp.resolve("k03.png"))) + ",b1\n"
        + "b2_kodim04," + TestSupport.uri(Fixtures.kodak("kodim04", 96, 0, tmp.resolve("k04.png"))) + ",b2\n"
        + "b2_kodim05," + TestSupport.uri(Fixtures.kodak("kodim05", 96, 3, tmp.resolve("k05.png"))) + ",b2\n"
        + "b2_broken," + TestSupport.uri(tmp.resolve("corrupt.jpg")) + ",b2\n";
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m);
    Path out = tmp.resolve("out");
    TestSupport.Console c = TestSupport.sparkiqa("curate", "--master", "local[2]", "--manifest", manifest.toString(),
        "--models", "sharpness", "--out", out.toString(), "--group-by", "burst", "-k", "2");
    assertEquals(0, c.code(), c.output());
    assertTrue(c.output().contains("reconciliation: in 7 = ok 6 + failed 1 + rejected 0"), c.output());
    assertTrue(c.output().contains("curate: in 7 = picked 4 + duplicate 1 + not picked 1 + failed 1, in 2 group(s)"),
        c.output());
    SparkSession spark = TestSupport.localSpark();
    Map<String, Row> sel = new HashMap<>();
    spark.read().parquet(out + "/selection").collectAsList().forEach(r -> sel.put(r.getAs("image_id"), r));
    assertEquals("picked", sel.get("b1_kodim01").getAs("status"));
    assertEquals(1, sel.get("b1_kodim01").<Integer>getAs("pick"));
    Row copy = sel.get("b1_kodim01_copy");
    assertEquals("duplicate", copy.getAs("status"));
    assertEquals("b1_kodim01", copy.getAs("duplicate_of"));
    assertEquals(sel.get("b1_kodim01").<String>getAs("phash"), copy.getAs("phash"));
    assertNull(copy.getAs("pick"));
    assertEquals("failed", sel.get("b2_broken").getAs("status"));
    assertEquals(1, sel.get("b2_kodim04").<Integer>getAs("pick"));
    assertEquals(2, sel.get("b2_kodim05").<Integer>getAs("pick"));
    List<Row> clusters = spark.read().parquet(out + "/clusters").collectAsList();
    assertEquals(1, clusters.size());
    assertEquals(List.of("b1_kodim01", "b1_kodim01_copy"), clusters.get(0).getList(clusters.get(0).fieldIndex("members")));
    assertEquals(4, spark.read().parquet(out + "/picks").count());
    String html = Files.readString(out.resolve("report.html"));
    int picks = html.indexOf("<h2>Picks per group</h2>");
    assertTrue(picks >= 0 && html.indexOf("<figcaption>#1 ", picks) > picks && !html.contains("Nothing picked."),
        "each group's picks as thumbnails");
  }
}
