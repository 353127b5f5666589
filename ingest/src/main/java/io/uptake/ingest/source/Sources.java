package io.uptake.ingest.source;

import io.uptake.ingest.source.hubspot.HubSpotSource;
import io.uptake.ingest.source.jsonl.JsonLinesSource;
import io.uptake.ingest.source.microsoft365.Dynamics365Source;
import io.uptake.ingest.source.salesforce.elf.EventLogFileSource;
import io.uptake.ingest.source.salesforce.loginhistory.LoginHistorySource;
import io.uptake.ingest.source.salesforce.setupaudit.SetupAuditTrailSource;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The registry of event sources: the one place that names them. A file is read by the first source
 * that recognises it, so the formats that can be told apart only by their fields come before
 * Uptake's own JSON lines, which recognises any JSON-lines file left over.
 */
public final class Sources {

    private final List<EventSource> sources;

    private Sources(List<EventSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Every source, built with the context. */
    public static Sources all(SourceContext context) {
        return new Sources(List.of(
                new EventLogFileSource(context),
                new LoginHistorySource(context),
                new SetupAuditTrailSource(context),
                new Dynamics365Source(context),
                new HubSpotSource(context),
                new JsonLinesSource(context)));
    }

    public List<EventSource> list() {
        return sources;
    }

    /** The source that reads the file, if any recognises it. */
    public Optional<EventSource> recognise(InputFile file) throws IOException {
        for (EventSource source : sources) {
            if (source.recognises(file)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
