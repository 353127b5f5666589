package io.uptake.ingest.source.jsonl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Event;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.Timestamps;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.warehouse.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(100)
                    .build())
            .build())
            // One event per line: anything after the first value is an error, never silently dropped.
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Pseudonymizer pseudonymizer;
    private final ModuleMapping modules;

    public JsonLinesParser(Pseudonymizer pseudonymizer, ModuleMapping modules) {
        this.pseudonymizer = pseudonymizer;
        this.modules = modules;
    }

    /** Parses the file; returns the number of non-blank lines read. */
    public long parse(InputFile file, InputSink sink) throws IOException {
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
                parseLine(line, input, number, sink);
            }
        }
        return read;
    }

    /** One line, from a file or a collector request: accepted or rejected, never thrown. */
    public void parseLine(String line, String input, long number, InputSink sink) {
        try {
            sink.accept(toEvent(line, DEFAULT_SOURCE));
        } catch (InvalidEvent e) {
            sink.reject(new Rejection(input, number, e.getMessage() + " in " + input + " line " + number,
                    Hashes.sha256(line), e.userKey()));
        }
    }

    /** Why a line is not an event; {@link #userKey()} is the key of the user the line names, if it names one. */
    public static final class InvalidEvent extends Exception {
        private final String userKey;

        InvalidEvent(String message) {
            this(message, null);
        }

        InvalidEvent(String message, String userKey) {
            super(message, null, false, false);
            this.userKey = userKey;
        }

        /** The pseudonymised user_id of the rejected line, or null when it has no usable one. */
        public String userKey() {
            return userKey;
        }
    }

    public Event toEvent(String line, String defaultSource) throws InvalidEvent {
        if (line.length() > MAX_LINE_CHARS) {
            throw new InvalidEvent("Line of " + line.length() + " characters exceeds the limit of " + MAX_LINE_CHARS);
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (StreamConstraintsException e) {
            // Its message names only sizes and limits, never content.
            throw new InvalidEvent("Exceeds a read limit: "
                    + e.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token, which can be a raw user id: say only where it is.
            throw new InvalidEvent("Not valid JSON (syntax error at column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEvent("Expected a JSON object");
        }
        JsonNode user = node.get("user_id");
        String userKey = user != null && user.isTextual() && !user.asText().isBlank()
                ? pseudonymizer.userKey(user.asText()) : null;
        try {
            return toEvent(node, userKey, defaultSource);
        } catch (InvalidEvent e) {
            // Quarantine keeps the line's user key (never the raw id) so that erasing the user reaches it.
            throw new InvalidEvent(e.getMessage(), userKey);
        }
    }

    private Event toEvent(JsonNode node, String userKey, String defaultSource) throws InvalidEvent {
        String eventId = requiredText(node, "event_id");
        String occurred = requiredText(node, "occurred_at");
        requiredText(node, "user_id");
        String eventType = requiredText(node, "event_type");
        if (!Vocabulary.EVENT_TYPES.contains(eventType)) {
            throw new InvalidEvent("Unknown event_type '" + clip(eventType) + "'");
        }
        Instant at;
        try {
            at = Timestamps.parseOffsetDateTime(occurred);
        } catch (DateTimeParseException e) {
            throw new InvalidEvent("Cannot parse occurred_at '" + clip(occurred) + "': expected ISO-8601 with an offset or Z");
        }
        String client = optionalText(node, "client", "web");
        if (!Vocabulary.CLIENTS.contains(client)) {
            throw new InvalidEvent("Unknown client '" + clip(client) + "': expected one of " + String.join(", ", Vocabulary.CLIENTS));
        }
        String status = optionalText(node, "status", Vocabulary.STATUS_SUCCESS);
        if (!status.equals(Vocabulary.STATUS_SUCCESS) && !status.equals(Vocabulary.STATUS_FAILURE)) {
            throw new InvalidEvent("Unknown status '" + clip(status) + "': expected success or failure");
        }
        String objectType = optionalText(node, "object_type", null);
        String module = optionalText(node, "module", null);
        if (module == null) {
            module = modules.module(objectType, null);
        } else if (!Vocabulary.MODULES.contains(module)) {
            throw new InvalidEvent("Unknown module '" + clip(module) + "'");
        }
        Long duration = null;
        JsonNode durationNode = node.get("duration_ms");
        if (durationNode != null && !durationNode.isNull()) {
            if (!durationNode.canConvertToLong() || !durationNode.isIntegralNumber()) {
                throw new InvalidEvent("duration_ms must be a whole number");
            }
            duration = durationNode.asLong();
        }
        String session = optionalText(node, "session_id", null);
        return new Event(eventId, at, userKey, session == null ? null : pseudonymizer.hmac(session),
                optionalText(node, "source", defaultSource), optionalText(node, "source_event_type", eventType),
                eventType, module, objectType, pseudonymizer.recordId(objectType, optionalText(node, "record_id", null)),
                client, status, optionalText(node, "error_code", null), duration);
    }

    private static String requiredText(JsonNode node, String field) throws InvalidEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEvent("Missing required field " + field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEvent("Field " + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field, String fallback) throws InvalidEvent {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidEvent("Field " + field + " must be a string");
        }
        return value.asText();
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
