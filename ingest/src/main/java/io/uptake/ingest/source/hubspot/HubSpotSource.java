package io.uptake.ingest.source.hubspot;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * HubSpot's account activity (DATA.md 1.1f): pages of the account activity API (login history, audit
 * logs, security activity) as JSON, and the CSV exports of the same from HubSpot's settings, plain or
 * gzipped. People are named by HubSpot user id and e-mail and found in users by either.
 */
public final class HubSpotSource implements EventSource {

    public static final String NAME = HubSpotEvents.SOURCE;

    private final HubSpotJsonParser json;
    private final HubSpotCsvParser csv;

    public HubSpotSource(SourceContext context) {
        HubSpotEvents events = new HubSpotEvents(context.people());
        this.json = new HubSpotJsonParser(events);
        this.csv = new HubSpotCsvParser(events);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A JSON page whose records have the API's fields, or a CSV whose header has an export's columns. */
    @Override
    public boolean recognises(InputFile file) throws IOException {
        String first = file.firstLine().strip();
        if (first.startsWith("{") || first.startsWith("[")) {
            return HubSpotJsonParser.isPage(file.head());
        }
        return HubSpotCsvParser.kindOf(first) != null;
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return file.head().stripLeading().startsWith("{") ? json.parse(file, sink) : csv.parse(file, sink);
    }
}
