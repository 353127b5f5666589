package io.uptake.ingest.source.microsoft365;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.CsvRecords;
import io.uptake.ingest.source.CsvRecords.Quoting;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.JsonReading;
import io.uptake.ingest.source.NonBlankLines;
import io.uptake.ingest.source.RecordSink;
import io.uptake.ingest.source.microsoft365.AuditRecordMapper.Fallbacks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Microsoft 365 audit records in the shapes they are exported: the Purview audit search CSV
 * (one record a line, its JSON in the {@code AuditData} column), the Management Activity API's content
 * (JSON arrays of records) and JSON lines of records. Every record read becomes one event or one rejection.
 */
final class AuditLogParser {

    /** Lines longer than this are rejected without being parsed. */
    static final int MAX_LINE_CHARS = 4 << 20;

    static final ObjectMapper JSON = new ObjectMapper(JsonReading.limitedTo(64, 1 << 20, 100).build())
            // One record a line: anything after it is an error, never silently dropped.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads one record of a stream, which goes on after it. */
    private static final ObjectReader STREAM_RECORD = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The export's own columns beside AuditData: the classic export's, PowerShell's and the new Purview export's. */
    private static final Set<String> EXPORT_COLUMNS = Set.of("creationdate", "userids", "userid", "operations",
            "operation", "recordtype", "recordid");
    /** Windows PowerShell's Export-Csv writes this line before the header unless told not to. */
    private static final String POWERSHELL_TYPE_LINE = "#TYPE";

    private final AuditRecordMapper mapper;

    AuditLogParser(AuditRecordMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** A CSV whose header names an AuditData column and one of the export's own columns. */
    static boolean isAuditSearchCsv(InputFile file) throws IOException {
        List<String> header = null;
        for (String line : file.head().split("\r\n|\r|\n")) {
            if (line.isBlank() || line.startsWith(POWERSHELL_TYPE_LINE)) {
                continue;
            }
            if (line.stripLeading().startsWith("{") || line.stripLeading().startsWith("[")) {
                return false;
            }
            header = CsvRecords.fields(line, Quoting.STRICT);
            break;
        }
        if (header == null) {
            return false;
        }
        Set<String> names = lowerCase(header);
        return names.contains("auditdata") && names.stream().anyMatch(EXPORT_COLUMNS::contains);
    }

    /**
     * JSON (an array or JSON lines) whose first record is an audit record: it has CreationTime, Operation
     * and a Workload or RecordType, or is an exported row holding one in AuditData.
     */
    static boolean isAuditRecordJson(InputFile file) throws IOException {
        String head = file.head().stripLeading();
        if (!head.startsWith("[") && !head.startsWith("{")) {
            return false;
        }
        Set<String> names = lowerCase(firstObjectFields(head));
        boolean record = names.contains("creationtime") && names.contains("operation")
                && (names.contains("workload") || names.contains("recordtype"));
        boolean exportRow = names.contains("auditdata") && names.stream().anyMatch(EXPORT_COLUMNS::contains);
        return record || exportRow;
    }

    /** The top-level field names of the first object in the text, as far as the text goes. */
    private static List<String> firstObjectFields(String text) {
        List<String> names = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                token = parser.nextToken();
            }
            if (token != JsonToken.START_OBJECT) {
                return names;
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException e) {
            // A head cut inside a record, or damage: the names read so far decide.
        }
        return names;
    }

    /** Parses the file in the shape its content starts with; returns the number of records read. */
    long parse(InputFile file, InputSink sink) throws IOException {
        String head = file.head().stripLeading();
        RecordSink records = new RecordSink(file.input(), sink);
        if (head.startsWith("[")) {
            parseJsonStream(file, records);
        } else if (head.startsWith("{")) {
            parseJsonLines(file, records);
        } else {
            parseCsv(file, records);
        }
        return records.read();
    }

