package io.sparkiqa.jobs.apps.curate;

import io.sparkiqa.udfs.image.ImageDecoder;
import io.sparkiqa.udfs.io.ImageBytes;
import io.sparkiqa.udfs.io.SerializableConf;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Executor side of {@code curate}: each input row (group, image_id, level, uri, scores) with its
 * {@link PerceptualHash} appended, or a null hash and {@code reason_class: message} when the image cannot be read.
 */
final class HashPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<SerializableConf> conf;
  private final long maxPixels;
  private final long maxBytes;

  HashPartition(Broadcast<SerializableConf> conf, long maxPixels, long maxBytes) {
    this.conf = conf;
    this.maxPixels = maxPixels;
    this.maxBytes = maxBytes;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    ImageBytes bytes = new ImageBytes(conf.value().get(), maxBytes);
    ImageDecoder decoder = new ImageDecoder(maxPixels);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        Row r = input.next();
        Long hash = null;
        String error = null;
        try {
          hash = PerceptualHash.of(decoder.decode(bytes.read(r.getString(3))).image());
        } catch (Exception e) {
          error = "unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), hash, error);
      }
    };
  }
}
