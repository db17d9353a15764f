package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkiqa.jobs.TestSupport;
import io.sparkiqa.jobs.cli.SparkIqa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person meets it: rendered in headless Chromium (Debian's chromium, installed by
 * .ci/run), it loads without console errors and its plots decode to real images; a screenshot is kept
 * as target/report-screenshot.png. The same check fails on a copy with an injected script error
 * (negative control). The report checked is the one {@code sparkiqa report} re-renders from Parquet.
 */
class ReportChromiumIT {
  @TempDir
  Path tmp;

  /** What Chromium's console said while loading a page. */
  record Console(List<String> errors, String imageWidths) {
  }

  static Console load(Path html, Path screenshot) throws Exception {
    return load(html, screenshot, "img.scatter");
  }

  /** Loads {@code html}; {@code imageWidths} lists the natural widths of the images matching {@code selector}. */
  static Console load(Path html, Path screenshot, String selector) throws Exception {
    String page = Files.readString(html);
    String probe = "<script>window.addEventListener('load',()=>{console.log('IMGCHECK '+[...document.querySelectorAll("
        + "'" + selector + "')].map(i=>i.naturalWidth).join(','));});</script>";
    Path copy = html.resolveSibling("probe-" + html.getFileName());
    Files.writeString(copy, page.replace("</body>", probe + "</body>"));
    List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + html.resolveSibling("chromium-profile-" + html.getFileName()), "--enable-logging=stderr",
        "--v=0", "--virtual-time-budget=3000", "--window-size=1280,2000"));
    cmd.add(screenshot == null ? "--dump-dom" : "--screenshot=" + screenshot.toAbsolutePath());
    cmd.add(copy.toUri().toString());
    Path log = html.resolveSibling("chromium-" + html.getFileName() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
    List<String> errors = new ArrayList<>();
    String widths = null;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(":CONSOLE") && line.contains("IMGCHECK")) {
        widths = line.replaceAll(".*IMGCHECK ([0-9,]*).*", "$1");
      } else if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
        errors.add(line);
      }
    }
    return new Console(errors, widths);
  }

  @Test
  void reportLoadsCleanlyWithItsPlotsAndAnInjectedErrorIsCaught() throws Exception {
    Path img = TestSupport.e2eImages(tmp.resolve("img"));
    StringBuilder m = TestSupport.e2eManifest(img);
    m.append("corrupt,").append(TestSupport.uri(img.resolve("corrupt.jpg"))).append(',')
        .append(TestSupport.uri(img.resolve("kodim03_ref.png"))).append(",3\n");
    Path manifest = Files.writeString(tmp.resolve("m.csv"), m.toString());
    Path out = tmp.resolve("out");
    assertEquals(0, SparkIqa.execute("run", "--master", "local[2]", "--manifest", manifest.toString(), "--models",
        "psnr,sharpness", "--out", out.toString(), "--bootstrap", "100"));
    Path rerendered = tmp.resolve("rerendered");
    assertEquals(0, SparkIqa.execute("report", "--master", "local[1]", "--in", out.toString(), "--out", rerendered.toString()));
    String html = Files.readString(rerendered.resolve("report.html"));
    assertTrue(html.contains("undecodable"), "failures come from scores/ alone");

    Path shot = Path.of("target", "report-screenshot.png");
    Console ok = load(rerendered.resolve("report.html"), shot);
    assertEquals(List.of(), ok.errors(), "console errors while loading the report");
    assertTrue(Files.size(shot) > 10_000, "screenshot kept at " + shot.toAbsolutePath());
    Console probe = load(rerendered.resolve("report.html"), null);
    assertTrue(probe.imageWidths() != null && probe.imageWidths().split(",").length == 2, "two scatter plots: " + probe);
    for (String w : probe.imageWidths().split(",")) {
      assertEquals("560", w, "each plot decodes to a 560 px wide image");
    }

    Path broken = tmp.resolve("broken").resolve("report.html");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, html.replace("</body>", "<script>undefinedFunction();</script></body>"));
    Console bad = load(broken, null);
    assertTrue(bad.errors().stream().anyMatch(l -> l.contains("undefinedFunction")), "negative control caught: " + bad);
  }

  @Test
  void auditReportLoadsCleanlyWithHistogramsAndThumbnails() throws Exception {
    Path corpus = tmp.resolve("corpus");
    assertEquals(0, SparkIqa.execute("datasets", "gencorpus", "--photos", TestSupport.repoRoot().resolve("data/kodak").toString(),
        "--limit", "3", "--out", corpus.toString()));
    Path out = tmp.resolve("audit");
    assertEquals(0, SparkIqa.execute("audit", "--master", "local[2]", "--manifest", corpus.resolve("manifest.jsonl").toString(),
        "--models", "sharpness,niqe", "--out", out.toString(), "--group-by", "generator", "--bootstrap", "100",
        "--top-k", "4"));
    Path rerendered = tmp.resolve("audit-rerendered");
    assertEquals(0, SparkIqa.execute("report", "--master", "local[1]", "--in", out.toString(), "--out", rerendered.toString()));
    Path shot = Path.of("target", "audit-report-screenshot.png");
    Console ok = load(rerendered.resolve("report.html"), shot, "img.hist");
    assertEquals(List.of(), ok.errors(), "console errors while loading the audit report");
    assertTrue(Files.size(shot) > 10_000, "screenshot kept at " + shot.toAbsolutePath());
    Console hist = load(rerendered.resolve("report.html"), null, "img.hist");
    // megapixels + aspect + one histogram per model
    assertEquals(4, hist.imageWidths().split(",").length, "histograms: " + hist);
    for (String w : hist.imageWidths().split(",")) {
      assertTrue(Integer.parseInt(w) >= 440, "each histogram decodes: " + hist);
    }
    Console thumbs = load(rerendered.resolve("report.html"), null, "img.thumb");
    assertTrue(thumbs.imageWidths().split(",").length >= 16, "thumbnails: " + thumbs);
    for (String w : thumbs.imageWidths().split(",")) {
      assertEquals("160", w, "each thumbnail decodes to 160 px: " + thumbs);
    }
  }
}
