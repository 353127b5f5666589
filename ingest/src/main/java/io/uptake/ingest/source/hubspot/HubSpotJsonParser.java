package io.uptake.ingest.source.hubspot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.JsonReading;
import io.uptake.ingest.source.NonBlankLines;
import io.uptake.ingest.source.RecordSink;
import io.uptake.ingest.source.hubspot.HubSpotRecord.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads pages of the account activity API as it returns them: {@code {"results":[...],"paging":{...}}},
 * one page per file (as saved, on one line or pretty-printed) or one page per line. Each item of
 * {@code results} is one record, a login, an audit-log entry or a security activity by its fields.
 */
final class HubSpotJsonParser {

    /** Lines longer than this are rejected without being parsed (a page of 200 records is some 60 KB). */
    static final int MAX_LINE_CHARS = 16 << 20;

    private static final ObjectMapper JSON = new ObjectMapper(JsonReading.limitedTo(16, 64 * 1024, 100)
            // HubSpot's own example of an audit-log page writes a user id with a leading zero.
            .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .build());

    private static final Pattern RESULTS = Pattern.compile("\"results\"\\s*:\\s*\\[");

    private final HubSpotEvents events;

    HubSpotJsonParser(HubSpotEvents events) {
        this.events = events;
    }

    /**
     * True when the file starts a page whose records have the fields of logins ({@code loginAt}),
     * audit-log entries ({@code occurredAt}, {@code actingUser}) or security activity ({@code createdAt},
     * {@code type}, {@code userId}); field names are matched exactly, as HubSpot writes them.
     */
    static boolean isPage(String head) {
        String text = head.stripLeading();
        if (!text.startsWith("{") || !RESULTS.matcher(text).find()) {
            return false;
        }
        return text.contains("\"loginAt\"")
                || (text.contains("\"occurredAt\"") && text.contains("\"actingUser\""))
                || (text.contains("\"createdAt\"") && text.contains("\"type\"") && text.contains("\"userId\""));
    }

    /** Parses the file; returns the number of records read (each one accepted or rejected). */
    long parse(InputFile file, InputSink sink) throws IOException {
        RecordSink records = new RecordSink(file.input(), sink);
        Reading reading = new Reading(records);
        if (pretty(file.head())) {
            try (BufferedReader reader = file.reader(); JsonParser parser = JSON.createParser(reader)) {
                reading.pages(parser, 0, null);
            }
            return records.read();
        }
        try (BufferedReader reader = file.reader()) {
            NonBlankLines lines = new NonBlankLines(reader);
            String line;
            while ((line = lines.next()) != null) {
                long number = lines.number();
                if (line.length() > MAX_LINE_CHARS) {
                    records.reject(number, "A line of " + line.length() + " characters exceeds the limit of " + MAX_LINE_CHARS,
                            Hashes.sha256(line));
                    continue;
                }
                try (JsonParser parser = JSON.createParser(line)) {
                    reading.pages(parser, number - 1, line);
                }
            }
        }
        return records.read();
    }

    /**
     * Whether the file is one pretty-printed document rather than pages one per line: its first line
     * opens a value without closing it ({@code {}, {@code "results": [}, ...).
     */
    static boolean pretty(String head) {
        for (String line : head.split("\r\n|\r|\n")) {
            String first = line.strip();
            if (!first.isEmpty()) {
                return first.equals("{") || first.endsWith("[") || first.endsWith("{") || first.endsWith(",");
            }
        }
        return false;
    }

    /** One file being read, and where its records go. */
    private final class Reading {
        final RecordSink records;
        final String input;

        Reading(RecordSink records) {
            this.records = records;
            this.input = records.input();
        }

