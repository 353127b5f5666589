package io.uptake.ingest.source.salesforce.setupaudit;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * Salesforce's Setup Audit Trail (DATA.md 1.1d): a CSV data export of the SetupAuditTrail object, or the
 * file View Setup Audit Trail → Download writes; recognised by its header, in any letter case, plain or
 * gzipped.
 */
public final class SetupAuditTrailSource implements EventSource {

    public static final String NAME = SetupAuditTrailParser.SOURCE;

    private final SetupAuditTrailParser parser;

    public SetupAuditTrailSource(SourceContext context) {
        this.parser = new SetupAuditTrailParser(context.pseudonymizer(), context.people());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(InputFile file) throws IOException {
        return SetupAuditTrailParser.isSetupAuditTrail(file);
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return parser.parse(file, sink);
    }
}
