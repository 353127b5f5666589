package io.uptake.ingest.source.jsonl;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * Uptake's own JSON lines (DATA.md 1.1b), also the collector's segments: a {@code .jsonl}, {@code .json}
 * or {@code .ndjson} file whose first line that is not blank starts a JSON object. It is asked last, so
 * the vendors' JSON formats are recognised before it.
 */
public final class JsonLinesSource implements EventSource {

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
        String head = file.head().stripLeading();
        return head.startsWith("{");
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return parser.parse(file, sink);
    }
}
