package io.uptake.dashboard;

import static java.util.Objects.requireNonNull;

import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.i18n.Messages;
import io.uptake.dashboard.i18n.Text;

/**
 * The dashboard's one error type. Each code carries its HTTP status; the message is shown to the
 * caller, so it names the offending value and says what to do, and never holds a stack trace. It is a
 * key of the message catalogue with its arguments, written in the caller's language by the error
 * handler ({@link #message(Language)}); {@link #getMessage()} is English, for the log.
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
    /** The message in the caller's language; null for a message given in English only. */
    private final Text text;

    /**
     * An error whose message is the catalogue's {@code key} filled with {@code args}:
     * {@code new DashboardException(Code.NOT_FOUND, "no_such_team", team, asOf, teams)}.
     */
    public DashboardException(Code code, String key, Object... args) {
        this(code, Text.of(key, args), null);
    }

    /**
     * An error with a message in English only, written as is in every language. A catalogue key
     * without arguments lands here too (Java prefers this constructor to the one with arguments), and is
     * read as a key.
     */
    public DashboardException(Code code, String message) {
        this(code, Messages.has(message) ? Text.of(message) : null, requireNonNull(message, "message is null"));
    }

    private DashboardException(Code code, Text text, String english) {
        super(text == null ? english : text.in(Language.EN), null, false, false);
        this.code = requireNonNull(code, "code is null");
        this.text = text;
    }

    public Code code() {
        return code;
    }

    /** The message in {@code language}; a message given in English only stays English. */
    public String message(Language language) {
        return text == null ? getMessage() : text.in(language);
    }
}
