package io.sparkiqa.jobs.report;

import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * The images an audit's models disagree on most (the spread of their quality percentiles), with
 * thumbnails, for human review; HTML only. Needs two or more models.
 */
final class DisagreementSection implements AuditSection {
  @Override
  public void html(StringBuilder h, AuditReport.Data d) {
    h.append("<h2>Disagreement sample (").append(d.disagreement().size()).append(")</h2>\n<p>Images scored by every ")
        .append("model whose quality percentiles (1 = best by that model) spread the most: for human review.</p>\n");
    if (d.disagreement().isEmpty()) {
      h.append("<p>Needs two or more models.</p>\n");
      return;
    }
    h.append("<table><tr><th>#</th><th></th><th class=\"l\">image_id</th><th>spread</th><th class=\"l\">best by</th>")
        .append("<th class=\"l\">worst by</th><th class=\"l\">percentiles</th></tr>\n");
    for (Row r : d.disagreement()) {
      StringBuilder p = new StringBuilder();
      r.<String, Double>getJavaMap(r.fieldIndex("percentiles")).forEach((k, v) -> p.append(k).append(' ')
          .append(String.format(Locale.ROOT, "%.2f", v)).append("; "));
      h.append("<tr><td>").append(r.<Integer>getAs("rank")).append("</td><td>")
          .append(AuditReport.img(r.getAs("thumbnail_jpeg"), r.getAs("image_id"))).append("</td><td class=\"l\">")
          .append(Fmt.html(r.getAs("image_id"))).append("</td><td>").append(Fmt.num(r.getAs("disagreement")))
          .append("</td><td class=\"l\">").append(Fmt.html(r.getAs("best_by"))).append("</td><td class=\"l\">")
          .append(Fmt.html(r.getAs("worst_by"))).append("</td><td class=\"l\">").append(Fmt.html(p.toString()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
