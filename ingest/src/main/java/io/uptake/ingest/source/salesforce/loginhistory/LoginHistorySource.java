package io.uptake.ingest.source.salesforce.loginhistory;

import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;

/**
 * Salesforce LoginHistory (DATA.md 1.1d): a CSV data export of the LoginHistory object, or the file Setup
 * → Login History → Download writes; recognised by its header, in any letter case, plain or gzipped.
 */
public final class LoginHistorySource implements EventSource {

    public static final String NAME = LoginHistoryParser.SOURCE;

    private final LoginHistoryParser parser;

    public LoginHistorySource(SourceContext context) {
        this.parser = new LoginHistoryParser(context.pseudonymizer(), context.people());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognises(InputFile file) throws IOException {
        return LoginHistoryParser.isLoginHistory(file);
    }

    @Override
    public long parse(InputFile file, InputSink sink) throws IOException {
        return parser.parse(file, sink);
    }
}
