package io.sparkiqa.jobs.report;

import java.util.List;
import java.util.Locale;

/**
 * The scores that hang on rounding noise ({@link RoundingFlags}): per model, how many scored images have
 * windows with an exact zero residual, with the most affected. Nothing when no model reports such windows.
 */
final class RoundingNoiseSection implements ReportSection {
  @Override
  public void html(StringBuilder h, ReportData d) {
    List<RoundingFlags.Flag> flags = d.roundingFlags();
    if (flags.isEmpty()) {
      return;
    }
    h.append("<h2>Scores that hang on rounding noise</h2>\n<p class=\"note\">NIQE and BRISQUE flag images with ")
        .append("7×7 windows whose exact residual I − μ is 0 (flat regions such as clipped skies, heavy JPEG blocks, ")
        .append("mirror-symmetric patterns). There the sign of the computed residual is floating-point noise and moves ")
        .append("the pixel between the AGGD's left and right sums, so even the official MATLAB value is ill-defined; ")
        .append("scores of flagged images are reproducible here but need not match another implementation.</p>\n")
        .append("<table><tr><th class=\"l\">model</th><th>scored</th><th>flagged</th><th>share</th>")
        .append("<th>max windows</th><th class=\"l\">most affected (windows)</th></tr>\n");
    for (RoundingFlags.Flag f : flags) {
      h.append("<tr><td class=\"l\">").append(Fmt.html(f.model())).append("</td><td>").append(f.scored())
          .append("</td><td>").append(f.flagged()).append("</td><td>")
          .append(f.scored() == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * f.flagged() / f.scored()))
          .append("</td><td>").append(f.maxWindows()).append("</td><td class=\"l\">")
          .append(Fmt.html(String.join(", ", f.examples()))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  @Override
  public void markdown(StringBuilder s, ReportData d) {
    List<RoundingFlags.Flag> flags = d.roundingFlags();
    if (flags.isEmpty()) {
      return;
    }
    s.append("\n## Scores that hang on rounding noise\n\n");
    for (RoundingFlags.Flag f : flags) {
      s.append("- ").append(Fmt.md(f.model())).append(": ").append(f.flagged()).append(" of ").append(f.scored())
          .append(" scored images have windows with an exact zero residual (max ").append(f.maxWindows())
          .append(")").append(f.examples().isEmpty() ? "" : ", e.g. " + Fmt.md(String.join(", ", f.examples())))
          .append('\n');
    }
  }
}
