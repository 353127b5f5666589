package io.uptake.ingest;

/** Where a parser sends what it read: every record becomes exactly one event or one rejection. */
public interface InputSink {
    void accept(Event event);

    void reject(Rejection rejection);
}
