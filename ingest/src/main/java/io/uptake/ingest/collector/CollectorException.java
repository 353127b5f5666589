package io.uptake.ingest.collector;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The collector's one error type. Each code carries its HTTP status; the message goes to the sender
 * as is, so it says what to do and never holds a stack trace or a raw user id.
 */
public final class CollectorException extends RuntimeException {

    /** What went wrong: the sender's mistake (4xx), or the collector cannot take events now (429, 503). */
    public enum Code {
        BAD_REQUEST(400),
        UNAUTHENTICATED(401),
        PAYLOAD_TOO_LARGE(413),
        BACKLOG_FULL(429),
        UNAVAILABLE(503);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The code as the JSON API spells it: {@code payload_too_large}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    public CollectorException(Code code, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
    }

    public Code code() {
        return code;
    }
}
