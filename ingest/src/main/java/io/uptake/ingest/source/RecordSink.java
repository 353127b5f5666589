package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import io.uptake.ingest.Event;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.PlausibleValues;
import io.uptake.ingest.Rejection;
import java.util.Optional;

/**
 * Where a source sends the records of one input: each record becomes one event or one rejection, and
 * is counted, so that {@link #read()} is what {@link EventSource#parse} returns. A rejection's reason
 * ends by naming the input and the line, as in {@code Missing USER_ID in Login.csv line 17}.
 */
public final class RecordSink {

    private final String input;
    private final InputSink sink;
    private long read;

    public RecordSink(String input, InputSink sink) {
        this.input = requireNonNull(input, "input is null");
        this.sink = requireNonNull(sink, "sink is null");
    }

    public String input() {
        return input;
    }

    /**
     * The event that the record at {@code line} became; quarantined instead when a value is not
     * plausible ({@link PlausibleValues}), with the value in the reason.
     */
    public void accept(long line, Event event) {
        accept(line, event, true);
    }

    /** An event, and the person it names when {@code users} does not know them. */
    public void accept(long line, MappedEvent mapped) {
        accept(line, mapped.event(), mapped.matched());
    }

    private void accept(long line, Event event, boolean matched) {
        Optional<String> problem = PlausibleValues.problem(event, sink.receivedAt());
        if (problem.isPresent()) {
            reject(line, problem.get(), event.eventId(), event.userKey());
            return;
        }
        read++;
        sink.accept(event);
        if (!matched) {
            sink.unmatched(event.userKey());
        }
    }

    /** A record that names no usable person. */
    public void reject(long line, String problem, String contentHash) {
        reject(line, problem, contentHash, null);
    }

    public void reject(long line, String problem, String contentHash, String userKey) {
        read++;
        sink.reject(new Rejection(input, line, problem + " in " + input + " line " + line, contentHash, userKey));
    }

    public void reject(long line, InvalidRecord invalid, String contentHash) {
        reject(line, invalid.getMessage(), contentHash, invalid.userKey());
    }

    /** How many records were accepted or rejected. */
    public long read() {
        return read;
    }
}
