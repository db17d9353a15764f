package io.sparkiqa.udfs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.manifest.ManifestReader;
import io.sparkiqa.jobs.manifest.ManifestValidator;
import io.sparkiqa.jobs.score.ModelSelection;
import io.sparkiqa.jobs.score.ScoreJob;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.JpegDraft;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.io.Sha256;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricTable;
import io.sparkiqa.udfs.score.ImageLoader;
import io.sparkiqa.udfs.score.ScoreRequest;
import io.sparkiqa.udfs.score.TimeBudget;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reduced-scale JPEG decode ({@code "decode": {"reduce": "draft"}}) against the Python pipeline with Pillow's
 * {@code draft()} (scripts/fixtures/make_draft_fixtures.py) on six real JPEG photos (micro-real-mos: CLIVE, LIVE-FB,
 * KonIQ-10k, SPAQ; baseline and progressive 4:2:0, 500x500 to 1080x607). OpenCV's reduced decode gives Pillow's
 * bytes at 1/1, 1/2, 1/4 and 1/8 on them and on 4:4:4, 4:2:2, grey and EXIF-rotated JPEGs. Two fixture models
 * (tiny_cnn at 64x64: 1/4 and 1/8; levels5 at shorter side 192 with a 2x2 grid: 1/2 and 1/4) choose Pillow's scale
 * and score within 1e-4 of Python, and decoding at full size instead moves their scores by more than that tolerance
 * (levels5 by > 1e-3). A row decodes once at the least reduction all its metrics accept; native metrics, crop boxes
 * and references keep full size.
 */
class ReducedDecodeParityTest {
  private static final double TOLERANCE = 1e-4;

  @TempDir
  Path tmp;

  private static Path photo(String name) {
    return TestSupport.repoRoot().resolve("jobs/src/test/resources/micro-real-mos/" + name);
  }

  private static List<String[]> rows(String csv) throws Exception {
    return Files.readAllLines(ModelParityTest.fixtures().resolve(csv)).stream().skip(1).map(l -> l.split(",")).toList();
  }

  private static ModelMetric metric(String id) throws Exception {
    String uri = ModelParityTest.fixtures().resolve(id + ".json").toString();
    return new ModelMetric(ModelSpecs.load(uri, new Configuration()), uri, new Configuration());
  }

  private static ImageLoader loader() {
    return new ImageLoader(new ImageBytes(new Configuration(), 1L << 30), ImageDecoder.withDefaults(),
        new TimeBudget(TimeBudget.DEFAULT));
  }

  private static ScoreRequest request(String photo) {
    return new ScoreRequest(photo, null, TestSupport.uri(photo(photo)), null, null, null, null, null);
  }

