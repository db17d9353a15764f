package io.sparkiqa.jobs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.apps.sweep.Rung;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.metrics.MetricTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkiqa sweep} on the two 128x96 e2e crops and a corrupt file, JPEG q90/70/50/30 and WebP q80/40, scored
 * with psnr, ssim and sharpness. The target is set, outside the job, halfway between kodim03's PSNR at q50 and at q70
 * (each computed here by encoding with OpenCV and scoring with the psnr metric): the job must choose q70 for kodim03,
 * with exactly the bytes of that encode and the file size minus them saved. The corrupt file fails all its 6 rungs x 3
 * models; the rest reconcile. A resumed run sweeps nothing again.
 */
class SweepEndToEndTest {
  @org.junit.jupiter.api.AfterEach
  void stopSpark() {
    TestSupport.stopLocalSpark();
  }

  @TempDir
  Path tmp;

  @Test
  void findsTheThresholdCrossingAtTheRightRung() throws Exception {
    Path img = TestSupport.copyResources("e2e", tmp.resolve("img"), "kodim03_ref.png", "kodim19_ref.png", "corrupt.jpg");
    Path ref = img.resolve("kodim03_ref.png");
    double[] psnr = new double[101];
    byte[][] enc = new byte[101][];
    RgbImage original = ImageDecoder.withDefaults().decode(Files.readAllBytes(ref)).image();
    try (Mat bgr = opencv_imgcodecs.imread(ref.toString(), opencv_imgcodecs.IMREAD_COLOR)) {
      for (int q : new int[] {90, 70, 50, 30}) {
        enc[q] = new Rung("jpeg", q).encode(bgr);
        psnr[q] = MetricTable.get("psnr").score(ImageDecoder.withDefaults().decode(enc[q]).image(), original).score();
      }
    }
    assertTrue(psnr[90] > psnr[70] && psnr[70] > psnr[50], "the premise: PSNR falls with the quality");
    double target = (psnr[70] + psnr[50]) / 2;
    String m = "image_id,uri,photo\n"
        + "kodim03," + TestSupport.uri(ref) + ",kodim03\n"
        + "kodim19," + TestSupport.uri(img.resolve("kodim19_ref.png")) + ",kodim19\n"
        + "broken," + TestSupport.uri(img.resolve("corrupt.jpg")) + ",broken\n";
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m);
    Path out = tmp.resolve("out");
    String[] cmd = {"sweep", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        "psnr,ssim,sharpness", "--out", out.toString(), "--jpeg", "90,70,50,30", "--webp", "80,40", "--target",
        String.format(Locale.ROOT, "psnr>=%.17g", target), "--target", "ssim>=0.5", "--group-by", "photo"};
    TestSupport.Console c = TestSupport.sparkiqa(cmd);
    assertEquals(0, c.code(), c.output());
    assertTrue(c.output().contains("reconciliation: in 18 = ok 12 + failed 6 + rejected 0"), c.output());
    assertTrue(c.output().contains("reconciliation per score: in 18 x 3 models = ok 36 + failed 18 + rejected 0 x 3"),
        c.output());
    assertTrue(c.output().contains("12 encodes"), c.output());
    SparkSession spark = TestSupport.localSpark();
    Row k03 = spark.read().parquet(out + "/choices").filter("image_id = 'kodim03' AND codec = 'jpeg' AND model = 'psnr'")
        .first();
    assertEquals(70, k03.<Integer>getAs("chosen_q"));
    assertEquals("jpeg_q70", k03.getAs("chosen_level"));
    assertEquals((long) enc[70].length, k03.<Long>getAs("chosen_bytes"));
    assertEquals(Files.size(ref) - enc[70].length, k03.<Long>getAs("bytes_saved"));
    Row broken = spark.read().parquet(out + "/choices").filter("image_id = 'broken' AND codec = 'jpeg' AND model = 'psnr'")
        .first();
    assertNull(broken.getAs("chosen_q"));
    assertTrue(broken.<String>getAs("reason").startsWith("the score failed at jpeg_q90"), broken.toString());
    Row curve = spark.read().parquet(out + "/curves")
        .filter("group = 'kodim03' AND model = 'psnr' AND level = 'jpeg_q50'").first();
    assertEquals(psnr[50], curve.<Double>getAs("mean_score"), 1e-12);
    List<Row> summary = spark.read().parquet(out + "/summary").collectAsList();
    assertEquals(3 * 2 * 2, summary.size(), "3 groups x 2 codecs x 2 targets");
    String runJson = Files.readString(out.resolve("run.json"));
    assertTrue(runJson.contains("IMWRITE_JPEG_QUALITY") && runJson.contains("\"webp_qualities\" : [ 80, 40 ]"), runJson);
    String html = Files.readString(out.resolve("report.html"));
    int curves = html.indexOf("<h2>Rate–quality curves</h2>");
    assertTrue(curves >= 0 && html.indexOf("src=\"data:image/png;base64,", curves) > curves, "a plotted curve");

    TestSupport.Console again = TestSupport.sparkiqa(java.util.stream.Stream.concat(java.util.Arrays.stream(cmd),
        java.util.stream.Stream.of("--resume")).toArray(String[]::new));
    assertEquals(0, again.code(), again.output());
    assertTrue(again.output().contains("0 image(s) x 6 rung(s) this run (3 already swept)"), again.output());
  }
}
