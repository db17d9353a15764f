package io.sparkiqa.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** The worst and best images per model of an audit, as thumbnails with rank, id, score and URI; HTML only. */
final class ExtremesSection implements AuditSection {
  @Override
  public void html(StringBuilder h, AuditReport.Data d) {
    h.append("<h2>Worst and best images per model</h2>\n");
    Map<String, List<Row>> byKey = new LinkedHashMap<>();
    d.extremes().forEach(r -> byKey.computeIfAbsent(r.getAs("model") + " — " + r.getAs("kind"), k -> new ArrayList<>()).add(r));
    byKey.forEach((k, rows) -> {
      h.append("<h3>").append(Fmt.html(k)).append("</h3>\n<div class=\"grid\">");
      rows.forEach(r -> h.append("<figure>").append(AuditReport.img(r.getAs("thumbnail_jpeg"), r.getAs("image_id")))
          .append("<figcaption>#").append(r.<Integer>getAs("rank")).append(' ').append(Fmt.html(r.getAs("image_id")))
          .append("<br>").append(Fmt.num(r.getAs("score"))).append("<br><code>").append(Fmt.html(r.getAs("uri")))
          .append("</code></figcaption></figure>"));
      h.append("</div>\n");
    });
  }
}
