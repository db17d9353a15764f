package io.sparkiqa.jobs.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One file's rows as {@link TextManifest} reads them, without Spark: headers, field counts, JSON values. */
class TextManifestTest {
  private static List<TextManifest.Row> csv(String text) {
    List<TextManifest.Row> out = new ArrayList<>();
    TextManifest.csv("f.csv", new BufferedReader(new StringReader(text))).forEachRemaining(out::add);
    return out;
  }

  @Test
  void aHeaderNamingAColumnTwiceRejectsEveryRowOfItsFile() {
    List<TextManifest.Row> rows = csv("\uFEFFimage_id, uri ,uri\n\na,b,c\nd,e,f\n");
    assertEquals(List.of(3L, 4L), rows.stream().map(TextManifest.Row::line).toList());
    rows.forEach(r -> assertEquals("malformed header (line 1): it names uri twice", r.malformed()));
  }

  @Test
  void headerNamesAreTrimmedAndFieldCountsChecked() {
    List<TextManifest.Row> rows = csv("\uFEFFimage_id, uri ,\na,b\nc,d,e,f\n");
    assertEquals(List.of("image_id", "uri", "_c2"), rows.get(0).names());
    assertEquals("malformed line: 2 fields, the header has 3", rows.get(0).malformed());
    assertEquals(Arrays.asList("a", "b", null), rows.get(0).values());
    assertEquals("malformed line: 4 fields, the header has 3", rows.get(1).malformed());
    assertEquals(List.of("c", "d", "e"), rows.get(1).values());
  }

  @Test
  void jsonValuesAsText() {
    List<TextManifest.Row> rows = new ArrayList<>();
    TextManifest.json("f.jsonl", new BufferedReader(new StringReader(
        "{\"a\":1.50,\"b\":true,\"c\":null,\"d\":[1,\"x\"],\"e\":{\"k\":2},\"f\":-Infinity}\n  \n7\n")))
        .forEachRemaining(rows::add);
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), rows.get(0).names());
    assertEquals(Arrays.asList("1.5", "true", null, "[1,\"x\"]", "{\"k\":2}", "-Infinity"), rows.get(0).values());
    assertEquals(3L, rows.get(1).line());
    assertEquals("malformed line: a JSON number, not an object", rows.get(1).malformed());
  }
}
