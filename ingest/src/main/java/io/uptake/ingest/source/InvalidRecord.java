package io.uptake.ingest.source;

/**
 * Why a record is no event. The message names the problem, never a raw user id, e-mail or IP address;
 * {@link #userKey()} is the key of the person the record names, when it names one, so that erasing the
 * person reaches the record in quarantine too.
 */
public final class InvalidRecord extends Exception {

    private final String userKey;

    /** A record that names no usable person. */
    public InvalidRecord(String message) {
        this(message, null);
    }

    public InvalidRecord(String message, String userKey) {
        super(message, null, false, false);
        this.userKey = userKey;
    }

    /** The pseudonymised key of the person the record names, or null when it names none. */
    public String userKey() {
        return userKey;
    }
}
