package io.uptake.ingest;

import io.uptake.ingest.parquet.ColumnBatch;
import io.uptake.ingest.parquet.ColumnValues;
import io.uptake.warehouse.Columns;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** A day's events as the columns of {@link Ingest#EVENTS}, all ingested at one instant. */
final class EventColumns implements ColumnBatch {

    private final List<Event> events;
    private final Instant ingestedAt;

    EventColumns(List<Event> events, Instant ingestedAt) {
        this.events = events;
        this.ingestedAt = ingestedAt;
    }

    @Override
    public int rows() {
        return events.size();
    }

    @Override
    public void write(int column, int from, int to, ColumnValues out) {
        String name = Ingest.EVENTS.columns().get(column).name();
        switch (name) {
            case Columns.EVENT_ID -> strings(from, to, out, Event::eventId);
            case Columns.OCCURRED_AT -> {
                for (int i = from; i < to; i++) {
                    out.timestamp(events.get(i).occurredAt());
                }
            }
            case Columns.INGESTED_AT -> {
                for (int i = from; i < to; i++) {
                    out.timestamp(ingestedAt);
                }
            }
            case Columns.USER_KEY -> strings(from, to, out, Event::userKey);
            case Columns.SESSION_KEY -> strings(from, to, out, Event::sessionKey);
            case Columns.SOURCE -> strings(from, to, out, Event::source);
            case Columns.SOURCE_EVENT_TYPE -> strings(from, to, out, Event::sourceEventType);
            case Columns.EVENT_TYPE -> strings(from, to, out, Event::eventType);
            case Columns.MODULE -> strings(from, to, out, Event::module);
            case Columns.OBJECT_TYPE -> strings(from, to, out, Event::objectType);
            case Columns.RECORD_ID -> strings(from, to, out, Event::recordId);
            case Columns.CLIENT -> strings(from, to, out, Event::client);
            case Columns.STATUS -> strings(from, to, out, Event::status);
            case Columns.ERROR_CODE -> strings(from, to, out, Event::errorCode);
            case Columns.DURATION_MS -> {
                for (int i = from; i < to; i++) {
                    out.longValue(events.get(i).durationMs());
                }
            }
            default -> throw new IllegalStateException("The events table has a column " + name + " that no event field fills");
        }
    }

    private void strings(int from, int to, ColumnValues out, Function<Event, String> field) {
        for (int i = from; i < to; i++) {
            out.string(field.apply(events.get(i)));
        }
    }
}
