package io.uptake.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An {@link InputSink} that keeps what a parser sent, in order: an input read ahead of its turn, or a test's. */
public final class CollectingSink implements InputSink {

    public final List<Event> events = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();
    /** The keys of the distinct people the events name whom {@code users} does not know. */
    public final Set<String> unmatched = new HashSet<>();
    private final Instant receivedAt;

    /** Keeps what is received at {@code receivedAt}. */
    public CollectingSink(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }

    /** Keeps what is received now. */
    public CollectingSink() {
        this(Instant.now());
    }

    @Override
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public void accept(Event event) {
        events.add(event);
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void unmatched(String userKey) {
        unmatched.add(userKey);
    }
}
