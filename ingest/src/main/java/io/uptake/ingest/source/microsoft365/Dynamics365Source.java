package io.uptake.ingest.source.microsoft365;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * Microsoft Dynamics 365 / Dataverse activity as Microsoft 365 audit records (DATA.md 1.1e): the
 * Purview audit search export (CSV whose AuditData column holds the record) and the Office 365
 * Management Activity API's records (JSON arrays or JSON lines), plain or gzipped. Records of other
 * workloads in a mixed export are rejected, each with its workload in the reason.
 */
public final class Dynamics365Source implements EventSource {

    public static final String NAME = AuditRecordMapper.SOURCE;

    private final AuditLogParser parser;

    public Dynamics365Source(SourceContext context) {
        this.parser = new AuditLogParser(new AuditRecordMapper(context.pseudonymizer(), context.modules(), context.people()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(InputFile file) throws IOException {
        return AuditLogParser.isAuditSearchCsv(file) || AuditLogParser.isAuditRecordJson(file);
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return parser.parse(file, sink);
    }
}
