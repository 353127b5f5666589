package io.uptake.ingest.source;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * JSON as sources read it: with read limits, so that a hostile record cannot exhaust memory, and with
 * reasons that say where the JSON is broken without quoting it. Jackson's own messages quote the
 * offending text, which can be a user's id or address.
 */
public final class JsonReading {

    private JsonReading() {}

    /** A factory whose parsers refuse values nested deeper, strings longer or numbers longer than these. */
    public static JsonFactoryBuilder limitedTo(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        return new JsonFactoryBuilder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .build());
    }

    /** The column of a syntax error, or {@code ?} when Jackson does not say. */
    public static String column(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getColumnNr());
    }

    /** The read limit a value exceeded: sizes and limits only, without the text it was read from. */
    public static String limit(StreamConstraintsException e) {
        return e.getOriginalMessage().replaceAll(", from `[^`]*`", "");
    }

    /** {@code Exceeds a read limit: ...}, or {@code Not valid JSON (syntax error at column 7)}. */
    public static String problem(JsonProcessingException e) {
        return problem(e, "column " + column(e));
    }

    /** As {@link #problem(JsonProcessingException)}, the syntax error placed as {@code at} says. */
    public static String problem(JsonProcessingException e, String at) {
        return e instanceof StreamConstraintsException limit ? "Exceeds a read limit: " + limit(limit)
                : "Not valid JSON (syntax error at " + at + ")";
    }

    /** The reason for a line left unparsed because it is longer than a source reads. */
    public static String lineTooLong(int length, int maxChars) {
        return "Line of " + length + " characters exceeds the limit of " + maxChars;
    }
}
