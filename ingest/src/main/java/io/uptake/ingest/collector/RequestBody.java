package io.uptake.ingest.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.collector.CollectorException.Code;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body into the texts of its events: the non-blank lines of JSON lines, or the
 * elements of a JSON array. Only the syntax of the whole is checked here; each event is validated by
 * {@link io.uptake.ingest.source.jsonl.JsonLinesParser}, like a line of a file.
 */
final class RequestBody {

    /** The read limits of JsonLinesParser, one level deeper for the enclosing array. */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(17)
                    .maxStringLength(64 * 1024)
                    .maxNumberLength(100)
                    .build())
            .build());

    static final String FORMATS = "send JSON lines (one event object per line) or a JSON array of event objects";

    private RequestBody() {}

    /**
     * The events' texts, in body order. Throws BAD_REQUEST when the body is empty, when it starts a
     * JSON array that is not valid JSON as a whole (a cut-off array is refused, not half taken), or
     * when no line of it is parsable JSON.
     */
    static List<String> events(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        if (text.isBlank()) {
            throw new CollectorException(Code.BAD_REQUEST, "The body is empty: " + FORMATS);
        }
        if (text.stripLeading().startsWith("[")) {
            return arrayElements(text);
        }
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.stream().noneMatch(RequestBody::isJson)) {
            throw new CollectorException(Code.BAD_REQUEST, "Nothing in the body is parsable JSON: " + FORMATS);
        }
        return lines;
    }

    private static List<String> arrayElements(String text) {
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw notAnArray(parser.currentLocation());
                }
                JsonNode element = JSON.readTree(parser);
                elements.add(JSON.writeValueAsString(element));
            }
            if (parser.nextToken() != null) {
                throw notAnArray(parser.currentLocation());
            }
        } catch (JsonProcessingException e) {
            throw notAnArray(e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a request body held in memory", e);
        }
        return List.copyOf(elements);
    }

    // Jackson's own message quotes the offending token, which can be a raw user id: say only where it is.
    private static CollectorException notAnArray(JsonLocation at) {
        String where = at == null ? "" : " (syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new CollectorException(Code.BAD_REQUEST,
                "The body starts a JSON array but is not one complete JSON array" + where + ": " + FORMATS);
    }

    private static boolean isJson(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && !node.isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
