package io.sparkiqa.jobs.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records of one CSV file (RFC 4180: comma-separated, fields in double quotes may hold commas, newlines and
 * doubled quotes), each with the physical line it starts on. Blank lines between records are skipped but counted. A
 * quote still open at the end of the file, or after {@link #MAX_RECORD_LINES} lines, makes its first line a record
 * with an {@link Record#error()}; parsing resumes on the line after it, so one stray quote costs one line. Empty
 * fields, quoted or not, read as null (as Spark's CSV reader does). A quote inside an unquoted field, or text after a
 * closing quote, is kept as text.
 */
final class CsvRecords implements Iterator<CsvRecords.Record> {
  /** The most physical lines one record may span. */
  static final int MAX_RECORD_LINES = 1000;

  /**
   * One record.
   *
   * @param line   the 1-based physical line it starts on
   * @param fields its fields (null where {@code error} is set)
   * @param error  why the record could not be read, or null
   */
  record Record(long line, List<String> fields, String error) {
  }

  private record Line(long number, String text) {
  }

  private final BufferedReader in;
  private final Deque<Line> pending = new ArrayDeque<>();
  private long lastLine;
  private Record next;

  CsvRecords(BufferedReader in) {
    this.in = in;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record r = next;
    next = null;
    return r;
  }

  private Line nextLine() {
    if (!pending.isEmpty()) {
      return pending.pollFirst();
    }
    try {
      String text = in.readLine();
      return text == null ? null : new Line(++lastLine, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Record read() {
    Line first = nextLine();
    while (first != null && first.text().isBlank()) {
      first = nextLine();
    }
    if (first == null) {
      return null;
    }
    List<Line> consumed = new ArrayList<>(List.of(first));
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inQuotes = false;
    Line line = first;
    while (true) {
      String t = line.text();
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (inQuotes) {
          if (c != '"') {
            cur.append(c);
          } else if (i + 1 < t.length() && t.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else if (c == ',') {
          fields.add(value(cur));
        } else if (c == '"' && cur.isEmpty()) {
          inQuotes = true;
        } else {
          cur.append(c);
        }
      }
      if (!inQuotes) {
        fields.add(value(cur));
        return new Record(first.number(), fields, null);
      }
      line = consumed.size() < MAX_RECORD_LINES ? nextLine() : null;
      if (line == null) {
        for (int k = consumed.size() - 1; k >= 1; k--) {
          pending.addFirst(consumed.get(k));
        }
        return new Record(first.number(), null, "unterminated quote");
      }
      consumed.add(line);
      cur.append('\n');
    }
  }

  private static String value(StringBuilder cur) {
    String v = cur.isEmpty() ? null : cur.toString();
    cur.setLength(0);
    return v;
  }
}
