package io.sparkiqa.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * An audit's view of what came in: image counts per facet (status, failure reason, format, mode, bit
 * depth, alpha), histograms of resolution and aspect ratio, the most common resolutions, and the groups
 * of exact duplicates by content hash.
 */
final class IngestSection implements AuditSection {
  private static final List<String> TABLE_FACETS = List.of("status", "failure_reason", "format", "mode", "bit_depth", "alpha");

  @Override
  public void html(StringBuilder h, AuditReport.Data d) {
    Map<String, Map<String, Long>> f = facets(d.ingest());
    h.append("<h2>Ingest</h2>\n<div class=\"flex\">");
    for (String facet : TABLE_FACETS) {
      Map<String, Long> v = f.getOrDefault(facet, Map.of());
      if (v.isEmpty()) {
        continue;
      }
      h.append("<table><tr><th class=\"l\">").append(Fmt.html(facet)).append("</th><th>images</th></tr>");
      v.forEach((k, n) -> h.append("<tr><td class=\"l\">").append(Fmt.html(k)).append("</td><td>").append(n).append("</td></tr>"));
      h.append("</table>");
    }
    h.append("</div>\n<div class=\"plots\">");
    for (String facet : List.of("megapixels", "aspect")) {
      Map<String, Long> v = new LinkedHashMap<>();
      f.getOrDefault(facet, Map.of()).forEach((k, n) -> v.put(k.replaceFirst("^[a-f]: ", ""), n));
      if (!v.isEmpty()) {
        h.append("<figure><img class=\"hist\" alt=\"").append(facet).append("\" src=\"data:image/png;base64,")
            .append(HistogramChart.counts(facet.equals("aspect") ? "Aspect ratio (width / height)" : "Resolution (megapixels)",
                facet, v, 440, 260)).append("\"></figure>");
      }
    }
    h.append("</div>\n");
    List<Map.Entry<String, Long>> res = new ArrayList<>(f.getOrDefault("resolution", Map.of()).entrySet());
    res.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    h.append("<p>Resolutions (most common first): ");
    res.stream().limit(15).forEach(e -> h.append("<code>").append(Fmt.html(e.getKey())).append("</code> × ")
        .append(e.getValue()).append("; "));
    h.append("</p>\n<h3>Exact duplicates (").append(d.duplicates().size()).append(" group(s))</h3>\n");
    if (d.duplicates().isEmpty()) {
      h.append("<p>None.</p>\n");
    } else {
      h.append("<table><tr><th class=\"l\">content sha256</th><th>n</th><th class=\"l\">image_ids</th></tr>\n");
      d.duplicates().forEach(r -> h.append("<tr><td class=\"l\"><code>").append(Fmt.html(r.<String>getAs("content_sha256")
          .substring(0, 16))).append("…</code></td><td>").append(r.<Long>getAs("n")).append("</td><td class=\"l\">")
          .append(Fmt.html(String.join(", ", r.<String>getList(r.fieldIndex("image_ids"))))).append("</td></tr>\n"));
      h.append("</table>\n");
    }
  }

  @Override
  public void markdown(StringBuilder s, AuditReport.Data d) {
    s.append("\n## Ingest\n\n| facet | value | images |\n|---|---|---:|\n");
    d.ingest().stream().filter(r -> !r.getAs("facet").equals("resolution")).forEach(r -> s.append("| ")
        .append(Fmt.md(r.getAs("facet"))).append(" | ").append(Fmt.md(r.getAs("value"))).append(" | ")
        .append(r.<Long>getAs("n")).append(" |\n"));
    s.append("\nExact duplicates: ").append(d.duplicates().size()).append(" group(s)");
    d.duplicates().forEach(r -> s.append("; ").append(Fmt.md(String.join(", ", r.<String>getList(r.fieldIndex("image_ids"))))));
    s.append('\n');
  }

  /** Per facet, the image count per value, in the table's order. */
  private static Map<String, Map<String, Long>> facets(List<Row> ingest) {
    Map<String, Map<String, Long>> f = new LinkedHashMap<>();
    ingest.forEach(r -> f.computeIfAbsent(r.getAs("facet"), k -> new LinkedHashMap<>()).put(r.getAs("value"), r.getAs("n")));
    return f;
  }
}