    /** The audit search export: a header line, then one record a line, its JSON in AuditData. */
    private void parseCsv(InputFile file, RecordSink records) throws IOException {
        Map<String, Integer> columns = null;
        String headerProblem = null;
        try (BufferedReader reader = file.reader()) {
            NonBlankLines lines = new NonBlankLines(reader);
            String line;
            while ((line = lines.next()) != null) {
                if (columns == null && headerProblem == null) {
                    if (line.startsWith(POWERSHELL_TYPE_LINE)) {
                        continue;
                    }
                    List<String> header = CsvRecords.fields(line, Quoting.STRICT);
                    if (header == null) {
                        headerProblem = "its quoting is malformed";
                        continue;
                    }
                    columns = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
                    }
                    if (!columns.containsKey("auditdata")) {
                        columns = null;
                        headerProblem = "it has no AuditData column";
                    }
                    continue;
                }
                if (headerProblem != null) {
                    records.reject(lines.number(), "Cannot read the header line of " + records.input() + " (" + headerProblem
                            + "), so no row can be matched to its columns;", Hashes.sha256(line));
                    continue;
                }
                csvRow(line, columns, lines.number(), records);
            }
        }
    }

    private void csvRow(String line, Map<String, Integer> columns, long number, RecordSink records) {
        String hash = Hashes.sha256(line);
        if (line.length() > MAX_LINE_CHARS) {
            records.reject(number, JsonReading.lineTooLong(line.length(), MAX_LINE_CHARS), hash);
            return;
        }
        List<String> fields = CsvRecords.fields(line, Quoting.STRICT);
        if (fields == null) {
            records.reject(number, "Malformed CSV quoting", hash);
            return;
        }
        int auditData = columns.get("auditdata");
        if (fields.size() <= auditData) {
            records.reject(number, "Row has " + fields.size() + " fields but AuditData is field " + (auditData + 1), hash);
            return;
        }
        String json = fields.get(auditData).strip();
        if (json.equalsIgnoreCase("AuditData")) {
            records.reject(number, "Header line repeated as data", hash);
            return;
        }
        Fallbacks fallbacks = new Fallbacks(column(fields, columns, "recordid"), column(fields, columns, "creationdate"),
                first(column(fields, columns, "userid"), column(fields, columns, "userids")),
                first(column(fields, columns, "operation"), column(fields, columns, "operations")));
        if (json.isEmpty()) {
            reject(records, number, "Empty AuditData", hash, fallbacks);
            return;
        }
        JsonNode record;
        try {
            record = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            reject(records, number, "AuditData is " + notJson(e), hash, fallbacks);
            return;
        }
        map(record, fallbacks, number, "", hash, records);
    }

    /** JSON lines: one record a line (or one exported row holding a record in AuditData). */
    private void parseJsonLines(InputFile file, RecordSink records) throws IOException {
        try (BufferedReader reader = file.reader()) {
            NonBlankLines lines = new NonBlankLines(reader);
            String line;
            while ((line = lines.next()) != null) {
                long number = lines.number();
                String hash = Hashes.sha256(line);
                if (line.length() > MAX_LINE_CHARS) {
                    records.reject(number, JsonReading.lineTooLong(line.length(), MAX_LINE_CHARS), hash);
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    records.reject(number, "Line is " + notJson(e), hash);
                    continue;
                }
                unwrapAndMap(node, number, "", hash, records);
            }
        }
    }

    /**
     * The Management Activity API's content: a JSON array of records (or several, one after another),
     * read as a stream. After a syntax error the rest cannot be split into records, so it is rejected as one.
     */
    private void parseJsonStream(InputFile file, RecordSink records) throws IOException {
        long index = 0;
        boolean inArray = false;
        try (Reader reader = file.reader(); JsonParser parser = JSON.getFactory().createParser(reader)) {
            while (true) {
                long line = parser.currentLocation().getLineNr();
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    rejectRest(records, e, line);
                    return;
                }
                if (token == null) {
                    if (inArray) {
                        records.reject(line, "The JSON array is not closed: the file ends inside it",
                                Hashes.sha256(records.input() + ":" + line));
                    }
                    return;
                }
                if (!inArray && token == JsonToken.START_ARRAY) {
                    inArray = true;
                    continue;
                }
                if (inArray && token == JsonToken.END_ARRAY) {
                    inArray = false;
                    continue;
                }
                index++;
                line = parser.currentTokenLocation().getLineNr();
                JsonNode node;
                try {
                    node = STREAM_RECORD.readTree(parser);
                } catch (JsonProcessingException e) {
                    rejectRest(records, e, line);
                    return;
                }
                unwrapAndMap(node, line, " (record " + index + ")", Hashes.sha256(node.toString()), records);
            }
        }
    }

    private static void rejectRest(RecordSink records, JsonProcessingException e, long line) {
        long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
        records.reject(line, (e instanceof StreamConstraintsException ? "Exceeds a read limit" : "Not valid JSON")
                + " at line " + at + ", so the rest of the file cannot be split into records;",
                Hashes.sha256(records.input() + ":" + line));
    }

    /**
     * A record, or an exported row (PowerShell's ConvertTo-Json of Search-UnifiedAuditLog) whose AuditData
     * holds it. {@code label} goes before the line in a reason: which record of a stream it is.
     */
    private void unwrapAndMap(JsonNode node, long number, String label, String hash, RecordSink records) {
        JsonNode auditData = node.isObject() && !node.has("CreationTime") ? node.get("AuditData") : null;
        if (auditData == null) {
            map(node, Fallbacks.NONE, number, label, hash, records);
            return;
        }
        Fallbacks fallbacks = new Fallbacks(first(AuditRecordMapper.text(node, "RecordId"), AuditRecordMapper.text(node, "Identity")),
                AuditRecordMapper.text(node, "CreationDate"),
                first(AuditRecordMapper.text(node, "UserId"), AuditRecordMapper.text(node, "UserIds")),
                first(AuditRecordMapper.text(node, "Operation"), AuditRecordMapper.text(node, "Operations")));
        JsonNode record = auditData;
        if (auditData.isTextual()) {
            try {
                record = JSON.readTree(auditData.asText());
            } catch (JsonProcessingException e) {
                reject(records, number, "AuditData is " + notJson(e) + label, hash, fallbacks);
                return;
            }
        }
        map(record, fallbacks, number, label, hash, records);
    }

    private void map(JsonNode record, Fallbacks fallbacks, long number, String label, String hash, RecordSink records) {
        try {
            records.accept(number, mapper.map(record, fallbacks));
        } catch (InvalidRecord e) {
            records.reject(number, e.getMessage() + label, hash, e.userKey());
        }
    }

    /** Rejects a record whose AuditData cannot be read, under the key of the person its row names, if any. */
    private void reject(RecordSink records, long number, String problem, String hash, Fallbacks fallbacks) {
        records.reject(number, problem, hash, mapper.userKeyOf(fallbacks.userId()));
    }

    /** Jackson's message quotes the offending token, which can be a user's address: say only where it is. */
    private static String notJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException constraints) {
            return "over a read limit (" + JsonReading.limit(constraints) + ")";
        }
        return "not valid JSON (syntax error at column " + JsonReading.column(e) + ")";
    }

    private static String column(List<String> fields, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static String first(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(name -> lower.add(name.strip().toLowerCase(Locale.ROOT)));
        return lower;
    }
}
