package io.uptake.ingest;

import io.uptake.ingest.parquet.TableSchema;
import io.uptake.warehouse.Columns;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a value must be to enter the warehouse (DATA.md 1.1, "Plausible values"), wherever it enters:
 * every source, the collector and the reference files. A clock error must not become the as-of date
 * of every KPI, and no value may be one that a Parquet file cannot hold.
 */
public final class PlausibleValues {

    /** The earliest {@code occurred_at} accepted: no CRM in use logged activity before it. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** How far after the moment of ingest an {@code occurred_at} may lie: clocks that are a little ahead. */
    public static final Duration AHEAD = Duration.ofDays(1);

    /** The longest text a field may hold; a longer one refuses its line. */
    public static final int MAX_TEXT = 1_000;

    private static final int SHOWN = 40;

    private PlausibleValues() {}

    /**
     * Why an event cannot enter the warehouse when received at {@code receivedAt}, if it cannot: a value
     * that is not plausible, or a value that the events table could not store. Only the event's own
     * values are judged: a moment of ingest that no timestamp can hold is this machine's clock at
     * fault, not the event, and fails the commit instead of quarantining every event. The event's
     * required values are never null (see {@link Event}), so its one value that could be unstorable is
     * {@code occurred_at}, past the year 9999 when this machine's clock is too.
     */
    public static Optional<String> problem(Event event, Instant receivedAt) {
        Optional<String> when = occurredAt(event.occurredAt(), receivedAt);
        if (when.isPresent()) {
            return when;
        }
        return text("event_id", event.eventId())
                .or(() -> text("source", event.source()))
                .or(() -> text("source_event_type", event.sourceEventType()))
                .or(() -> text("module", event.module()))
                .or(() -> text("object_type", event.objectType()))
                .or(() -> text("record_id", event.recordId()))
                .or(() -> text("error_code", event.errorCode()))
                .or(() -> TableSchema.unstorable(Columns.OCCURRED_AT, event.occurredAt()));
    }

    /** Why {@code occurredAt} is implausible for an event received at {@code receivedAt}, if it is. */
    public static Optional<String> occurredAt(Instant occurredAt, Instant receivedAt) {
        if (occurredAt.isBefore(EARLIEST)) {
            return Optional.of("occurred_at " + occurredAt + " is before " + EARLIEST.toString().substring(0, 10));
        }
        Instant latest = receivedAt.plus(AHEAD);
        if (occurredAt.isAfter(latest)) {
            return Optional.of("occurred_at " + occurredAt + " is more than a day after the moment of ingest ("
                    + receivedAt + ")");
        }
        return Optional.empty();
    }

    /** Why a text field is too long, if it is; the reason shows its start and its length, not all of it. */
    public static Optional<String> text(String field, String value) {
        if (value == null || value.length() <= MAX_TEXT) {
            return Optional.empty();
        }
        return Optional.of(field + " is " + value.length() + " characters long, over the limit of " + MAX_TEXT
                + " ('" + value.substring(0, SHOWN) + "…')");
    }
}