        /**
         * Reads every page the parser holds. {@code lineOffset} is the line before the parser's first,
         * {@code line} the text of that line when the parser reads one line, null for a whole document:
         * a document that is not valid JSON from some point on is given up there, with one rejection.
         */
        void pages(JsonParser parser, long lineOffset, String line) throws IOException {
            long pageLine = 0;
            try {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    pageLine = lineOffset + parser.currentTokenLocation().getLineNr();
                    if (token != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        records.reject(pageLine, "Expected a page of the account activity API, a JSON object with a results array",
                                Hashes.sha256(line != null ? line : input + ":" + pageLine));
                        pageLine = 0;
                        continue;
                    }
                    boolean results = false;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (name.equals("results") && value == JsonToken.START_ARRAY && !results) {
                            results = true;
                            records(parser, lineOffset);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    if (!results) {
                        records.reject(pageLine, "A JSON object without a results array is no page of the account activity API",
                                Hashes.sha256(line != null ? line : input + ":" + pageLine));
                    }
                    pageLine = 0;
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                long errorLine = at == null ? 0 : lineOffset + at.getLineNr();
                // A page cut short is named by the line it starts on, which the file surely has.
                long where = pageLine > 0 ? pageLine : Math.max(errorLine, lineOffset + 1);
                String problem = JsonReading.problem(e, "line " + errorLine + ", column " + JsonReading.column(e));
                records.reject(where, problem + (line == null ? "; the rest of the file is not read" : ""),
                        Hashes.sha256(line != null ? line : input + ":" + where));
            }
        }

        /** The items of a results array, the parser at its start; leaves the parser at its end. */
        private void records(JsonParser parser, long lineOffset) throws IOException {
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                index++;
                long itemLine = lineOffset + parser.currentTokenLocation().getLineNr();
                JsonNode item = parser.readValueAsTree();
                record(item == null ? JSON.nullNode() : item, itemLine, index);
            }
        }

        private void record(JsonNode item, long line, int index) {
            String where = "Record " + index + " of the page: ";
            String text = item.toString();
            if (!item.isObject()) {
                records.reject(line, where + "not a JSON object", Hashes.sha256(text));
                return;
            }
            HubSpotRecord record = toRecord(item);
            if (record == null) {
                records.reject(line, where + "neither a login (loginAt), an audit-log entry (occurredAt) nor a security activity"
                        + " (createdAt, type)", Hashes.sha256(text));
                return;
            }
            try {
                records.accept(line, events.toEvent(record));
            } catch (InvalidRecord e) {
                records.reject(line, where + e.getMessage(), Hashes.sha256(text), e.userKey());
            }
        }
    }

    /** The record an item is, by the fields it has; null when it has none of the three kinds' fields. */
    static HubSpotRecord toRecord(JsonNode item) {
        String content = canonical(item).toString();
        if (item.has("loginAt")) {
            JsonNode flag = item.get("loginSucceeded");
            // Missing is empty, a value that is no flag at all (an object, an array) is one that says nothing.
            String succeeded = flag == null || flag.isNull() ? "" : flag.isValueNode() ? flag.asText() : "?";
            return new HubSpotRecord(Kind.LOGIN, text(item, "id"), "loginAt", text(item, "loginAt"), text(item, "userId"),
                    text(item, "email"), "loginSucceeded", succeeded,
                    null, text(item, "userAgent"), null, null, null, null, content);
        }
        if (item.has("createdAt") && item.has("type") && !item.has("occurredAt")) {
            return new HubSpotRecord(Kind.SECURITY, text(item, "id"), "createdAt", text(item, "createdAt"),
                    text(item, "userId"), text(item, "actingUser"), null, null, text(item, "type"), null, null, null, null,
                    text(item, "objectId"), content);
        }
        if (item.has("occurredAt") || (item.has("actingUser") && item.get("actingUser").isObject())) {
            JsonNode actor = item.get("actingUser");
            String userId = actor != null && actor.isObject() ? text(actor, "userId") : null;
            String email = actor != null && actor.isObject() ? text(actor, "userEmail") : text(item, "actingUser");
            return new HubSpotRecord(Kind.AUDIT, text(item, "id"), "occurredAt", text(item, "occurredAt"), userId, email,
                    null, null, null, null, text(item, "category"), text(item, "subCategory"), text(item, "action"),
                    text(item, "targetObjectId"), content);
        }
        return null;
    }

    /** A field's text: strings and numbers as written, null for anything else (objects, arrays, null). */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && (value.isTextual() || value.isNumber() || value.isBoolean()) ? value.asText() : null;
    }

    /** The item with the fields of every object sorted by name: the same record hashes alike however written. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.properties().forEach(field -> names.add(field.getKey()));
            names.sort(null);
            ObjectNode sorted = JSON.createObjectNode();
            for (String name : names) {
                sorted.set(name, canonical(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(child -> items.add(canonical(child)));
            return JSON.createArrayNode().addAll(items);
        }
        return node;
    }
}
