package io.sparkiqa.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the quality-vs-aesthetics view of a report compares: each model's {@code aspect} ({@code quality} or
 * {@code aesthetics}, from run.json's {@code models}, as the metric catalog recorded it) and, per image, every such
 * model's ok score and the image's attrs (from {@code points/}, the same fixed sample of images for every model as the
 * scatter plots). Empty ({@link #NONE}) unless the run has models of both aspects.
 *
 * @param aspects model to aspect, for the models that have one in run.json
 * @param images  per (image_id, level), in image order
 */
public record AspectScores(Map<String, String> aspects, List<Image> images) {
  /** No view: the run lacks models of one aspect. */
  public static final AspectScores NONE = new AspectScores(Map.of(), List.of());

  /** One image's scores by model (ok rows only; a score may be non-finite) and its attrs. */
  public record Image(String imageId, String level, Map<String, String> attrs, Map<String, Double> scores) {
  }

  /** True when there is at least one quality and one aesthetics model. */
  public boolean comparable() {
    return aspects.containsValue("quality") && aspects.containsValue("aesthetics");
  }

  /** The models of {@code aspect}, sorted. */
  public List<String> models(String aspect) {
    return aspects.entrySet().stream().filter(e -> e.getValue().equals(aspect)).map(Map.Entry::getKey).sorted().toList();
  }

  /**
   * Reads the view of the output folder {@code inUri}: the aspects from {@code provenance} (run.json flattened:
   * {@code models.NAME.aspect}), and when both aspects occur, the points of those models, at most {@code cap} per
   * (model, dataset, split, level) ({@link ReportBuilder#plotted}).
   */
  static AspectScores read(SparkSession spark, String inUri, Map<String, String> provenance, int cap) {
    Map<String, String> aspects = new TreeMap<>();
    provenance.forEach((k, v) -> {
      if (k.startsWith("models.") && k.endsWith(".aspect")) {
        aspects.put(k.substring("models.".length(), k.length() - ".aspect".length()), v);
      }
    });
    AspectScores none = new AspectScores(aspects, List.of());
    if (!none.comparable()) {
      return none;
    }
    Dataset<Row> points = spark.read().parquet(inUri + "/points").filter(col("model").isin(aspects.keySet().toArray()));
    Map<String, Image> byImage = new TreeMap<>();
    for (Row r : ReportBuilder.plotted(points, cap).select("image_id", "level", "attrs", "model", "score")
        .collectAsList()) {
      Map<String, String> attrs = r.isNullAt(2) ? Map.of() : r.getJavaMap(2);
      Image img = byImage.computeIfAbsent(r.getString(0) + "\u0000" + r.getString(1),
          k -> new Image(r.getString(0), r.getString(1), new LinkedHashMap<>(attrs), new TreeMap<>()));
      if (!r.isNullAt(4)) {
        img.scores().put(r.getString(3), r.getDouble(4));
      }
    }
    return new AspectScores(aspects, new ArrayList<>(byImage.values()));
  }
}
