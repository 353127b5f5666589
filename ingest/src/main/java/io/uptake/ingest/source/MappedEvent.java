package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import io.uptake.ingest.Event;

/** The event a record became, and whether {@code users} knows the person it names. */
public record MappedEvent(Event event, boolean matched) {
    public MappedEvent {
        requireNonNull(event, "event is null");
    }
}
