package io.sparkiqa.jobs.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.spark.Sessions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A generated manifest of many rows over few small images, for scale runs (scripts/bench_million.sh, ScaleIT):
 * {@value #IMAGES} crops of {@value #SIZE}x{@value #SIZE} pixels from the 24 Kodak photos in data/kodak, each blurred
 * by a box of radius {@code k % 5} (written once as PNG), and N manifest rows {@code r0000000..}, row i on image
 * {@code i % IMAGES}. {@code mos = 5 - 0.8 * radius + u} with u in [-0.25, 0.25) from a hash of the row, so sharper
 * crops rate higher; attribute {@code photo} (kodim01..24) groups the rows. Written as Parquet part files of at most
 * {@value #ROWS_PER_FILE} rows: a CSV or JSON lines file is read whole by one task.
 *
 * <pre>{@code
 * java -cp ... io.sparkiqa.jobs.bench.ScaleManifest out/scale 1000000   # out/scale/images, out/scale/manifest-1000000
 * }</pre>
 */
public final class ScaleManifest {
  static final int IMAGES = 300;
  static final int SIZE = 64;
  static final long ROWS_PER_FILE = 250_000;
  private static final int PHOTOS = 24;

  private ScaleManifest() {
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]).toAbsolutePath();
    long rows = Long.parseLong(args[1]);
    List<Path> images = images(TestSupport.repoRoot().resolve("data/kodak"), dir.resolve("images"));
    SparkSession spark = Sessions.create("scale manifest", "local[2]", Map.of("spark.ui.enabled", "false"), List.of());
    try {
      String out = dir.resolve("manifest-" + rows).toUri().toString();
      write(spark, images, rows, out);
      System.out.println("wrote " + rows + " rows over " + images.size() + " images to " + out);
    } finally {
      spark.stop();
    }
  }

  /** The {@value #IMAGES} crops under {@code outDir} (made once; kept when all are there). */
  public static List<Path> images(Path kodak, Path outDir) {
    try {
      Files.createDirectories(outDir);
      List<Path> out = new ArrayList<>();
      for (int k = 0; k < IMAGES; k++) {
        Path p = outDir.resolve(String.format("crop%03d.png", k));
        out.add(p);
        if (Files.exists(p)) {
          continue;
        }
        BufferedImage src = ImageIO.read(kodak.resolve(String.format("kodim%02d.png", k % PHOTOS + 1)).toFile());
        int x = (k / PHOTOS * 97) % (src.getWidth() - SIZE);
        int y = (k / PHOTOS * 61) % (src.getHeight() - SIZE);
        ImageIO.write(boxBlur(src.getSubimage(x, y, SIZE, SIZE), k % 5), "png", p.toFile());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code rows} manifest rows over {@code images} to {@code uri} as Parquet. */
  public static void write(SparkSession spark, List<Path> images, long rows, String uri) {
    List<Row> files = new ArrayList<>();
    for (int k = 0; k < images.size(); k++) {
      files.add(RowFactory.create((long) k, TestSupport.uri(images.get(k)),
          String.format("kodim%02d", k % PHOTOS + 1), k % 5));
    }
    StructType schema = new StructType().add("k", DataTypes.LongType).add("uri", DataTypes.StringType)
        .add("photo", DataTypes.StringType).add("radius", DataTypes.IntegerType);
    Dataset<Row> byImage = spark.createDataFrame(files, schema);
    int parts = (int) Math.max(1, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    Dataset<Row> ids = spark.range(0, rows, 1, parts).withColumn("k", pmod(col("id"), lit((long) images.size())));
    ids.join(broadcast(byImage), "k")
        .select(format_string("r%07d", col("id")).as("image_id"), col("uri"), lit("scale").as("dataset"),
            lit(5.0).minus(col("radius").multiply(0.8)).plus(noise()).as("mos"), col("photo"))
        .write().mode(SaveMode.Overwrite).parquet(uri);
  }

  /** A deterministic u in [-0.25, 0.25) per row. */
  private static org.apache.spark.sql.Column noise() {
    return pmod(xxhash64(col("id"), lit("mos")), lit(10_000L)).divide(20_000.0).minus(0.25);
  }

  /** A box blur of radius r (r = 0: a copy), edges clamped. */
  static BufferedImage boxBlur(BufferedImage in, int r) {
    int w = in.getWidth();
    int h = in.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] sum = new int[3];
        int n = 0;
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            int rgb = in.getRGB(Math.min(w - 1, Math.max(0, x + dx)), Math.min(h - 1, Math.max(0, y + dy)));
            sum[0] += (rgb >> 16) & 0xff;
            sum[1] += (rgb >> 8) & 0xff;
            sum[2] += rgb & 0xff;
            n++;
          }
        }
        out.setRGB(x, y, (sum[0] / n) << 16 | (sum[1] / n) << 8 | sum[2] / n);
      }
    }
    return out;
  }
}
