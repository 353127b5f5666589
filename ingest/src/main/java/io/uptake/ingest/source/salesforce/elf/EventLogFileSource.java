package io.uptake.ingest.source.salesforce.elf;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * Salesforce Event Monitoring's EventLogFile (DATA.md 1.1a): CSV whose header names an
 * {@code EVENT_TYPE} column, in any letter case, plain or gzipped.
 */
public final class EventLogFileSource implements EventSource {

    public static final String NAME = EventLogFileParser.SOURCE;

    private final EventLogFileParser parser;

    public EventLogFileSource(SourceContext context) {
        this.parser = new EventLogFileParser(context.pseudonymizer(), context.modules());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(InputFile file) throws IOException {
        return EventLogFileParser.isEventLogFile(file);
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return parser.parse(file, sink);
    }
}
