package io.uptake.ingest.source.salesforce.elf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.JsonReading;
import io.uptake.ingest.source.NonBlankLines;
import io.uptake.ingest.source.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EventLogFile rows stored as JSON, as log platforms hold them (Elastic, Splunk, Sentinel, exporters):
 * one object per line or one array of objects, keys in upper or lower case, with or without the type
 * suffix a log-analytics platform appends ({@code user_id_s}, {@code timestamp_derived_t}). Each object
 * is read as a CSV row whose header is its keys.
 */
final class EventLogFileJson {

    /** A key that names the event type, in any case, with or without a suffix. */
    private static final Pattern EVENT_TYPE_KEY = Pattern.compile("\"event_type(_[sdtbg])?\"\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIMESTAMP_KEY =
            Pattern.compile("\"timestamp(_derived)?(_[sdtbg])?\"\\s*:", Pattern.CASE_INSENSITIVE);
    /** Uptake's own JSON lines name {@code occurred_at}; an ELF row never does. */
    private static final Pattern UPTAKE_KEY = Pattern.compile("\"occurred_at\"\\s*:");
    /** The suffix a log-analytics platform gives a column of type string, double, time, bool or GUID. */
    private static final Pattern TYPE_SUFFIX = Pattern.compile("_[sdtbgSDTBG]$");

    private static final ObjectMapper JSON = new ObjectMapper(
            JsonReading.limitedTo(16, 1 << 20, StreamReadConstraints.DEFAULT_MAX_NUM_LEN).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** One object per line: anything after it on the line is an error, never silently dropped. */
    private static final ObjectMapper JSON_LINE = JSON.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final EventLogFileParser rows;
    /** One header per distinct set of keys, as rows of one file mostly share theirs. */
    private final Map<List<String>, EventLogFileParser.Header> headers = new HashMap<>();

    EventLogFileJson(EventLogFileParser rows) {
        this.rows = rows;
    }

    /** True when the file is JSON whose first object has an event type and a timestamp, and is not Uptake's. */
    static boolean recognises(InputFile file) throws IOException {
        String head = file.head().stripLeading();
        return (head.startsWith("{") || head.startsWith("[")) && EVENT_TYPE_KEY.matcher(head).find()
                && TIMESTAMP_KEY.matcher(head).find() && !UPTAKE_KEY.matcher(head).find();
    }

    long parse(InputFile file, InputSink sink) throws IOException {
        try (BufferedReader reader = file.reader()) {
            reader.mark(1 << 16);
            int c;
            do {
                c = reader.read();
            } while (c != -1 && Character.isWhitespace(c));
            reader.reset();
            RecordSink records = new RecordSink(file.input(), sink);
            if (c == '[') {
                parseArray(reader, records);
            } else {
                parseLines(reader, records);
            }
            return records.read();
        }
    }

    /** One object per line: a broken line is one rejection, and the next line is read. */
    private void parseLines(BufferedReader reader, RecordSink records) throws IOException {
        NonBlankLines lines = new NonBlankLines(reader);
        String line;
        while ((line = lines.next()) != null) {
            JsonNode node;
            try {
                node = JSON_LINE.readTree(line);
            } catch (JsonProcessingException e) {
                // A value over a read limit too. The reason says where, never what: the line can hold personal data.
                records.reject(lines.number(), "Not valid JSON (syntax error at column " + JsonReading.column(e) + ")",
                        Hashes.sha256(line));
                continue;
            }
            row(node, lines.number(), Hashes.sha256(line), records);
        }
    }

    /**
     * One array of objects, read one object at a time. A syntax error ends what can be read: it is one
     * rejection, naming the line where reading stopped.
     */
    private void parseArray(Reader reader, RecordSink records) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(reader)) {
            try {
                parser.nextToken();
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                    long line = parser.currentLocation().getLineNr();
                    JsonNode node = JSON.readTree(parser);
                    row(node, line, Hashes.sha256(node.toString()), records);
                }
            } catch (JsonProcessingException e) {
                long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                records.reject(line, "Not valid JSON (syntax error at line " + line + ", column " + JsonReading.column(e)
                        + "; the rest of the array cannot be read)", Hashes.sha256(records.input() + ":" + line));
            }
        }
    }

    private void row(JsonNode node, long line, String contentHash, RecordSink records) {
        if (!node.isObject()) {
            records.reject(line, "Expected a JSON object", contentHash);
            return;
        }
        if (node.size() == 1 && node.path("json").isObject()) {
            // Filebeat's JSON input keeps the decoded row under "json".
            node = node.get("json");
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            names.add(column(field.getKey()));
            values.add(text(field.getValue()));
        }
        EventLogFileParser.Header header = headers.computeIfAbsent(List.copyOf(names), n -> {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < n.size(); i++) {
                index.putIfAbsent(n.get(i), i);
            }
            return new EventLogFileParser.Header(n, index);
        });
        rows.accept(new EventLogFileParser.Columns(values.toArray(String[]::new), header), line, contentHash, records);
    }

    /** The ELF column a key names: upper case, without a trailing {@code _} or a log-analytics type suffix. */
    static String column(String key) {
        String name = key.strip();
        if (name.endsWith("_")) {
            name = name.substring(0, name.length() - 1);
        }
        name = TYPE_SUFFIX.matcher(name).replaceFirst("");
        return name.toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
