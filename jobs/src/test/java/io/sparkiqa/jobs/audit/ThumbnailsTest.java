package io.sparkiqa.jobs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.contracts.Directions;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thumbnails decode under the run's caps: a 120x90 PNG (10,800 pixels) gets one at --max-pixels 10,800 and
 * none at 10,799, none when the file is one byte over --max-bytes; extremes then carry a null thumbnail and
 * nothing fails.
 */
class ThumbnailsTest {
  @TempDir
  Path tmp;

  private String png() throws IOException {
    BufferedImage img = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 90; y++) {
      for (int x = 0; x < 120; x++) {
        img.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | 40);
      }
    }
    Path p = tmp.resolve("a.png");
    ImageIO.write(img, "png", p.toFile());
    return TestSupport.uri(p);
  }

  @Test
  void anImageOverThePixelOrByteCapGetsNoThumbnail() throws IOException {
    String uri = png();
    long size = Files.size(tmp.resolve("a.png"));
    Configuration conf = new Configuration();
    byte[] jpeg = new Thumbnails(conf, 10_800, size).of(uri);
    assertNotNull(jpeg);
    BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertEquals(120, thumb.getWidth());
    assertEquals(90, thumb.getHeight());
    assertNull(new Thumbnails(conf, 10_799, size).of(uri), "over --max-pixels");
    assertNull(new Thumbnails(conf, 10_800, size - 1).of(uri), "over --max-bytes");
  }

  @Test
  void extremesKeepTheirRowsWithANullThumbnailOverTheCap() throws IOException {
    String uri = png();
    ScoreTable t = new ScoreTable();
    t.byModel.put("niqe", new java.util.ArrayList<>(List.of(new ScoreTable.Entry("a", uri, 4.0, Map.of("all", "all")))));
    Directions d = Directions.catalog(MetricCatalog.builtIn(), System.out);
    List<Row> capped = AuditJob.extremes(t, 1, new Thumbnails(new Configuration(), 10_000, 1L << 20), d);
    assertEquals(2, capped.size());
    capped.forEach(r -> assertNull(r.get(6)));
    List<Row> open = AuditJob.extremes(t, 1, new Thumbnails(new Configuration(), 20_000, 1L << 20), d);
    open.forEach(r -> assertNotNull(r.get(6)));
  }
}
