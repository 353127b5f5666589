package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The records of a CSV text (RFC 4180: fields separated by commas, optionally double-quoted with
 * {@code ""} for a quote, line breaks allowed inside quotes), each with the line it starts on. Blank
 * lines are skipped. Nothing here throws for bad content: a record whose quoting is broken is returned
 * with the problem, and never swallows the rest of the file: a quote left open ends its record on its
 * first line, and the lines after it are read again as records of their own. How strictly quotes are
 * read is the file's {@link Quoting}.
 */
public final class CsvRecords {

    /** A quoted field may run over at most this many lines; a quote open for longer is taken for a stray one. */
    public static final int MAX_LINES_PER_RECORD = 100;

    /** What a quote may do besides opening and closing a field. */
    public enum Quoting {
        /** Nothing: a quote inside an unquoted field, or a character after a closing quote, breaks the record. */
        STRICT,
        /** A quote inside an unquoted field is a character of it, as in Commons CSV; a character after a closing quote breaks the record. */
        STANDARD,
        /** Both are characters of the field, kept as written. */
        LENIENT
    }

    static final String UNCLOSED_QUOTE = "Malformed CSV quoting (a quote that is not closed)";
    static final String TEXT_AFTER_CLOSING_QUOTE = "Malformed CSV quoting (a character after a closing quote)";
    static final String QUOTE_IN_UNQUOTED_FIELD = "Malformed CSV quoting (a quote inside an unquoted field)";

    /**
     * One record: its fields, the line it starts on (1-based, LF, CR LF or CR each ending a line), its
     * raw text, and why its quoting is broken (null when it is not; it then has no fields).
     */
    public record Record(List<String> fields, long line, String text, String problem) {
        public Record {
            requireNonNull(fields, "fields is null");
            requireNonNull(text, "text is null");
            fields = List.copyOf(fields);
        }

        /** True when a quoted field with line breaks took lines after the first. */
        public boolean spansLines() {
            return text.indexOf('\n') >= 0;
        }
    }

    private record Line(String text, long number) {}

    private final BufferedReader reader;
    private final Quoting quoting;
    private final int maxCharsPerRecord;
    /** Lines given back to be read again, before the reader's next. */
    private final Deque<Line> again = new ArrayDeque<>();
    /** The lines after the first of the record returned last. */
    private List<Line> continuation = List.of();
    private long lines;

    /** Records of any length within {@link #MAX_LINES_PER_RECORD} lines. */
    public CsvRecords(BufferedReader reader, Quoting quoting) {
        this(reader, quoting, Integer.MAX_VALUE);
    }

    /** Records that also hold at most {@code maxCharsPerRecord} characters before their last line. */
    public CsvRecords(BufferedReader reader, Quoting quoting, int maxCharsPerRecord) {
        this.reader = requireNonNull(reader, "reader is null");
        this.quoting = requireNonNull(quoting, "quoting is null");
        this.maxCharsPerRecord = maxCharsPerRecord;
    }

    /** The fields of one line read alone, or null when its quoting is broken, a quote left open included. */
    public static List<String> fields(String line, Quoting quoting) {
        Fields fields = new Fields(quoting);
        fields.scan(line);
        return fields.problem != null || fields.state == Fields.QUOTED ? null : fields.end();
    }

    /** The next record, or null at the end of the text. */
    public Record next() throws IOException {
        continuation = List.of();
        Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (first.text().isBlank());

        List<Line> taken = new ArrayList<>();
        taken.add(first);
        Fields fields = new Fields(quoting);
        Line line = first;
        int chars = 0;
        while (true) {
            chars += line.text().length();
            fields.scan(line.text());
            if (fields.problem != null || fields.state != Fields.QUOTED) {
                break;
            }
            // A line break inside quotes: the field goes on on the next line, within limits.
            Line more = taken.size() < MAX_LINES_PER_RECORD && chars < maxCharsPerRecord ? nextLine() : null;
            if (more == null) {
                // Read the lines after the first one again: an open quote does not take the rest of the file.
                giveBack(taken.subList(1, taken.size()));
                return new Record(List.of(), first.number(), first.text(), UNCLOSED_QUOTE);
            }
            fields.lineBreak();
            taken.add(more);
            line = more;
        }
        StringBuilder raw = new StringBuilder(first.text());
        for (int i = 1; i < taken.size(); i++) {
            raw.append('\n').append(taken.get(i).text());
        }
        if (fields.problem != null) {
            return new Record(List.of(), first.number(), raw.toString(), fields.problem);
        }
        continuation = List.copyOf(taken.subList(1, taken.size()));
        return new Record(fields.end(), first.number(), raw.toString(), null);
    }

    /**
     * Gives back the lines after the first of the record returned last, to be read again as records of
     * their own: for a record whose quoted field closed, but lines later, which made it nonsense (a stray
     * quote that met another one).
     */
    public void readAgain() {
        giveBack(continuation);
        continuation = List.of();
    }

    private void giveBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            again.push(lines.get(i));
        }
    }

    /** The next line, ended by LF, CR LF or CR as {@link BufferedReader#readLine} ends it, or null at the end. */
    private Line nextLine() throws IOException {
        if (!again.isEmpty()) {
            return again.pop();
        }
        String text = reader.readLine();
        return text == null ? null : new Line(text, ++lines);
    }

    /** The fields of a record as its lines are scanned. */
    private static final class Fields {
        // Where the reading is: before a field, in an unquoted field, inside quotes, after a closing quote.
        static final int START = 0;
        static final int UNQUOTED = 1;
        static final int QUOTED = 2;
        static final int CLOSED = 3;

        final Quoting quoting;
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        int state = START;
        String problem;

        Fields(Quoting quoting) {
            this.quoting = quoting;
        }

        void scan(String text) {
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
                            endField();
                        } else if (c == '"' && quoting == Quoting.STRICT) {
                            problem = QUOTE_IN_UNQUOTED_FIELD;
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
                            endField();
                        } else if (quoting == Quoting.LENIENT) {
                            field.append(c);
                            state = UNQUOTED;
                        } else {
                            problem = TEXT_AFTER_CLOSING_QUOTE;
                        }
                    }
                }
            }
        }

        void lineBreak() {
            field.append('\n');
        }

        private void endField() {
            fields.add(field.toString());
            field.setLength(0);
            state = START;
        }

        List<String> end() {
            fields.add(field.toString());
            return fields;
        }
    }
}
