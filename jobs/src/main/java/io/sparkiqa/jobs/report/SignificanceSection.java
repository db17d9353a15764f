package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.PairwiseRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model x model significance matrix of the report, one per (dataset, split, level) for the whole
 * group: each cell is row-model minus column-model direction-corrected SRCC with its Holm-adjusted
 * paired-bootstrap p-value; ▲ row better, ▼ row worse (p_holm &lt; 0.05), = no significant difference.
 * Nothing without pairwise rows, and nothing in Markdown.
 */
final class SignificanceSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    Map<String, List<PairwiseRow>> groups = new LinkedHashMap<>();
    for (PairwiseRow p : d.pairwise()) {
      if (p.groupBy().equals("all")) {
        groups.computeIfAbsent(Fmt.text(p.dataset()) + " / " + Fmt.text(p.split()) + " / " + p.level(),
            k -> new ArrayList<>()).add(p);
      }
    }
    if (groups.isEmpty()) {
      return;
    }
    h.append("<h2>Model × model significance</h2>\n<p>Cell = SRCC(row) − SRCC(column), direction-corrected ")
        .append("(lower-better models and a lower-better MOS such as a DMOS negated first), with the Holm-adjusted ")
        .append("paired-bootstrap p-value. ")
        .append("▲ row better, ▼ row worse at p<sub>Holm</sub> &lt; 0.05; = not significant. Williams' t and ")
        .append("Steiger's Z are in <code>pairwise/</code>.</p>\n");
    groups.forEach((name, rows) -> {
      TreeSet<String> models = new TreeSet<>();
      rows.forEach(r -> {
        models.add(r.modelA());
        models.add(r.modelB());
      });
      h.append("<h3>").append(Fmt.html(name)).append("</h3>\n<table class=\"sig\"><tr><th></th>");
      models.forEach(m -> h.append("<th>").append(Fmt.html(m)).append("</th>"));
      h.append("</tr>\n");
      for (String a : models) {
        h.append("<tr><th class=\"l\">").append(Fmt.html(a)).append("</th>");
        for (String b : models) {
          h.append("<td>").append(a.equals(b) ? "" : cell(rows, a, b)).append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    });
  }

  private static String cell(List<PairwiseRow> rows, String a, String b) {
    for (PairwiseRow r : rows) {
      boolean forward = r.modelA().equals(a) && r.modelB().equals(b);
      boolean backward = r.modelA().equals(b) && r.modelB().equals(a);
      if (!forward && !backward) {
        continue;
      }
      if (r.deltaSrcc() == null || r.pHolm() == null) {
        return "n/a";
      }
      double delta = forward ? r.deltaSrcc() : -r.deltaSrcc();
      String mark = r.pHolm() >= 0.05 ? "=" : delta > 0 ? "▲" : "▼";
      String p = r.pHolm() == 0 && r.bootstrapB() != null
          ? "p&lt;1/" + r.bootstrapB() : "p=" + String.format(java.util.Locale.ROOT, "%.3g", r.pHolm());
      return mark + " " + Fmt.num(delta) + " (" + p + ")";
    }
    return "";
  }
}
