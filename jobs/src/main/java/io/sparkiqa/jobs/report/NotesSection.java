package io.sparkiqa.jobs.report;

import io.sparkiqa.jobs.evaluate.MetricRow;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How to read the numbers, before any table: the report's own notes (e.g. a direction that changed since the
 * tables were computed), a note for each target that is not human opinion (e.g. the
 * synthetic ladder's severity rank, a lower-better DMOS) and the rule that correlations are signed and never
 * {@code abs()}'d.
 */
final class NotesSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    d.notes().forEach(note -> h.append("<p class=\"note\">").append(Fmt.html(note)).append("</p>\n"));
    targetNotes(d).forEach(note -> h.append("<p class=\"note\">").append(Fmt.html(note)).append("</p>\n"));
    h.append("<p>Correlations are signed: a lower-better metric shows a <em>negative</em> SRCC, KRCC and PLCC ")
        .append("against a higher-better target when it works. Nothing is passed through <code>abs()</code>. ")
        .append("PLCC is raw; “PLCC logistic-4” is after the VQEG 4-parameter logistic fitted by ")
        .append("Levenberg–Marquardt (RMSE divides by N−4). Intervals are 95% bootstrap percentile intervals.</p>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    d.notes().forEach(note -> s.append("\n> ").append(Fmt.md(note)).append('\n'));
    targetNotes(d).forEach(note -> s.append("\n> ").append(note).append('\n'));
    s.append("\nCorrelations are signed (lower-better metrics show negative values when they work); PLCC is raw.\n");
  }

  /** The notes of the metrics' target scales, in scale order. */
  private static List<String> targetNotes(ReportData d) {
    TreeSet<String> scales = new TreeSet<>();
    d.metrics().stream().map(MetricRow::mosScale).filter(Objects::nonNull).forEach(scales::add);
    List<String> notes = new java.util.ArrayList<>(scales.stream().map(Fmt::targetNote).filter(Objects::nonNull).toList());
    TreeSet<String> dmos = new TreeSet<>();
    d.metrics().stream().filter(m -> Boolean.TRUE.equals(m.mosLowerBetter())).forEach(m -> dmos.add(Fmt.text(m.dataset())));
    if (!dmos.isEmpty()) {
      notes.add("The target of " + String.join(", ", dmos) + " is lower = better (a DMOS; mos_lower_better): SRCC, "
          + "KRCC and PLCC are signed against the published values, so a higher-better metric that works shows a "
          + "negative SRCC there. “Direction-corrected” values negate once for the model and once for the target "
          + "when each is lower = better (+1 = ranks quality as people do).");
    }
    return notes;
  }
}
