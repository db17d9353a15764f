package io.sparkiqa.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sparkiqa.jobs.TestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkiqa score} over a hostile corpus (the 61-byte PNG that stalled a task, non-images under image
 * names, a PNG named .jpg, zero bytes, truncations, impossible and over-cap headers, flat images): the
 * command returns within a bounded time and every image_id ends with its exact status and reason class
 * for sharpness and NIQE.
 */
class HostileInputTest {
  private static final String OK = "ok";

  @TempDir
  Path tmp;

  @Test
  void everyHostileFileEndsWithItsReasonAndTheJobReturns() throws Exception {
    Path img = Files.createDirectories(tmp.resolve("img"));
    // id -> {file name, bytes, sharpness outcome, niqe outcome}; an outcome is "ok" or the reason class
    Map<String, Object[]> corpus = new LinkedHashMap<>();
    byte[] png = encode(noise(200, 100), "png");
    byte[] jpeg = encode(noise(200, 100), "jpeg");
    byte[] stall = stallingPng();
    assertEquals(61, stall.length);
    corpus.put("stalling-png", new Object[] {"stall.png", stall, "undecodable", "undecodable"});
    corpus.put("png-named-jpg", new Object[] {"photo.jpg", png, OK, OK});
    corpus.put("jpeg", new Object[] {"photo2.jpg", jpeg, OK, OK});
    corpus.put("flat-black", new Object[] {"black.png", encode(flat(200, 100, 0), "png"), OK, "undefined"});
    corpus.put("flat-white", new Object[] {"white.png", encode(flat(200, 100, 0xffffff), "png"), OK, "undefined"});
    corpus.put("text-as-png", new Object[] {"notes.png", "just some text\n".getBytes(StandardCharsets.UTF_8),
        "unsupported_format", "unsupported_format"});
    corpus.put("html-as-jpg", new Object[] {"page.jpg", "<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8),
        "unsupported_format", "unsupported_format"});
    corpus.put("zip-as-png", new Object[] {"archive.png", Arrays.copyOf(new byte[] {'P', 'K', 3, 4}, 64),
        "unsupported_format", "unsupported_format"});
    corpus.put("zero-bytes", new Object[] {"empty.jpg", new byte[0], "empty", "empty"});
    corpus.put("jpeg-truncated-data", new Object[] {"cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), "undecodable", "undecodable"});
    corpus.put("png-truncated-header", new Object[] {"cut.png", Arrays.copyOf(png, 20), "truncated", "truncated"});
    corpus.put("png-over-cap", new Object[] {"huge.png", withPngSize(png, 100_000, 100_000), "over_pixel_cap", "over_pixel_cap"});
    corpus.put("png-zero-height", new Object[] {"zero.png", withPngSize(png, 200, 0), "undecodable", "undecodable"});
    corpus.put("jpeg-segment-length-0", new Object[] {"loop.jpg", patch(jpeg, 4, ByteOrder.BIG_ENDIAN, (short) 0),
        "undecodable", "undecodable"});
    byte[] bmp = encode(noise(200, 100), "bmp");
    corpus.put("bmp-height-min", new Object[] {"min.bmp", patch(bmp, 22, ByteOrder.LITTLE_ENDIAN, Integer.MIN_VALUE),
        "undecodable", "undecodable"});
    corpus.put("tiny-3x2", new Object[] {"tiny.png", encode(noise(3, 2), "png"), "too_small", "too_small"});

    StringBuilder m = new StringBuilder("image_id,uri\n");
    for (Map.Entry<String, Object[]> e : corpus.entrySet()) {
      Path f = Files.write(img.resolve((String) e.getValue()[0]), (byte[]) e.getValue()[1]);
      m.append(e.getKey()).append(',').append(TestSupport.uri(f)).append('\n');
    }
    m.append("missing,").append(TestSupport.uri(img.resolve("gone.png"))).append('\n');
    corpus.put("missing", new Object[] {"gone.png", null, "missing", "missing"});
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    Path out = tmp.resolve("o");

    // a stalled task never returns; the bound is loose for a loaded shared machine (about 20 s when idle)
    int code = assertTimeoutPreemptively(Duration.ofSeconds(180), () -> SparkIqa.execute("score", "--manifest",
        manifest.toString(), "--models", "sharpness,niqe", "--out", out.toString(), "--master", "local[2]"));
    assertEquals(0, code);

    SparkSession spark = TestSupport.localSpark();
    try {
      List<Row> rows = spark.read().parquet(out.resolve("scores").toString()).collectAsList();
      assertEquals(2 * corpus.size(), rows.size());
      for (Row r : rows) {
        Object[] expected = corpus.get(r.<String>getAs("image_id"));
        String want = (String) expected[r.<String>getAs("model").equals("sharpness") ? 2 : 3];
        String error = r.getAs("error");
        String what = r.getAs("image_id") + "/" + r.getAs("model") + ": " + error;
        if (want.equals(OK)) {
          assertEquals("ok", r.getAs("status"), what);
          assertNull(error, what);
        } else {
          assertEquals("failed", r.getAs("status"), what);
          assertEquals(want, error.substring(0, error.indexOf(':')), what);
        }
      }
    } finally {
      spark.stop();
    }
  }

  /** After IHDR a chunk of length 0xFFFFFFF4, which the old walk cast to -12 and stood still on. */
  private static byte[] stallingPng() {
    ByteBuffer b = ByteBuffer.allocate(61);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(64).putInt(48).put(new byte[] {8, 2, 0, 0, 0});
    b.putInt(0); // CRC: the header walk never reaches a CRC check
    b.putInt(0xFFFFFFF4).put("tEXt".getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  private static byte[] withPngSize(byte[] png, int w, int h) {
    return patch(patch(png, 16, ByteOrder.BIG_ENDIAN, w), 20, ByteOrder.BIG_ENDIAN, h);
  }

  private static byte[] patch(byte[] b, int off, ByteOrder order, Object v) {
    byte[] c = b.clone();
    ByteBuffer buf = ByteBuffer.wrap(c).order(order);
    if (v instanceof Short s) {
      buf.putShort(off, s);
    } else {
      buf.putInt(off, (Integer) v);
    }
    return c;
  }

  private static BufferedImage noise(int w, int h) {
    BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Random r = new Random(14);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        im.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return im;
  }

  private static BufferedImage flat(int w, int h, int rgb) {
    BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        im.setRGB(x, y, rgb);
      }
    }
    return im;
  }

  private static byte[] encode(BufferedImage im, String format) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ImageIO.write(im, format, o);
    return o.toByteArray();
  }
}
