package io.sparkiqa.jobs.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality vs aesthetics, when a run has models of both {@code aspect}s ({@link AspectScores}): technical quality and
 * aesthetic appeal are different questions, so this shows how far the two kinds of model agree, per group (SRCC of
 * direction-aligned scores for each quality × aesthetics pair, overall and per value of each {@code --group-by}
 * column), a scatter plot per pair, and the {@value #LISTED} images whose quality and aesthetics percentiles differ
 * most (1 = best by that aspect's models, 0 = worst). Nothing when the run has models of one aspect only.
 */
final class QualityVsAestheticsSection implements ReportSection {
  /** How many most-disagreeing images are listed. */
  static final int LISTED = 10;

  @Override
  public void html(StringBuilder h, ReportData d) {
    AspectScores s = d.aspects();
    if (!s.comparable()) {
      return;
    }
    Map<String, Boolean> lower = lowerBetter(d);
    List<AspectComparison.Agreement> agreement = AspectComparison.agreement(s, AspectComparison.groupBy(d.metrics()), lower);
    h.append("<h2>Quality vs aesthetics</h2>\n<p>Quality models: ").append(Fmt.html(String.join(", ", s.models("quality"))))
        .append("; aesthetics models: ").append(Fmt.html(String.join(", ", s.models("aesthetics"))))
        .append(". SRCC between each quality and each aesthetics model over the images both scored, directions ")
        .append("aligned (lower-better models negated): +1 = they rank the images alike.</p>\n");
    List<String> pairs = pairs(s);
    h.append("<table><tr><th class=\"l\">group</th>");
    pairs.forEach(p -> h.append("<th>").append(Fmt.html(p)).append("</th>"));
    h.append("</tr>\n");
    rows(agreement).forEach((group, cells) -> {
      h.append("<tr><td class=\"l\">").append(Fmt.html(group)).append("</td>");
      pairs.forEach(p -> h.append("<td>").append(Fmt.html(cell(cells.get(p)))).append("</td>"));
      h.append("</tr>\n");
    });
    h.append("</table>\n<div class=\"plots\">\n");
    String colourBy = AspectComparison.groupBy(d.metrics()).stream().findFirst().orElse(null);
    for (String q : s.models("quality")) {
      for (String a : s.models("aesthetics")) {
        List<ReportData.Point> pts = new ArrayList<>();
        s.images().stream().filter(i -> i.scores().containsKey(q) && i.scores().containsKey(a)).forEach(i -> pts.add(
            new ReportData.Point(q, null, null, i.level(), i.scores().get(q), i.scores().get(a),
                colourBy == null ? null : i.attrs().getOrDefault(colourBy, "(none)"))));
        String title = q + " vs " + a;
        h.append("<figure><img class=\"scatter\" alt=\"scatter of ").append(Fmt.html(title))
            .append("\" width=\"480\" height=\"340\" src=\"data:image/png;base64,")
            .append(ScatterChart.pngBase64(title, q + " (quality)", a + " (aesthetics)", pts, 480, 340))
            .append("\"></figure>\n");
      }
    }
    h.append("</div>\n<h3>Where they disagree most</h3>\n<table><tr><th>#</th><th class=\"l\">image_id</th>")
        .append("<th>quality percentile</th><th>aesthetics percentile</th><th>difference</th><th class=\"l\">scores</th></tr>\n");
    int rank = 1;
    for (AspectComparison.Disagreement x : AspectComparison.disagreement(s, lower, LISTED)) {
      h.append("<tr><td>").append(rank++).append("</td><td class=\"l\">").append(Fmt.html(x.imageId())).append("</td><td>")
          .append(pct(x.quality())).append("</td><td>").append(pct(x.aesthetics())).append("</td><td>")
          .append(pct(x.difference())).append("</td><td class=\"l\">").append(Fmt.html(scores(x))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    AspectScores a = d.aspects();
    if (!a.comparable()) {
      return;
    }
    Map<String, Boolean> lower = lowerBetter(d);
    List<String> pairs = pairs(a);
    s.append("\n## Quality vs aesthetics (direction-aligned SRCC)\n\n| group |");
    pairs.forEach(p -> s.append(' ').append(Fmt.md(p)).append(" |"));
    s.append("\n|---|").append("---:|".repeat(pairs.size())).append('\n');
    rows(AspectComparison.agreement(a, AspectComparison.groupBy(d.metrics()), lower)).forEach((group, cells) -> {
      s.append("| ").append(Fmt.md(group)).append(" |");
      pairs.forEach(p -> s.append(' ').append(Fmt.md(cell(cells.get(p)))).append(" |"));
      s.append('\n');
    });
    s.append("\nMost disagreeing images (quality percentile − aesthetics percentile, 1 = best):\n\n");
    for (AspectComparison.Disagreement x : AspectComparison.disagreement(a, lower, LISTED)) {
      s.append("- ").append(Fmt.md(x.imageId())).append(": quality ").append(pct(x.quality())).append(", aesthetics ")
          .append(pct(x.aesthetics())).append(", difference ").append(pct(x.difference())).append('\n');
    }
  }

  /** The models' directions as the metrics were computed with them. */
  private static Map<String, Boolean> lowerBetter(ReportData d) {
    Map<String, Boolean> lower = new HashMap<>();
    d.metrics().forEach(m -> lower.putIfAbsent(m.model(), m.lowerBetter()));
    return lower;
  }

  private static List<String> pairs(AspectScores s) {
    List<String> out = new ArrayList<>();
    s.models("quality").forEach(q -> s.models("aesthetics").forEach(a -> out.add(q + " vs " + a)));
    return out;
  }

  /** Group label ("all", or "dis_type: jpeg") to pair label to its agreement. */
  private static Map<String, Map<String, AspectComparison.Agreement>> rows(List<AspectComparison.Agreement> agreement) {
    Map<String, Map<String, AspectComparison.Agreement>> out = new LinkedHashMap<>();
    agreement.forEach(x -> out.computeIfAbsent(Fmt.group(x.groupBy(), x.group()), g -> new LinkedHashMap<>())
        .put(x.quality() + " vs " + x.aesthetics(), x));
    return out;
  }

  private static String cell(AspectComparison.Agreement x) {
    return x == null ? "" : Fmt.num(x.srcc()) + " (n = " + x.n() + ")";
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String scores(AspectComparison.Disagreement x) {
    StringBuilder b = new StringBuilder();
    x.scores().forEach((m, v) -> b.append(b.length() == 0 ? "" : "; ").append(m).append(' ').append(Fmt.num(v)));
    return b.toString();
  }
}
