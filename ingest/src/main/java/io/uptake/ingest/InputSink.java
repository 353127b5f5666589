package io.uptake.ingest;

/** Where a parser sends what it read: every record becomes exactly one event or one rejection. */
public interface InputSink {
    void accept(Event event);

    /**
     * The moment of ingest that the events are judged against: one whose {@code occurred_at} lies more
     * than a day after it is quarantined ({@link PlausibleValues}).
     */
    java.time.Instant receivedAt();

    void reject(Rejection rejection);

    /**
     * Says that an accepted event names a person whom {@code users} does not know, by the key the event
     * carries; ingest reports per input how many distinct people it could not match.
     */
    default void unmatched(String userKey) {}
}
