package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.FitParams;
import io.sparkiqa.jobs.evaluate.MetricRow;
import io.sparkiqa.jobs.stats.MappingFunction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * One HTML section per model, in the order the metrics name them: a scatter plot of score against target
 * per (dataset, split, level) with the fitted logistic-4 curve, then all of the model's metrics rows,
 * groups included. Nothing in Markdown (summary.md has the numbers in its metrics table).
 */
final class ModelSections implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    Set<String> models = new LinkedHashSet<>();
    d.metrics().forEach(m -> models.add(m.model()));
    models.forEach(model -> model(h, d, model));
  }

  private static void model(StringBuilder h, ReportData d, String model) {
    h.append("<h2>").append(Fmt.html(model)).append("</h2>\n<div class=\"plots\">\n");
    Map<List<String>, List<ReportData.Point>> byKey = new TreeMap<>((a, b) -> String.join("\u0000", a)
        .compareTo(String.join("\u0000", b)));
    for (ReportData.Point p : d.points()) {
      if (p.model().equals(model)) {
        byKey.computeIfAbsent(key(p), k -> new ArrayList<>()).add(p);
      }
    }
    byKey.forEach((k, pts) -> {
      String title = model + " — " + String.join(" / ", k);
      DoubleUnaryOperator curve = fittedCurve(d, model, pts.get(0));
      MetricRow whole = whole(d, model, pts.get(0));
      String target = whole != null && Boolean.TRUE.equals(whole.mosLowerBetter()) ? "target (mos, lower = better)"
          : "target (mos)";
      String png = ScatterChart.pngBase64(title, model + " score", target, pts,
          curve == null ? null : "logistic-4 fit", curve, 560, 380);
      long nonFinite = pts.stream().filter(p -> !Double.isFinite(p.score())).count();
      long pairs = pairs(d, model, pts.get(0));
      h.append("<figure><img class=\"scatter\" alt=\"scatter of ").append(Fmt.html(title))
          .append("\" width=\"560\" height=\"380\" src=\"data:image/png;base64,").append(png).append("\">");
      List<String> caption = new ArrayList<>();
      if (pairs > pts.size()) {
        caption.add("a fixed sample of " + pts.size() + " of " + pairs + " pairs");
      }
      if (nonFinite > 0) {
        caption.add(nonFinite + " non-finite score(s) not drawn");
      }
      if (!caption.isEmpty()) {
        h.append("<figcaption>").append(String.join("; ", caption)).append("</figcaption>");
      }
      h.append("</figure>\n");
    });
    h.append("</div>\n");
    MetricsTableHtml.html(h, d.metrics().stream().filter(m -> m.model().equals(model)).toList());
  }

  /** The evaluated pairs (n) of the whole (model, dataset, split, level), or 0 when metrics/ has no row. */
  private static long pairs(ReportData d, String model, ReportData.Point p) {
    MetricRow m = whole(d, model, p);
    return m == null ? 0 : m.n();
  }

  /** The logistic-4 curve fitted on the whole (model, dataset, split, level), if there is one. */
  private static DoubleUnaryOperator fittedCurve(ReportData d, String model, ReportData.Point p) {
    MetricRow m = whole(d, model, p);
    if (m == null || m.fitParams() == null) {
      return null;
    }
    double[] b = FitParams.parse(m.fitParams()).logistic4();
    return b == null ? null : x -> MappingFunction.LOGISTIC4.value(b, x);
  }

  /** The metrics row of the whole (model, dataset, split, level) of a point ({@code group_by = all}), or null. */
  private static MetricRow whole(ReportData d, String model, ReportData.Point p) {
    for (MetricRow m : d.metrics()) {
      if (m.model().equals(model) && m.groupBy().equals("all") && Objects.equals(m.dataset(), p.dataset())
          && Objects.equals(m.split(), p.split()) && m.level().equals(p.level())) {
        return m;
      }
    }
    return null;
  }

  private static List<String> key(ReportData.Point p) {
    return List.of(Fmt.text(p.dataset()), Fmt.text(p.split()), p.level());
  }
}