  @Test
  void openCvReducedDecodeGivesPillowsDraftPixels() throws Exception {
    ImageDecoder decoder = ImageDecoder.withDefaults();
    List<String[]> expected = rows("draft_decode_expected.csv");
    assertEquals(40, expected.size(), "ten JPEGs at four scales");
    for (String[] e : expected) {
      int scale = Integer.parseInt(e[1]);
      byte[] jpeg = Files.readAllBytes(TestSupport.repoRoot().resolve(e[0]));
      ImageDecoder.DecodedImage d = decoder.decode(jpeg, info -> scale);
      String what = e[0] + " at 1/" + scale;
      assertEquals(scale, d.scale(), what);
      assertEquals(Integer.parseInt(e[2]), d.image().width(), what);
      assertEquals(Integer.parseInt(e[3]), d.image().height(), what);
      assertEquals(e[4], Sha256.hex(d.image().rgb()), what + ": pixels differ from Pillow's draft()");
      assertEquals(Integer.parseInt(e[2]), JpegDraft.reduced(d.info().width(), scale), what + ": original size kept");
    }
    byte[] clive = Files.readAllBytes(photo("clive_1000.JPG"));
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(clive, i -> 3));
  }

  @Test
  void pillowsDraftRule() {
    assertEquals(8, JpegDraft.scale(4000, 3000, 224, 224), "min(17, 13) = 13");
    assertEquals(4, JpegDraft.scale(4000, 3000, 500, 376), "min(8, 7) = 7");
    assertEquals(2, JpegDraft.scale(1024, 768, 256, 192 * 2 - 1), "min(4, 2) = 2");
    assertEquals(1, JpegDraft.scale(500, 500, 251, 100), "500 / 251 = 1");
    assertEquals(1, JpegDraft.scale(100, 100, 224, 224), "smaller than asked");
    assertEquals(102, JpegDraft.reduced(810, 8));
    assertEquals(101, JpegDraft.reduced(808, 8));
  }

  @Test
  void draftScoresEqualThePythonDraftPipelineAndFullSizeDecodingMovesThem() throws Exception {
    ImageLoader loader = loader();
    double largestMove = 0;
    for (String id : List.of("tiny_cnn_draft", "levels5_draft")) {
      ModelMetric m = metric(id);
      assertTrue(m.spec().preprocess().contains("-draft/"), m.spec().preprocess());
      double maxDiff = 0;
      double maxFullDiff = 0;
      double move = 0;
      double lo = Double.MAX_VALUE;
      double hi = -Double.MAX_VALUE;
      for (String[] e : rows(id + "_expected.csv")) {
        ImageLoader.Loaded reduced = loader.load(request(e[0]), List.of(m));
        assertTrue(reduced.ok(), reduced.failure());
        assertEquals(Integer.parseInt(e[1]), reduced.decoded().scale(), id + " " + e[0] + ": Pillow's draft() scale");
        assertEquals(Integer.parseInt(e[2]), reduced.decoded().info().width(), "width stays the original");
        assertEquals(Integer.parseInt(e[3]), reduced.decoded().info().height(), "height stays the original");
        double expected = Double.parseDouble(e[4]);
        maxDiff = Math.max(maxDiff, Math.abs(m.score(reduced.image(), null).score() - expected));
        // the mutation: the same model on the image decoded at full size
        ImageLoader.Loaded full = loader.load(request(e[0]));
        assertEquals(1, full.decoded().scale());
        double fullScore = m.score(full.image(), null).score();
        maxFullDiff = Math.max(maxFullDiff, Math.abs(fullScore - Double.parseDouble(e[5])));
        move = Math.max(move, Math.abs(fullScore - expected));
        lo = Math.min(lo, expected);
        hi = Math.max(hi, expected);
      }
      System.out.printf("%s: max |Java - Python draft| = %.3g, full-size decode vs Python full size %.3g, scores "
          + "spread %.3g; decoding at full size instead moves a score by %.3g%n", id, maxDiff, maxFullDiff, hi - lo, move);
      assertTrue(maxDiff <= TOLERANCE, id + ": Java vs Python draft pipeline max |diff| " + maxDiff);
      assertTrue(maxFullDiff <= TOLERANCE, id + ": Java vs Python at full size max |diff| " + maxFullDiff);
      assertTrue(hi - lo >= 1e-2, id + ": scores must spread by >= 1e-2: " + (hi - lo));
      assertTrue(move > 5 * TOLERANCE, id + ": a full-size decode must fail the parity check: " + move);
      largestMove = Math.max(largestMove, move);
    }
    assertTrue(largestMove > 1e-3, "decoding at full size must move some score by > 1e-3: " + largestMove);
  }

  @Test
  void aRowDecodesAtTheLeastReductionItsMetricsAccept() throws Exception {
    ImageLoader loader = loader();
    ModelMetric tiny = metric("tiny_cnn_draft");
    ModelMetric levels = metric("levels5_draft");
    Metric sharpness = MetricTable.get("sharpness");
    String koniq = "koniq_10004473376.jpg";  // 1024x768: tiny_cnn_draft alone 1/8, levels5_draft alone 1/4
    assertEquals(8, loader.load(request(koniq), List.of(tiny)).decoded().scale());
    assertEquals(4, loader.load(request(koniq), List.of(tiny, levels)).decoded().scale());
    assertEquals(1, loader.load(request(koniq), List.of(tiny, sharpness)).decoded().scale(), "a native metric");
    assertEquals(1, loader.load(request(koniq), List.of(metric("tiny_cnn"))).decoded().scale(), "no decode option");
    String uri = request(koniq).uri();
    ScoreRequest withRef = new ScoreRequest("r", null, uri, uri, null, null, null, null);
    assertEquals(1, loader.load(withRef, List.of(tiny)).decoded().scale(), "a full-reference pair");
    ScoreRequest cropped = new ScoreRequest("c", null, uri, null, 100, 200, 400, 900);
    ImageLoader.Loaded c = loader.load(cropped, List.of(tiny));
    assertEquals(1, c.decoded().scale(), "a row with a crop box");
    assertEquals(700, c.image().width(), "the crop box is in original pixels");
    assertEquals(300, c.image().height());
    String kodim01 = TestSupport.uri(TestSupport.repoRoot().resolve("data/kodak/kodim01.png"));
    ScoreRequest png = new ScoreRequest("p", null, kodim01, null, null, null, null, null);
    assertEquals(1, loader.load(png, List.of(tiny)).decoded().scale(), "only JPEGs decode reduced");
  }

  @Test
  void theSpecOptionIsChecked() throws Exception {
    String text = Files.readString(ModelParityTest.fixtures().resolve("tiny_cnn_draft.json"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecs.parseJson("s", text.replace("\"draft\"", "\"half\"")));
    assertEquals("s: field 'decode.reduce': expected one of [draft, none]", bad.getMessage());
    String native_ = text.replaceFirst("\"policy\": \"fixed\"", "\"policy\": \"none\"");
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecs.parseJson("s", native_));
    assertEquals("s: field 'decode.reduce': expected none when resize.policy is none (draft decodes JPEGs at about "
        + "the size the resize goes to)", none.getMessage());
    assertEquals(1, new ModelMetric(ModelSpecs.parseJson("s", text.replace("\"draft\"", "\"none\"")), "s",
        new Configuration()).decodeScale(4000, 3000));
  }

  @Test
  void theScoreJobScoresReducedDecodesAndReportsTheOriginalSize() throws Exception {
    List<String[]> expected = rows("tiny_cnn_draft_expected.csv");
    StringBuilder m = new StringBuilder("image_id,uri\n");
    expected.forEach(e -> m.append(e[0]).append(',').append(TestSupport.uri(photo(e[0]))).append('\n'));
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    String out = tmp.resolve("scores").toUri().toString();
    SparkSession spark = TestSupport.localSpark();
    try {
      // the score job itself (ScorePartition), in this test's session: one Spark start, not two
      ModelSelection models = ModelSelection.of(ModelParityTest.fixtures().resolve("tiny_cnn_draft.json").toString(),
          spark.sparkContext().hadoopConfiguration());
      Dataset<Row> valid = ManifestValidator.validate(ManifestReader.read(spark, manifest.toUri().toString()), "t")
          .valid();
      ScoreJob.run(spark, valid, out, new ScoreJob.Options(models.names(), models.catalog(),
          ImageDecoder.DEFAULT_MAX_PIXELS, 1L << 30, "draft", false), new PrintStream(OutputStream.nullOutputStream()));
      List<Row> scores = spark.read().parquet(out).orderBy("image_id").collectAsList();
      assertEquals(expected.size(), scores.size());
      for (int i = 0; i < scores.size(); i++) {
        Row r = scores.get(i);
        String[] e = expected.get(i);
        assertEquals(e[0], r.getAs("image_id"));
        assertEquals("ok", r.getAs("status"));
        assertEquals(Double.parseDouble(e[4]), r.<Double>getAs("score"), TOLERANCE, e[0]);
        assertEquals(Integer.parseInt(e[2]), r.<Integer>getAs("width"), e[0]);
        assertEquals(Integer.parseInt(e[3]), r.<Integer>getAs("height"), e[0]);
        assertTrue(r.<String>getAs("preprocess").startsWith("fixed64x64-pil-bicubic-draft/nocrop/"));
      }
    } finally {
      spark.stop();
    }
  }
}
