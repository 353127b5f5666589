package io.uptake.ingest;

import java.util.ArrayList;
import java.util.List;

/** An {@link InputSink} that keeps what a parser sent, in order: an input read ahead of its turn, or a test's. */
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
