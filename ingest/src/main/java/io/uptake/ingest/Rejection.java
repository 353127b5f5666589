package io.uptake.ingest;

import static java.util.Objects.requireNonNull;

/**
 * An input line that did not become an event, kept in quarantine. The reason names the file, the
 * line and what is wrong, but never a raw user id, name, email or IP address. {@code userKey} is the
 * pseudonymised user of the line when it still named one (null otherwise), so that erasing a user
 * (DATA.md 2.3) reaches their quarantined lines too.
 */
public record Rejection(String input, long line, String reason, String contentHash, String userKey) {
    public Rejection {
        requireNonNull(input, "input is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(contentHash, "contentHash is null");
    }

    /** A rejected line that names no usable user. */
    public Rejection(String input, long line, String reason, String contentHash) {
        this(input, line, reason, contentHash, null);
    }
}
