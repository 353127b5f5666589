package io.uptake.ingest.source.salesforce.setupaudit;

import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.salesforce.exports.ExportSourceProperties;
import java.util.List;

/** The properties of every Salesforce export source, for the Setup Audit Trail's object export and download. */
class SetupAuditTrailParserProperties extends ExportSourceProperties {

    SetupAuditTrailParserProperties() {
        super(new SetupAuditTrailSource(SourceContext.of(TestFixtures.pseudonymizer())),
                List.of(SetupAuditTrailParserTest.OBJECT_EXPORT, SetupAuditTrailParserTest.DOWNLOAD));
    }
}
