package io.sparkiqa.jobs.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV parser alone: quoting, physical lines, and how far one stray quote reaches. */
class CsvRecordsTest {
  private static List<CsvRecords.Record> parse(String text) {
    List<CsvRecords.Record> out = new ArrayList<>();
    new CsvRecords(new BufferedReader(new StringReader(text))).forEachRemaining(out::add);
    return out;
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndNewlines() {
    List<CsvRecords.Record> r = parse("a,b,c\r\n\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,\"\",z\r\n");
    assertEquals(List.of(1L, 3L, 5L), r.stream().map(CsvRecords.Record::line).toList());
    assertEquals(List.of("x,1", "say \"hi\"", "two\nlines"), r.get(1).fields());
    assertEquals(Arrays.asList(null, null, "z"), r.get(2).fields());
  }

  @Test
  void aStrayQuoteCostsOnlyItsLine() {
    List<CsvRecords.Record> r = parse("a,b\n1,\"open\n2,x\n3,y\n");
    assertEquals(4, r.size());
    assertEquals(new CsvRecords.Record(2, null, "unterminated quote"), r.get(1));
    assertEquals(new CsvRecords.Record(3, List.of("2", "x"), null), r.get(2));
    assertEquals(new CsvRecords.Record(4, List.of("3", "y"), null), r.get(3));
  }

  @Test
  void aQuoteOpenForTooManyLinesIsUnterminated() {
    assertEquals(1000, CsvRecords.MAX_RECORD_LINES, "README: 1,000 lines");
    StringBuilder s = new StringBuilder("1,\"long\n");
    for (int i = 0; i < CsvRecords.MAX_RECORD_LINES; i++) {
      s.append("row").append(i).append('\n');
    }
    s.append("end\"\n");
    List<CsvRecords.Record> r = parse(s.toString());
    assertEquals(new CsvRecords.Record(1, null, "unterminated quote"), r.get(0));
    assertEquals(new CsvRecords.Record(2, List.of("row0"), null), r.get(1));
    assertEquals(CsvRecords.MAX_RECORD_LINES + 2, r.size());
    // the closing quote, now inside an unquoted field, is text
    assertEquals(new CsvRecords.Record(CsvRecords.MAX_RECORD_LINES + 2, List.of("end\""), null), r.get(r.size() - 1));
  }
}
