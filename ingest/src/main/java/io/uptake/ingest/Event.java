package io.uptake.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;

/** One canonical event (DATA.md 2.1), ready to be written; user and session are already pseudonymised. */
public record Event(String eventId, Instant occurredAt, String userKey, String sessionKey, String source,
                    String sourceEventType, String eventType, String module, String objectType, String recordId,
                    String client, String status, String errorCode, Long durationMs) {

    public Event {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(userKey, "userKey is null");
        requireNonNull(source, "source is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(module, "module is null");
        requireNonNull(client, "client is null");
        requireNonNull(status, "status is null");
    }

    /** The UTC day the event belongs to: its partition. */
    public LocalDate eventDate() {
        // Plain arithmetic: atZone(UTC) builds a ZoneRules per call, once per event.
        return LocalDate.ofEpochDay(Math.floorDiv(occurredAt.getEpochSecond(), 86_400L));
    }
}
