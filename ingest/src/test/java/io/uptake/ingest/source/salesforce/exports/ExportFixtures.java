package io.uptake.ingest.source.salesforce.exports;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;

import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.SourceContext;
import java.util.Map;

/** What the tests of the Salesforce export sources share: the people of users.csv, as downloads name them. */
public final class ExportFixtures {

    /** printf 'email:ada.lovelace@example.com' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    private static final String ADA_EMAIL_KEY = "9ffcf0c10c7452b98575c1133492898f33bc42559adacde40fc17ae3db8a11c5";
    /** printf 'id:salesforce-username:grace@acme.example' | openssl dgst -sha256 -hmac ... (her users.csv external_ids) */
    private static final String GRACE_USERNAME_KEY = "9f54a5fdb72359be13b69f1629a314981cb5747d4394b11710d9b0a81ada785b";

    private ExportFixtures() {}

    /** users.csv: Ada by her e-mail, which is also her username; Grace by her username in external_ids. */
    public static SourceContext context() {
        Pseudonymizer pseudonymizer = TestFixtures.pseudonymizer();
        return new SourceContext(pseudonymizer, ModuleMapping.defaults(),
                People.of(pseudonymizer, Map.of(ADA_EMAIL_KEY, ADA_KEY, GRACE_USERNAME_KEY, GRACE_KEY)));
    }
}
