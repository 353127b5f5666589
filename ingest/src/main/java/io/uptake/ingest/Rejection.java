package io.uptake.ingest;

import static java.util.Objects.requireNonNull;

/**
 * An input line that did not become an event, kept in quarantine. The reason names the file, the
 * line and what is wrong, but never a raw user id, name, email or IP address.
 */
public record Rejection(String input, long line, String reason, String contentHash) {
    public Rejection {
        requireNonNull(input, "input is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(contentHash, "contentHash is null");
    }
}
