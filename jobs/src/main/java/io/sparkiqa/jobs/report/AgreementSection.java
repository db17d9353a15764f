package io.sparkiqa.jobs.report;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * How the models of an audit agree: the direction-aligned SRCC of every pair of models over the images
 * both scored, as a shaded model x model matrix in HTML and one line per pair in Markdown.
 */
final class AgreementSection implements AuditSection {
  @Override
  public void html(StringBuilder h, AuditReport.Data d) {
    Set<String> models = new LinkedHashSet<>();
    d.agreement().forEach(r -> models.add(r.getAs("model_a")));
    h.append("<h2>Agreement between models</h2>\n<p>SRCC over the images both models scored, with directions ")
        .append("aligned (lower-better models negated): +1 = the same ranking of quality.</p>\n<table><tr><th></th>");
    models.forEach(m -> h.append("<th>").append(Fmt.html(m)).append("</th>"));
    h.append("</tr>\n");
    for (String a : models) {
      h.append("<tr><th class=\"l\">").append(Fmt.html(a)).append("</th>");
      for (Row r : d.agreement()) {
        if (r.getAs("model_a").equals(a)) {
          Double v = r.getAs("agreement");
          int shade = v == null ? 255 : (int) Math.round(255 - 120 * Math.abs(v));
          String bg = v == null ? "#fff" : v >= 0 ? String.format("#%02x%02xff", shade, shade) : String.format("#ff%02x%02x", shade, shade);
          h.append("<td style=\"background:").append(bg).append("\">").append(Fmt.num(v)).append("</td>");
        }
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  @Override
  public void markdown(StringBuilder s, AuditReport.Data d) {
    s.append("\n## Agreement (direction-aligned SRCC)\n\n");
    d.agreement().stream().filter(r -> ((String) r.getAs("model_a")).compareTo(r.getAs("model_b")) < 0)
        .forEach(r -> s.append("- ").append(Fmt.md(r.getAs("model_a"))).append(" vs ").append(Fmt.md(r.getAs("model_b")))
            .append(": ").append(Fmt.num(r.getAs("agreement"))).append(" (n = ").append(r.<Long>getAs("n")).append(")\n"));
  }
}
