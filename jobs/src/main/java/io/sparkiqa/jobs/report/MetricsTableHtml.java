package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import java.util.List;

/**
 * The HTML table of metrics rows that the metrics summary and each model's section show: the model's and the MOS's
 * direction, the signed SRCC (against the published MOS) and the direction-corrected one
 * ({@link MetricRow#srccCorrected()}).
 */
final class MetricsTableHtml {
  private MetricsTableHtml() {
  }

  static void html(StringBuilder h, List<MetricRow> rows) {
    h.append("<table><tr><th class=\"l\">model</th><th class=\"l\">dataset</th><th class=\"l\">split</th>")
        .append("<th class=\"l\">level</th><th class=\"l\">group</th><th>n</th><th>n_failed</th>")
        .append("<th>direction</th><th>MOS</th><th>SRCC</th><th>SRCC direction-corrected</th>")
        .append("<th>SRCC 95% CI (bootstrap)</th><th>KRCC</th><th>PLCC</th>")
        .append("<th>PLCC 95% CI</th><th>PLCC logistic-4</th><th>RMSE logistic-4</th><th class=\"l\">reason</th></tr>\n");
    for (MetricRow m : rows) {
      h.append("<tr><td class=\"l\">").append(Fmt.html(m.model())).append("</td><td class=\"l\">")
          .append(Fmt.html(m.dataset())).append("</td><td class=\"l\">").append(Fmt.html(m.split()))
          .append("</td><td class=\"l\">").append(Fmt.html(m.level())).append("</td><td class=\"l\">")
          .append(Fmt.html(Fmt.group(m.groupBy(), m.group()))).append("</td><td>").append(m.n()).append("</td><td>")
          .append(m.nFailed()).append("</td><td>").append(m.lowerBetter() ? "lower better" : "higher better")
          .append("</td><td>").append(Boolean.TRUE.equals(m.mosLowerBetter()) ? "lower better" : "higher better")
          .append("</td>").append(cell(m.srcc())).append(cell(m.srccCorrected())).append(ci(m.srccCiLow(), m.srccCiHigh()))
          .append(cell(m.krcc()))
          .append(cell(m.plcc())).append(ci(m.plccCiLow(), m.plccCiHigh())).append(cell(m.plccLogistic4()))
          .append(cell(m.rmseLogistic4()))
          .append("<td class=\"l\">").append(m.reason() == null ? "" : Fmt.html(m.reason())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static String ci(Double lo, Double hi) {
    return lo == null ? "<td>—</td>" : "<td>[" + Fmt.num(lo) + ", " + Fmt.num(hi) + "]</td>";
  }

  /** A number cell; negative values in red. */
  private static String cell(Double v) {
    String cls = v != null && v < 0 ? " class=\"neg\"" : "";
    return "<td" + cls + ">" + Fmt.num(v) + "</td>";
  }
}
