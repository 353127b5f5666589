package io.uptake.ingest;

/** A user's mistake that stops an ingest before anything is committed: the message says what to fix. */
public final class IngestException extends Exception {
    public IngestException(String message) {
        super(message, null, false, false);
    }
}
