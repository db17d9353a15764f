package io.sparkiqa.jobs.apps.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Per image, codec and target: the lowest quality Q such that Q and every higher rung meet the target (a failed
 * score meets nothing), with the bytes it saves against the original file. No Q when the highest rung misses;
 * {@code reason} then says which rung did.
 */
final class ChooseQuality implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;
  private final ArrayList<SweepTarget> targets;
  private final ArrayList<String> codecs;

  ChooseQuality(List<SweepTarget> targets, List<String> codecs) {
    this.targets = new ArrayList<>(targets);
    this.codecs = new ArrayList<>(codecs);
  }

  /** A rung's outcome for one model: its quality, score (null: failed) and size. */
  record Point(int quality, Double score, Long bytes) {
  }

  @Override
  public Iterator<Row> call(String imageId, Iterator<Row> rows) {
    List<Row> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    String group = all.isEmpty() ? null : all.get(0).getAs("group");
    Long original = null;
    for (Row r : all) {
      if (r.getAs("original_bytes") != null) {
        original = r.getAs("original_bytes");
      }
    }
    List<Row> out = new ArrayList<>();
    for (String codec : codecs) {
      for (SweepTarget t : targets) {
        List<Point> pts = new ArrayList<>();
        for (Row r : all) {
          if (codec.equals(r.getAs("codec")) && t.model().equals(r.getAs("model"))) {
            pts.add(new Point(r.<Integer>getAs("quality"), "ok".equals(r.getAs("status")) ? r.getAs("score") : null,
                r.getAs("bytes")));
          }
        }
        out.add(choose(imageId, group, codec, t, pts, original));
      }
    }
    return out.iterator();
  }

  static Row choose(String imageId, String group, String codec, SweepTarget t, List<Point> pts, Long original) {
    TreeMap<Integer, Point> byQ = new TreeMap<>();
    pts.forEach(p -> byQ.put(p.quality(), p));
    Point chosen = null;
    String reason = null;
    for (Point p : byQ.descendingMap().values()) {
      if (p.score() == null || !t.met(p.score())) {
        reason = (p.score() == null ? "the score failed at " : "missed at ") + codec + "_q" + p.quality();
        break;
      }
      chosen = p;
    }
    if (pts.isEmpty()) {
      reason = "no rung scored";
    }
    Long saved = chosen == null || original == null || chosen.bytes() == null ? null : original - chosen.bytes();
    return RowFactory.create(imageId, group, codec, t.label(), t.model(), chosen == null ? null : chosen.quality(),
        chosen == null ? null : codec + "_q" + chosen.quality(), chosen == null ? null : chosen.bytes(), original,
        saved, saved == null ? null : (double) saved / original, chosen == null ? reason : null);
  }
}
