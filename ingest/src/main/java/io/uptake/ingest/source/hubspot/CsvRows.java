package io.uptake.ingest.source.hubspot;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The records of a CSV text (RFC 4180, read leniently), each with the line it starts on. A quoted
 * field may span lines; one whose closing quote never comes is a broken row of its first line alone,
 * and reading goes on from the next line, so one stray quote costs one row, not the rest of the file.
 * Blank lines are skipped. Nothing here throws for bad content.
 */
final class CsvRows {

    /** A quoted field spanning more lines than this is taken for a stray quote. */
    static final int MAX_RECORD_LINES = 100;

    /**
     * A record: its fields, the line it starts on, its raw text, the lines after the first it took (a
     * quoted field with line breaks), and whether it is broken (a quote never closed; no fields).
     */
    record Row(long line, List<String> fields, String text, List<String> continuation, boolean broken) {}

    private final BufferedReader reader;
    /** Lines given back to be read again, before the reader's next. */
    private final Deque<String> returned = new ArrayDeque<>();
    private long lastLine;

    CsvRows(BufferedReader reader) {
        this.reader = reader;
    }

    /** The next record, or null at the end. */
    Row next() throws IOException {
        String first;
        do {
            first = take();
            if (first == null) {
                return null;
            }
        } while (first.isBlank());
        long line = lastLine;
        List<String> fields = new ArrayList<>();
        List<String> continuation = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder text = new StringBuilder(first);
        String current = first;
        int pos = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (pos == current.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return new Row(line, fields, text.toString(), continuation, false);
                }
                String next = continuation.size() + 1 < MAX_RECORD_LINES ? take() : null;
                if (next == null) {
                    giveBack(continuation);
                    return new Row(line, List.of(), first, List.of(), true);
                }
                continuation.add(next);
                field.append('\n');
                text.append('\n').append(next);
                current = next;
                pos = 0;
                continue;
            }
            char c = current.charAt(pos++);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (pos < current.length() && current.charAt(pos) == '"') {
                    field.append('"');
                    pos++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                continue;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                // A quote inside an unquoted field, or text after a closing quote: kept as written.
                field.append(c);
            }
            fieldStart = false;
        }
    }

    /**
     * Gives back the lines a row took after its first, to be read again: for a row whose quoted field
     * closed, but on a line that made the row nonsense (a stray quote that met another one).
     */
    void rereadContinuation(Row row) {
        giveBack(row.continuation());
    }

    private void giveBack(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            returned.addFirst(lines.get(i));
        }
        lastLine -= lines.size();
    }

    private String take() throws IOException {
        String line = returned.isEmpty() ? reader.readLine() : returned.pollFirst();
        if (line != null) {
            lastLine++;
        }
        return line;
    }
}
