package io.sparkiqa.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * summary.md shows hostile user text literally: ids as code spans whose fence outgrows their backticks, other text
 * with Markdown's active characters escaped, newlines folded, so no id can add a heading, a link, HTML or a table cell.
 */
class SummaryEscapingTest {
  private static final String ID = "a|b`c`` *d* _e_ [l](http://x) <img src=x>\n# owned & ~gone~";

  @Test
  void hostileTextIsEscaped() {
    ReportData tiny = ReportSectionsTest.tiny();
    ReportData d = new ReportData("spark-iqa report — run *r*_1", tiny.provenance(), tiny.reconciliation(),
        tiny.metrics(), tiny.pairwise(), tiny.points(),
        List.of(new ReportData.Failure(ID, "patch_1", "my*model", "decode_failed: <b>bad</b> | [x]")),
        List.of(new ReportData.Reject(7L, ID, "image", "uri contains whitespace: 'a\nb'")),
        tiny.roundingFlags(), null, List.of("Direction of dbcnn_koniq: see <here>"));
    String md = SummaryMarkdown.render(d);
    String code = "``` a|b`c`` *d* _e_ [l](http://x) <img src=x> # owned & ~gone~ ```";
    assertTrue(md.startsWith("# spark-iqa report — run \\*r\\*\\_1\n"), md);
    assertTrue(md.contains("\n> Direction of dbcnn\\_koniq: see \\<here\\>\n"), md);
    assertTrue(md.contains("\n- " + code + " patch\\_1 my\\*model: decode\\_failed: \\<b\\>bad\\</b\\> \\| \\[x\\]\n"), md);
    assertTrue(md.contains("\n- line 7 " + code + ": uri contains whitespace: 'a b'\n"), md);
    assertEquals(1, Arrays.stream(md.split("\n")).filter(l -> l.startsWith("# ")).count(), md);
  }

  @Test
  void codeSpansAndEscapes() {
    assertEquals("`plain/id`", Fmt.mdCode("plain/id"));
    assertEquals("`` a`b ``", Fmt.mdCode("a`b"));
    assertEquals("`  x `", Fmt.mdCode(" x"));
    assertEquals("a\\|b \\\\ \\&lt;", Fmt.md("a|b\r\n\\ &lt;"));
  }
}
