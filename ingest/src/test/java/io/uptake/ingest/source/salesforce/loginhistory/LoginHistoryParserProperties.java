package io.uptake.ingest.source.salesforce.loginhistory;

import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.salesforce.exports.ExportSourceProperties;
import java.util.List;

/** The properties of every Salesforce export source, for LoginHistory's object export and download. */
class LoginHistoryParserProperties extends ExportSourceProperties {

    LoginHistoryParserProperties() {
        super(new LoginHistorySource(SourceContext.of(TestFixtures.pseudonymizer())),
                List.of(LoginHistoryParserTest.OBJECT_EXPORT, LoginHistoryParserTest.DOWNLOAD));
    }
}
