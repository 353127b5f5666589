package io.uptake.ingest.source.salesforce.exports;

import static java.util.Objects.requireNonNull;

import io.uptake.ingest.Event;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.source.InputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the rows of a Salesforce CSV export or download into a sink: the first record is the header,
 * every record after it is read and becomes exactly one event or one rejection. What a row means is the
 * source's {@link RowReader}; what goes wrong with the file's shape (broken quoting, a short row, the
 * header repeated) is rejected here, with the file and the line.
 */
public final class ExportRows {

    /** A row turned into an event, and whether the person it names is missing from {@code users}. */
    public record Read(Event event, boolean unmatched) {
        public Read {
            requireNonNull(event, "event is null");
        }
    }

    /** Why a row is no event; carries the key of the person the row names, when it names one. */
    public static final class Invalid extends Exception {
        private final String userKey;

        public Invalid(String message, String userKey) {
            super(message, null, false, false);
            this.userKey = userKey;
        }

        public String userKey() {
            return userKey;
        }
    }

    /** What a source makes of one row of its file. */
    public interface RowReader {
        Read read(ExportHeader.Row row) throws Invalid;

        /** The key of the person a row names, for a row rejected before it was read; null when there is none. */
        default String userKey(ExportHeader.Row row) {
            return null;
        }
    }

    private ExportRows() {}

    /**
     * Reads every record after the header line; returns how many it read.
     *
     * @param readerFor the source's reader for the file's header, or null when the header lacks the
     *                  columns the source needs (every row is then rejected, saying so)
     */
    public static long read(InputFile file, InputSink sink, Function<ExportHeader, RowReader> readerFor) throws IOException {
        String input = file.input();
        try (BufferedReader reader = file.reader()) {
            CsvRecords records = new CsvRecords(reader);
            CsvRecords.Record first = records.next();
            if (first == null) {
                return 0;
            }
            ExportHeader header = first.problem() == null ? ExportHeader.of(first.fields()) : null;
            RowReader rows = header == null ? null : readerFor.apply(header);
            String fileProblem = header == null
                    ? "Cannot read the header line (" + first.problem() + "), so no row can be matched to its columns"
                    : rows == null ? "The header line names none of the columns this file needs" : null;
            long read = 0;
            CsvRecords.Record record;
            while ((record = records.next()) != null) {
                read++;
                long line = record.line();
                String where = " in " + input + " line " + line;
                String hash = Hashes.sha256(record.text());
                if (fileProblem != null || record.problem() != null) {
                    sink.reject(new Rejection(input, line, (fileProblem != null ? fileProblem : record.problem()) + where, hash));
                    continue;
                }
                ExportHeader.Row row = header.row(record.fields());
                if (record.fields().size() != header.size()) {
                    sink.reject(new Rejection(input, line, "Row has " + record.fields().size() + " fields but the header has "
                            + header.size() + where, hash, rows.userKey(row)));
                    continue;
                }
                if (row.repeatsHeader()) {
                    // It names the columns, not a person.
                    sink.reject(new Rejection(input, line, "Header line repeated as data" + where, hash));
                    continue;
                }
                try {
                    Read result = rows.read(row);
                    sink.accept(result.event());
                    if (result.unmatched()) {
                        sink.unmatched(result.event().userKey());
                    }
                } catch (Invalid e) {
                    sink.reject(new Rejection(input, line, e.getMessage() + where, hash, e.userKey()));
                }
            }
            return read;
        }
    }

    /**
     * The values of the first of these columns in the records of the file's head: what a source looks at
     * before reading, such as the order of a download's dates.
     */
    public static List<String> headValues(InputFile file, String... columns) throws IOException {
        List<String> values = new ArrayList<>();
        CsvRecords records = new CsvRecords(new BufferedReader(new StringReader(file.head())));
        CsvRecords.Record first = records.next();
        if (first == null || first.problem() != null) {
            return values;
        }
        ExportHeader header = ExportHeader.of(first.fields());
        CsvRecords.Record record;
        while ((record = records.next()) != null) {
            if (record.problem() == null) {
                String value = header.row(record.fields()).get(columns);
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** The fields of a file's first line, or null when it is no CSV line (JSON, broken quoting, empty). */
    public static ExportHeader header(InputFile file) throws IOException {
        String line = file.firstLine();
        String start = line.stripLeading();
        if (start.isEmpty() || start.startsWith("{") || start.startsWith("[")) {
            return null;
        }
        CsvRecords.Record record = new CsvRecords(new BufferedReader(new StringReader(line))).next();
        return record == null || record.problem() != null ? null : ExportHeader.of(record.fields());
    }
}
