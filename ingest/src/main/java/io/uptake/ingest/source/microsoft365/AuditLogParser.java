package io.uptake.ingest.source.microsoft365;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.microsoft365.AuditRecordMapper.Fallbacks;
import io.uptake.ingest.source.microsoft365.AuditRecordMapper.InvalidRecord;
import io.uptake.ingest.source.microsoft365.AuditRecordMapper.Mapped;
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

    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(100)
                    .build())
            .build())
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
            header = CsvLine.split(line);
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
        if (head.startsWith("[")) {
            return parseJsonStream(file, sink);
        }
        if (head.startsWith("{")) {
            return parseJsonLines(file, sink);
        }
        return parseCsv(file, sink);
    }

    /** The audit search export: a header line, then one record a line, its JSON in AuditData. */
    private long parseCsv(InputFile file, InputSink sink) throws IOException {
        String input = file.input();
        long read = 0;
        Map<String, Integer> columns = null;
        String headerProblem = null;
        try (BufferedReader reader = file.reader()) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (columns == null && headerProblem == null) {
                    if (line.startsWith(POWERSHELL_TYPE_LINE)) {
                        continue;
                    }
                    List<String> header = CsvLine.split(line);
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
                read++;
                String where = " in " + input + " line " + number;
                if (headerProblem != null) {
                    sink.reject(new Rejection(input, number, "Cannot read the header line of " + input + " (" + headerProblem
                            + "), so no row can be matched to its columns;" + where, Hashes.sha256(line)));
                    continue;
                }
                csvRow(line, columns, where, input, number, sink);
            }
        }
        return read;
    }

    private void csvRow(String line, Map<String, Integer> columns, String where, String input, long number, InputSink sink) {
        String hash = Hashes.sha256(line);
        if (line.length() > MAX_LINE_CHARS) {
            sink.reject(new Rejection(input, number, "Line of " + line.length() + " characters exceeds the limit of "
                    + MAX_LINE_CHARS + where, hash));
            return;
        }
        List<String> fields = CsvLine.split(line);
        if (fields == null) {
            sink.reject(new Rejection(input, number, "Malformed CSV quoting" + where, hash));
            return;
        }
        int auditData = columns.get("auditdata");
        if (fields.size() <= auditData) {
            sink.reject(new Rejection(input, number, "Row has " + fields.size() + " fields but AuditData is field "
                    + (auditData + 1) + where, hash));
            return;
        }
        String json = fields.get(auditData).strip();
        if (json.equalsIgnoreCase("AuditData")) {
            sink.reject(new Rejection(input, number, "Header line repeated as data" + where, hash));
            return;
        }
        Fallbacks fallbacks = new Fallbacks(column(fields, columns, "recordid"), column(fields, columns, "creationdate"),
                first(column(fields, columns, "userid"), column(fields, columns, "userids")),
                first(column(fields, columns, "operation"), column(fields, columns, "operations")));
        if (json.isEmpty()) {
            reject(sink, input, number, "Empty AuditData" + where, hash, fallbacks);
            return;
        }
        JsonNode record;
        try {
            record = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            reject(sink, input, number, "AuditData is " + notJson(e) + where, hash, fallbacks);
            return;
        }
        map(record, fallbacks, input, number, where, hash, sink);
    }

    /** JSON lines: one record a line (or one exported row holding a record in AuditData). */
    private long parseJsonLines(InputFile file, InputSink sink) throws IOException {
        String input = file.input();
        long read = 0;
        try (BufferedReader reader = file.reader()) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                read++;
                String where = " in " + input + " line " + number;
                String hash = Hashes.sha256(line);
                if (line.length() > MAX_LINE_CHARS) {
                    sink.reject(new Rejection(input, number, "Line of " + line.length() + " characters exceeds the limit of "
                            + MAX_LINE_CHARS + where, hash));
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    sink.reject(new Rejection(input, number, "Line is " + notJson(e) + where, hash));
                    continue;
                }
                unwrapAndMap(node, input, number, where, hash, sink);
            }
        }
        return read;
    }

    /**
     * The Management Activity API's content: a JSON array of records (or several, one after another),
     * read as a stream. After a syntax error the rest cannot be split into records, so it is rejected as one.
     */
    private long parseJsonStream(InputFile file, InputSink sink) throws IOException {
        String input = file.input();
        long read = 0;
        long records = 0;
        boolean inArray = false;
        try (Reader reader = file.reader(); JsonParser parser = JSON.getFactory().createParser(reader)) {
            while (true) {
                long line = parser.currentLocation().getLineNr();
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    read++;
                    rejectRest(sink, input, e, line);
                    return read;
                }
                if (token == null) {
                    if (inArray) {
                        read++;
                        sink.reject(new Rejection(input, line, "The JSON array is not closed: the file ends inside it in "
                                + input + " line " + line, Hashes.sha256(input + ":" + line)));
                    }
                    return read;
                }
                if (!inArray && token == JsonToken.START_ARRAY) {
                    inArray = true;
                    continue;
                }
                if (inArray && token == JsonToken.END_ARRAY) {
                    inArray = false;
                    continue;
                }
                read++;
                records++;
                line = parser.currentTokenLocation().getLineNr();
                JsonNode node;
                try {
                    node = STREAM_RECORD.readTree(parser);
                } catch (JsonProcessingException e) {
                    rejectRest(sink, input, e, line);
                    return read;
                }
                String where = " (record " + records + ") in " + input + " line " + line;
                unwrapAndMap(node, input, line, where, Hashes.sha256(node.toString()), sink);
            }
        }
    }

    private static void rejectRest(InputSink sink, String input, JsonProcessingException e, long line) {
        long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
        sink.reject(new Rejection(input, line, (e instanceof StreamConstraintsException ? "Exceeds a read limit" : "Not valid JSON")
                + " at line " + at + ", so the rest of the file cannot be split into records; in " + input + " line " + line,
                Hashes.sha256(input + ":" + line)));
    }

    /** A record, or an exported row (PowerShell's ConvertTo-Json of Search-UnifiedAuditLog) whose AuditData holds it. */
    private void unwrapAndMap(JsonNode node, String input, long number, String where, String hash, InputSink sink) {
        JsonNode auditData = node.isObject() && !node.has("CreationTime") ? node.get("AuditData") : null;
        if (auditData == null) {
            map(node, Fallbacks.NONE, input, number, where, hash, sink);
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
                reject(sink, input, number, "AuditData is " + notJson(e) + where, hash, fallbacks);
                return;
            }
        }
        map(record, fallbacks, input, number, where, hash, sink);
    }

    private void map(JsonNode record, Fallbacks fallbacks, String input, long number, String where, String hash, InputSink sink) {
        Mapped mapped;
        try {
            mapped = mapper.map(record, fallbacks);
        } catch (InvalidRecord e) {
            sink.reject(new Rejection(input, number, e.getMessage() + where, hash, e.userKey()));
            return;
        }
        sink.accept(mapped.event());
        if (!mapped.matched()) {
            sink.unmatched(mapped.event().userKey());
        }
    }

    /** Rejects a record whose AuditData cannot be read, under the key of the person its row names, if any. */
    private void reject(InputSink sink, String input, long number, String reason, String hash, Fallbacks fallbacks) {
        sink.reject(new Rejection(input, number, reason, hash, mapper.userKeyOf(fallbacks.userId())));
    }

    /** Jackson's message quotes the offending token, which can be a user's address: say only where it is. */
    private static String notJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException constraints) {
            return "over a read limit (" + constraints.getOriginalMessage().replaceAll(", from `[^`]*`", "") + ")";
        }
        return "not valid JSON (syntax error at column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")";
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
