package io.uptake.ingest;

import java.util.ArrayList;
import java.util.List;

/** A hand-written {@link InputSink} that keeps what a parser sent, in order. */
public final class CollectingSink implements InputSink {

    public final List<Event> events = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void accept(Event event) {
        events.add(event);
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }
}
