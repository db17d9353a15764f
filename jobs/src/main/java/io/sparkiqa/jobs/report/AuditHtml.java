package io.sparkiqa.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/** The HTML body of an audit report ({@link AuditReport}). */
final class AuditHtml {
  private static final List<String> TABLE_FACETS = List.of("status", "failure_reason", "format", "mode", "bit_depth", "alpha");

  private AuditHtml() {
  }

  static String render(AuditReport.Data d) {
    StringBuilder h = HtmlReport.head(d.base().title());
    h.append("<style>.thumb{display:block;max-width:160px;max-height:160px}.grid{display:flex;flex-wrap:wrap;gap:10px}")
        .append(".grid figure{margin:0;width:170px;font-size:11px;word-break:break-all}.flex{display:flex;flex-wrap:wrap;gap:16px}")
        .append(".hi{background:#ffe0e0}</style>\n");
    h.append("<h1>").append(Fmt.html(d.base().title())).append("</h1>\n");
    h.append("<p>An audit of a corpus without human ratings: what came in, how each model's scores are distributed ")
        .append("(per group, with bootstrap 95% CIs of the mean), how the models agree, which images they disagree on, ")
        .append("the worst and best images per model, and drift against a baseline audit. Every manifest row is ")
        .append("accounted for below: scored, failed with a reason, or rejected with a reason.</p>\n");
    HtmlReport.reconciliation(h, d.base());
    ingest(h, d);
    distributions(h, d);
    agreement(h, d);
    disagreement(h, d);
    extremes(h, d);
    drift(h, d);
    HtmlReport.failures(h, d.base());
    HtmlReport.rejects(h, d.base());
    HtmlReport.provenance(h, d.base());
    h.append("</body></html>\n");
    return h.toString();
  }

  private static Map<String, Map<String, Long>> facets(List<Row> ingest) {
    Map<String, Map<String, Long>> f = new LinkedHashMap<>();
    ingest.forEach(r -> f.computeIfAbsent(r.getAs("facet"), k -> new LinkedHashMap<>()).put(r.getAs("value"), r.getAs("n")));
    return f;
  }

  private static void ingest(StringBuilder h, AuditReport.Data d) {
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

  private static void distributions(StringBuilder h, AuditReport.Data d) {
    Set<String> models = new LinkedHashSet<>();
    d.distributions().forEach(r -> models.add(r.getAs("model")));
    h.append("<h2>Score distributions</h2>\n");
    Set<String> sources = new LinkedHashSet<>();
    d.distributions().forEach(r -> {
      if (r.getAs("threshold_source") != null) {
        sources.add(r.getAs("threshold_source"));
      }
    });
    h.append(sources.isEmpty() ? "<p>No thresholds given (--threshold MODEL=VALUE, or --calibration with --mos-cut): "
        + "no share of bad images.</p>\n" : "<p class=\"note\">Share bad: " + Fmt.html(String.join("; ", sources)) + ".</p>\n");
    for (String m : models) {
      h.append("<h3>").append(Fmt.html(m)).append("</h3>\n<table><tr><th class=\"l\">group</th><th>n</th><th>failed</th>")
          .append("<th>mean [95% CI]</th><th>p05</th><th>p25</th><th>median</th><th>p75</th><th>p95</th><th>share bad</th></tr>\n");
      boolean lower = false;
      for (Row r : d.distributions()) {
        if (!r.getAs("model").equals(m)) {
          continue;
        }
        lower = r.getAs("lower_better");
        String g = r.getAs("group_by").equals("all") ? "all" : r.getAs("group_by") + " = " + r.getAs("group");
        h.append("<tr><td class=\"l\">").append(Fmt.html(g)).append("</td><td>").append(r.<Long>getAs("n"))
            .append("</td><td>").append(r.<Long>getAs("n_failed")).append("</td><td>").append(Fmt.num(r.getAs("mean")))
            .append(" [").append(Fmt.num(r.getAs("mean_ci_low"))).append(", ").append(Fmt.num(r.getAs("mean_ci_high")))
            .append("]</td>");
        for (String q : List.of("p05", "p25", "p50", "p75", "p95")) {
          h.append("<td>").append(Fmt.num(r.getAs(q))).append("</td>");
        }
        Double share = r.getAs("share_bad");
        h.append("<td>").append(share == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * share))
            .append("</td></tr>\n");
      }
      h.append("</table>\n<p>").append(lower ? "Lower is better." : "Higher is better.").append("</p>\n");
      Map<String, double[]> hist = d.histograms().get(m);
      if (hist != null) {
        h.append("<figure><img class=\"hist\" alt=\"histogram of ").append(Fmt.html(m)).append("\" src=\"data:image/png;base64,")
            .append(HistogramChart.scores(m + (d.groupBy() == null ? "" : " by " + d.groupBy()), m, hist, 640, 300))
            .append("\"></figure>\n");
      }
    }
  }

  private static void agreement(StringBuilder h, AuditReport.Data d) {
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

  private static void disagreement(StringBuilder h, AuditReport.Data d) {
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
          .append(String.format(java.util.Locale.ROOT, "%.2f", v)).append("; "));
      h.append("<tr><td>").append(r.<Integer>getAs("rank")).append("</td><td>")
          .append(AuditReport.img(r.getAs("thumbnail_jpeg"), r.getAs("image_id"))).append("</td><td class=\"l\">")
          .append(Fmt.html(r.getAs("image_id"))).append("</td><td>").append(Fmt.num(r.getAs("disagreement")))
          .append("</td><td class=\"l\">").append(Fmt.html(r.getAs("best_by"))).append("</td><td class=\"l\">")
          .append(Fmt.html(r.getAs("worst_by"))).append("</td><td class=\"l\">").append(Fmt.html(p.toString()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void extremes(StringBuilder h, AuditReport.Data d) {
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

  private static void drift(StringBuilder h, AuditReport.Data d) {
    if (d.drift().isEmpty()) {
      return;
    }
    h.append("<h2>Drift against the baseline</h2>\n<p>Current minus baseline percentiles and the two-sample ")
        .append("Kolmogorov–Smirnov test per model and group; rows with p &lt; 0.05 are highlighted. Baseline: <code>")
        .append(Fmt.html(d.drift().get(0).getAs("baseline"))).append("</code></p>\n<table><tr><th class=\"l\">model</th>")
        .append("<th class=\"l\">group</th><th>n</th><th>n baseline</th><th>Δp05</th><th>Δp25</th><th>Δmedian</th>")
        .append("<th>Δp75</th><th>Δp95</th><th>KS D</th><th>KS p</th></tr>\n");
    for (Row r : d.drift()) {
      Double p = r.getAs("ks_p");
      String g = r.getAs("group_by").equals("all") ? "all" : r.getAs("group_by") + " = " + r.getAs("group");
      h.append(p != null && p < 0.05 ? "<tr class=\"hi\">" : "<tr>").append("<td class=\"l\">").append(Fmt.html(r.getAs("model")))
          .append("</td><td class=\"l\">").append(Fmt.html(g)).append("</td><td>").append(r.<Long>getAs("n"))
          .append("</td><td>").append(r.<Long>getAs("n_baseline")).append("</td>");
      for (String c : List.of("delta_p05", "delta_p25", "delta_p50", "delta_p75", "delta_p95", "ks_statistic")) {
        h.append("<td>").append(Fmt.num(r.getAs(c))).append("</td>");
      }
      h.append("<td>").append(p == null ? "—" : String.format(java.util.Locale.ROOT, "%.3g", p)).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }
}
