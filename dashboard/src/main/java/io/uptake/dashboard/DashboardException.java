package io.uptake.dashboard;

import static java.util.Objects.requireNonNull;

/**
 * The dashboard's one error type. Each code carries its HTTP status; the message is shown to the
 * caller as is, so it names the offending value and says what to do, and never holds a stack trace.
 */
public final class DashboardException extends RuntimeException {

    /** What went wrong, by category: the caller's mistake (4xx) or something not there yet (503). */
    public enum Code {
        BAD_REQUEST(400),
        UNAUTHENTICATED(401),
        FORBIDDEN(403),
        /** A state-changing request without the CSRF token of its cookie, or from another origin. */
        CSRF(403),
        NOT_FOUND(404),
        /** Too many failed sign-ins lately: wait the {@code Retry-After} seconds. */
        THROTTLED(429),
        /** So many failed sign-ins that the username is locked for a while. */
        LOCKED(429),
        NO_SNAPSHOT(503);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The code as the JSON API spells it: {@code no_snapshot}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;

    public DashboardException(Code code, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
    }

    public Code code() {
        return code;
    }
}
