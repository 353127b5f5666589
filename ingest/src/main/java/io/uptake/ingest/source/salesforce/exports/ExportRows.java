package io.uptake.ingest.source.salesforce.exports;

import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.CsvRecords;
import io.uptake.ingest.source.CsvRecords.Quoting;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.MappedEvent;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the rows of a Salesforce CSV export or download into a sink: the first record is the header,
 * every record after it is read and becomes exactly one event or one rejection. What a row means is the
 * source's {@link RowReader}; what goes wrong with the file's shape (broken quoting, a short row, the
 * header repeated) is rejected here, with the file and the line.
 */
public final class ExportRows {

    /** A quoted field may hold at most this many characters: Salesforce's longest text (Display) is 1,000. */
    static final int MAX_CHARS_PER_RECORD = 1 << 20;

    /**
     * The two files Salesforce writes of an object's records: a data export of the object (Data Loader,
     * {@code sf data query}; columns by API name), or the download of its Setup page (columns by label).
     */
    public enum Shape { OBJECT_EXPORT, DOWNLOAD }

    /** What a source makes of one row of its file. */
    public interface RowReader {
        MappedEvent read(ExportHeader.Row row) throws InvalidRecord;

        /** The person a row names, or why it names none. */
        People.Person person(ExportHeader.Row row) throws InvalidRecord;
    }

    private ExportRows() {}

    /**
     * Reads every record after the header line; returns how many it read.
     *
     * @param readerFor the source's reader for the file's header, or null when the header lacks the
     *                  columns the source needs (every row is then rejected, saying so)
     */
    public static long read(InputFile file, InputSink sink, Function<ExportHeader, RowReader> readerFor) throws IOException {
        RecordSink records = new RecordSink(file.input(), sink);
        try (BufferedReader reader = file.reader()) {
            CsvRecords csv = records(reader);
            CsvRecords.Record first = csv.next();
            if (first == null) {
                return 0;
            }
            ExportHeader header = first.problem() == null ? ExportHeader.of(first.fields()) : null;
            RowReader rows = header == null ? null : readerFor.apply(header);
            String fileProblem = header == null
                    ? "Cannot read the header line (" + first.problem() + "), so no row can be matched to its columns"
                    : rows == null ? "The header line names none of the columns this file needs" : null;
            CsvRecords.Record record;
            while ((record = csv.next()) != null) {
                long line = record.line();
                String hash = Hashes.sha256(record.text());
                if (fileProblem != null || record.problem() != null) {
                    records.reject(line, fileProblem != null ? fileProblem : record.problem(), hash);
                    continue;
                }
                ExportHeader.Row row = header.row(record.fields());
                if (record.fields().size() != header.size()) {
                    records.reject(line, "Row has " + record.fields().size() + " fields but the header has " + header.size(),
                            hash, userKey(rows, row));
                    continue;
                }
                if (row.repeatsHeader()) {
                    // It names the columns, not a person.
                    records.reject(line, "Header line repeated as data", hash);
                    continue;
                }
                try {
                    records.accept(line, rows.read(row));
                } catch (InvalidRecord e) {
                    records.reject(line, e, hash);
                }
            }
            return records.read();
        }
    }

    /** The key of the person a row names, for a row rejected before it was read; null when it names none. */
    private static String userKey(RowReader rows, ExportHeader.Row row) {
        try {
            return rows.person(row).userKey();
        } catch (InvalidRecord e) {
            return null;
        }
    }

    /** The records of an export: RFC 4180, a character after a closing quote breaking its record. */
    private static CsvRecords records(BufferedReader reader) {
        return new CsvRecords(reader, Quoting.STANDARD, MAX_CHARS_PER_RECORD);
    }

    /**
     * The values of the first of these columns in the records of the file's head: what a source looks at
     * before reading, such as the order of a download's dates.
     */
    public static List<String> headValues(InputFile file, String... columns) throws IOException {
        List<String> values = new ArrayList<>();
        CsvRecords records = records(new BufferedReader(new StringReader(file.head())));
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

    /** The header of a file's first line; empty when it is no CSV line (JSON, broken quoting, empty). */
    public static Optional<ExportHeader> header(InputFile file) throws IOException {
        String line = file.firstLine();
        String start = line.stripLeading();
        if (start.isEmpty() || start.startsWith("{") || start.startsWith("[")) {
            return Optional.empty();
        }
        CsvRecords.Record record = records(new BufferedReader(new StringReader(line))).next();
        return record == null || record.problem() != null ? Optional.empty() : Optional.of(ExportHeader.of(record.fields()));
    }
}
