package io.uptake.ingest.source.jsonl;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * Uptake's own JSON lines (DATA.md 1.1b), also the collector's segments: a {@code .jsonl}, {@code .json}
 * or {@code .ndjson} file whose first line that is not blank is a JSON object naming {@code event_id} or
 * {@code occurred_at}. It is asked last, so the vendors' JSON formats are recognised before it.
 */
public final class JsonLinesSource implements EventSource {

    private static final java.util.regex.Pattern OWN_FIELD = java.util.regex.Pattern.compile("\"(event_id|occurred_at)\"\\s*:");

    private final JsonLinesParser parser;

    public JsonLinesSource(SourceContext context) {
        this.parser = new JsonLinesParser(context.pseudonymizer(), context.modules());
    }

    @Override
    public String name() {
        return JsonLinesParser.DEFAULT_SOURCE;
    }

    @Override
    public boolean recognises(InputFile file) throws IOException {
        String name = file.name();
        if (!name.endsWith(".jsonl") && !name.endsWith(".json") && !name.endsWith(".ndjson")) {
            return false;
        }
        // Another system's JSON in a .json file is no event of ours: every line would be quarantined. Only a
        // file whose first line names Uptake's own required fields is taken.
        String head = file.head().stripLeading();
        int end = head.indexOf('\n');
        String first = end < 0 ? head : head.substring(0, end);
        return first.startsWith("{") && (OWN_FIELD.matcher(first).find());
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return parser.parse(file, sink);
    }
}
