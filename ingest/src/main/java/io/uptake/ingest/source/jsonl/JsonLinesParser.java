package io.uptake.ingest.source.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Event;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.Timestamps;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.JsonReading;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.NonBlankLines;
import io.uptake.ingest.source.RecordSink;
import io.uptake.warehouse.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads JSON lines (DATA.md 1.1b), one event per line. Every field is checked for presence and type;
 * Jackson's read limits keep a hostile line from exhausting memory.
 */
public final class JsonLinesParser {

    public static final String DEFAULT_SOURCE = "jsonl";
    /** Lines longer than this are rejected without being parsed. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper(JsonReading.limitedTo(16, 64 * 1024, 100).build())
            // One event per line: anything after the first value is an error, never silently dropped.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Pseudonymizer pseudonymizer;
    private final ModuleMapping modules;

    public JsonLinesParser(Pseudonymizer pseudonymizer, ModuleMapping modules) {
        this.pseudonymizer = pseudonymizer;
        this.modules = modules;
    }

    /** Parses the file; returns the number of non-blank lines read. */
    public long parse(InputFile file, InputSink sink) throws IOException {
        RecordSink records = new RecordSink(file.input(), sink);
        try (BufferedReader reader = file.reader()) {
            NonBlankLines lines = new NonBlankLines(reader);
            String line;
            while ((line = lines.next()) != null) {
                parseLine(line, lines.number(), records);
            }
        }
        return records.read();
    }

    /** One line, from a file or a collector request: accepted or rejected, never thrown. */
    public void parseLine(String line, String input, long number, InputSink sink) {
        parseLine(line, number, new RecordSink(input, sink));
    }

    private void parseLine(String line, long number, RecordSink records) {
        try {
            records.accept(number, toEvent(line, DEFAULT_SOURCE));
        } catch (InvalidRecord e) {
            records.reject(number, e, Hashes.sha256(line));
        }
    }

    /** The event a line is, or why it is none, under the key of the user it names when it names one. */
    public Event toEvent(String line, String defaultSource) throws InvalidRecord {
        if (line.length() > MAX_LINE_CHARS) {
            throw new InvalidRecord(JsonReading.lineTooLong(line.length(), MAX_LINE_CHARS));
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidRecord(JsonReading.problem(e));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecord("Expected a JSON object");
        }
        JsonNode user = node.get("user_id");
        String userKey = user != null && user.isTextual() && !user.asText().isBlank()
                ? pseudonymizer.userKey(user.asText()) : null;
        try {
            return toEvent(node, userKey, defaultSource);
        } catch (InvalidRecord e) {
            // Quarantine keeps the line's user key (never the raw id) so that erasing the user reaches it.
            throw new InvalidRecord(e.getMessage(), userKey);
        }
    }

    private Event toEvent(JsonNode node, String userKey, String defaultSource) throws InvalidRecord {
        String eventId = requiredText(node, "event_id");
        String occurred = requiredText(node, "occurred_at");
        requiredText(node, "user_id");
        String eventType = requiredText(node, "event_type");
        if (!Vocabulary.EVENT_TYPES.contains(eventType)) {
            throw new InvalidRecord("Unknown event_type '" + clip(eventType) + "'");
        }
        Instant at;
        try {
            at = Timestamps.parseOffsetDateTime(occurred);
        } catch (DateTimeParseException e) {
            throw new InvalidRecord("Cannot parse occurred_at '" + clip(occurred) + "': expected ISO-8601 with an offset or Z");
        }
        String client = optionalText(node, "client", "web");
        if (!Vocabulary.CLIENTS.contains(client)) {
            throw new InvalidRecord("Unknown client '" + clip(client) + "': expected one of " + String.join(", ", Vocabulary.CLIENTS));
        }
        String status = optionalText(node, "status", Vocabulary.STATUS_SUCCESS);
        if (!status.equals(Vocabulary.STATUS_SUCCESS) && !status.equals(Vocabulary.STATUS_FAILURE)) {
            throw new InvalidRecord("Unknown status '" + clip(status) + "': expected success or failure");
        }
        String objectType = optionalText(node, "object_type", null);
        String module = optionalText(node, "module", null);
        if (module == null) {
            module = modules.module(objectType, null);
        } else if (!Vocabulary.MODULES.contains(module)) {
            throw new InvalidRecord("Unknown module '" + clip(module) + "'");
        }
        Long duration = null;
        JsonNode durationNode = node.get("duration_ms");
        if (durationNode != null && !durationNode.isNull()) {
            if (!durationNode.canConvertToLong() || !durationNode.isIntegralNumber()) {
                throw new InvalidRecord("duration_ms must be a whole number");
            }
            duration = durationNode.asLong();
        }
        String session = optionalText(node, "session_id", null);
        return new Event(eventId, at, userKey, session == null ? null : pseudonymizer.hmac(session),
                optionalText(node, "source", defaultSource), optionalText(node, "source_event_type", eventType),
                eventType, module, objectType, pseudonymizer.recordId(objectType, optionalText(node, "record_id", null)),
                client, status, optionalText(node, "error_code", null), duration);
    }

    private static String requiredText(JsonNode node, String field) throws InvalidRecord {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRecord("Missing required field " + field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRecord("Field " + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String fallback) throws InvalidRecord {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidRecord("Field " + field + " must be a string");
        }
        return value.asText();
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
