package io.sparkiqa.jobs.apps.sweep;

import io.sparkiqa.jobs.score.SparkTaskResources;
import io.sparkiqa.jobs.score.SpecShipping;
import io.sparkiqa.udfs.catalog.MetricCatalog;
import io.sparkiqa.udfs.image.DecodeException;
import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.image.RgbImage;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.io.SerializableConf;
import io.sparkiqa.udfs.metrics.Defined;
import io.sparkiqa.udfs.metrics.Metric;
import io.sparkiqa.udfs.metrics.MetricException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Executor side of the sweep, per image: read and decode the original once, then per rung encode it in memory
 * ({@link Rung}), decode the encoded bytes and score them with every model, full-reference ones against the
 * original. Emits one {@link SweepJob#RUNGS} row per rung and model: ok with the score and the rung's size, or
 * failed with {@code reason_class: message} (an unreadable original fails every rung and model with its reason).
 */
final class SweepPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<SerializableConf> conf;
  private final MetricCatalog catalog;
  private final ArrayList<String> models;
  private final ArrayList<Rung> rungs;
  private final long maxPixels;
  private final long maxBytes;
  private final String runId;
  private final String keepRungs;
  private final LongAccumulator encodes;

  SweepPartition(Broadcast<SerializableConf> conf, MetricCatalog catalog, List<String> models, List<Rung> rungs,
                 long maxPixels, long maxBytes, String runId, String keepRungs, LongAccumulator encodes) {
    this.conf = conf;
    this.catalog = catalog;
    this.models = new ArrayList<>(models);
    this.rungs = new ArrayList<>(rungs);
    this.maxPixels = maxPixels;
    this.maxBytes = maxBytes;
    this.runId = runId;
    this.keepRungs = keepRungs;
    this.encodes = encodes;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    MetricCatalog here = SpecShipping.onExecutor(catalog);
    List<Metric> metrics = here.metrics(models, conf.value().get(), SparkTaskResources.ofCurrentTask());
    ImageBytes bytes = new ImageBytes(conf.value().get(), maxBytes);
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    return new Iterator<>() {
      private Iterator<Row> pending = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!pending.hasNext() && input.hasNext()) {
          pending = image(input.next(), metrics, bytes, decoder).iterator();
        }
        return pending.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return pending.next();
      }
    };
  }

  private List<Row> image(Row r, List<Metric> metrics, ImageBytes bytes, ImageDecoder decoder) {
    String id = r.getString(0);
    String group = r.getString(3);
    List<Row> out = new ArrayList<>();
    long t0 = System.nanoTime();
    byte[] original;
    RgbImage img;
    try {
      original = bytes.read(r.getString(2));
      img = decoder.decode(original).image();
    } catch (ImageBytes.ReadException e) {
      return failAll(id, group, e.reasonClass() + ": " + e.getMessage(), null, t0);
    } catch (DecodeException e) {
      return failAll(id, group, e.reasonClass() + ": " + e.getMessage(), null, t0);
    }
    try (Mat rgb = new Mat(img.height(), img.width(), opencv_core.CV_8UC3, new BytePointer(img.rgb()));
         Mat bgr = new Mat()) {
      opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
      for (Rung rung : rungs) {
        long t1 = System.nanoTime();
        byte[] enc;
        RgbImage decoded;
        try {
          enc = rung.encode(bgr);
          decoded = decoder.decode(enc).image();
          encodes.add(1);
          keep(id, rung, enc);
        } catch (DecodeException | RuntimeException e) {
          for (String m : models) {
            out.add(row(id, rung, m, null, "internal_error: " + rung.level() + " did not encode and decode: " + e,
                null, original.length, img, group, t1));
          }
          continue;
        }
        for (int i = 0; i < metrics.size(); i++) {
          Metric m = metrics.get(i);
          long t2 = System.nanoTime();
          Double score = null;
          String error = null;
          try {
            score = Defined.check(m.spec(), m.score(decoded, m.spec().needsReference() ? img : null)).score();
          } catch (MetricException e) {
            error = e.reasonClass() + ": " + e.getMessage();
          } catch (RuntimeException e) {
            error = "internal_error: " + e;
          }
          out.add(row(id, rung, models.get(i), score, error, (long) enc.length, original.length, img, group, t2));
        }
      }
    }
    return out;
  }

  private void keep(String id, Rung rung, byte[] enc) {
    if (keepRungs == null) {
      return;
    }
    Path p = new Path(keepRungs + "/" + id.replaceAll("[^A-Za-z0-9._-]", "_") + "/" + rung.level() + "."
        + rung.extension());
    try (OutputStream o = p.getFileSystem(conf.value().get()).create(p, true)) {
      o.write(enc);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  private List<Row> failAll(String id, String group, String error, RgbImage img, long t0) {
    List<Row> out = new ArrayList<>();
    for (Rung rung : rungs) {
      for (String m : models) {
        out.add(row(id, rung, m, null, error, null, null, img, group, t0));
      }
    }
    return out;
  }

  private Row row(String id, Rung rung, String model, Double score, String error, Long size, Integer original,
                  RgbImage img, String group, long t0) {
    return RowFactory.create(id, rung.level(), rung.codec(), rung.quality(), model, score,
        error == null ? "ok" : "failed", error, size, original == null ? null : (long) original,
        img == null ? null : img.width(), img == null ? null : img.height(), group, runId,
        (System.nanoTime() - t0) / 1_000_000);
  }
}
