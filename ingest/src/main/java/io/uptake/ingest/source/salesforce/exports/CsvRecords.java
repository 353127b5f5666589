package io.uptake.ingest.source.salesforce.exports;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The records of a CSV file as Salesforce's downloads and data exports write them (RFC 4180: fields
 * separated by commas, optionally double-quoted with {@code ""} for a quote, line breaks allowed inside
 * quotes), each with the line it starts on. Blank lines are skipped. A record whose quoting is broken is
 * still returned, with the problem, and never swallows the rest of the file: a quote left open ends its
 * record on its first line, and the lines after it are read again as records of their own.
 */
public final class CsvRecords {

    /** A quoted field may run over at most this many lines: Salesforce's longest text (Display) is 1,000 characters. */
    static final int MAX_LINES_PER_RECORD = 100;
    /** And hold at most this many characters. */
    static final int MAX_CHARS_PER_RECORD = 1 << 20;

    /**
     * One record: its fields, the line it starts on (1-based, LF, CR LF or CR each ending a line), its
     * raw text, and why its quoting is broken (null when it is not; its fields are then not to be used).
     */
    public record Record(List<String> fields, long line, String text, String problem) {
        public Record {
            requireNonNull(fields, "fields is null");
            requireNonNull(text, "text is null");
            fields = List.copyOf(fields);
        }
    }

    private record Line(String text, long number) {}

    // Where a record's reading is: before a field, in an unquoted field, inside quotes, after a closing quote.
    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int CLOSED = 3;

    private final BufferedReader reader;
    /** Lines taken by a record whose quote never closed, to be read again. */
    private final Deque<Line> again = new ArrayDeque<>();
    private long lines;

    public CsvRecords(BufferedReader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    /** The next record, or null at the end of the file. */
    public Record next() throws IOException {
        Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (first.text().isBlank());

        List<Line> taken = new ArrayList<>();
        taken.add(first);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        Line line = first;
        int chars = 0;
        int state = START;
        String problem = null;
        while (true) {
            String text = line.text();
            chars += text.length();
            for (int i = 0; i < text.length() && problem == null; i++) {
                char c = text.charAt(i);
                switch (state) {
                    case START -> {
                        if (c == '"') {
                            state = QUOTED;
                        } else if (c == ',') {
                            fields.add("");
                        } else {
                            field.append(c);
                            state = UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        if (c == ',') {
                            fields.add(field.toString());
                            field.setLength(0);
                            state = START;
                        } else {
                            field.append(c);
                        }
                    }
                    case QUOTED -> {
                        if (c != '"') {
                            field.append(c);
                        } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            state = CLOSED;
                        }
                    }
                    default -> {
                        if (c == ',') {
                            fields.add(field.toString());
                            field.setLength(0);
                            state = START;
                        } else {
                            problem = "Malformed CSV quoting (a character after a closing quote)";
                        }
                    }
                }
            }
            if (problem != null || state != QUOTED) {
                break;
            }
            // A line break inside quotes: the field goes on on the next line, within limits.
            Line more = taken.size() < MAX_LINES_PER_RECORD && chars < MAX_CHARS_PER_RECORD ? nextLine() : null;
            if (more == null) {
                // Read the lines after the first one again: an open quote does not take the rest of the file.
                for (int i = taken.size() - 1; i >= 1; i--) {
                    again.push(taken.get(i));
                }
                return new Record(List.of(), first.number(), first.text(),
                        "Malformed CSV quoting (a quote that is not closed)");
            }
            field.append('\n');
            taken.add(more);
            line = more;
        }
        StringBuilder raw = new StringBuilder(first.text());
        for (int i = 1; i < taken.size(); i++) {
            raw.append('\n').append(taken.get(i).text());
        }
        if (problem != null) {
            return new Record(List.of(), first.number(), raw.toString(), problem);
        }
        fields.add(field.toString());
        return new Record(fields, first.number(), raw.toString(), null);
    }

    /** The next line, ended by LF, CR LF or CR as {@link BufferedReader#readLine} ends it, or null at the end. */
    private Line nextLine() throws IOException {
        if (!again.isEmpty()) {
            return again.pop();
        }
        String text = reader.readLine();
        return text == null ? null : new Line(text, ++lines);
    }
}
