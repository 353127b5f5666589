package io.uptake.ingest.privacy;

import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.WarehouseRows;
import io.uptake.ingest.source.hubspot.HubSpotSourceTest;
import io.uptake.ingest.source.microsoft365.AuditRecords;
import io.uptake.ingest.source.salesforce.loginhistory.LoginHistoryParserTest;
import io.uptake.ingest.source.salesforce.setupaudit.SetupAuditTrailParserTest;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source's fixtures ingested together: no e-mail address, IP address or Salesforce user id they
 * contain reaches a string of the events or the quarantine, whatever field it came in. The secrets are
 * found in the fixtures' text, so a fixture that gains one is scanned for it too.
 */
class SourcesPrivacyTest {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])\\d{1,3}(\\.\\d{1,3}){3}(?![\\d.])");
    private static final Pattern SALESFORCE_USER_ID = Pattern.compile("005[A-Za-z0-9]{12}");

    @TempDir
    Path tmp;

    @Test
    void noAddressOrUserIdOfAnySourcesInputIsWrittenToEventsOrQuarantine() throws Exception {
        String elfJson = """
                {"EVENT_TYPE":"Login","TIMESTAMP":"20251001150000.000","USER_ID":"005Aa00000BcDeF","LOGIN_TYPE":"A","USER_NAME":"ada.lovelace@example.com","SOURCE_IP":"198.51.100.23","CLIENT_IP":"198.51.100.23","LOGIN_STATUS":"LOGIN_NO_ERROR"}
                {"EVENT_TYPE":"Login","TIMESTAMP":"2025-10-01","USER_ID":"005Kq00000mNoPr","USER_NAME":"grace.hopper@example.com","CLIENT_IP":"198.51.100.24"}
                """;
        String dynamics = "[" + String.join(",", AuditRecords.EVENTS) + "," + AuditRecords.EXCHANGE_MAIL_ACCESSED + "]";
        Map<String, String> inputs = Map.of(
                "elf/login.ndjson", elfJson,
                "elf/Login.csv", TestFixtures.LOGIN_CSV,
                "salesforce/LoginHistory.csv", LoginHistoryParserTest.OBJECT_EXPORT,
                "salesforce/LoginHistoryDownload.csv", LoginHistoryParserTest.DOWNLOAD,
                "salesforce/SetupAuditTrail.csv", SetupAuditTrailParserTest.OBJECT_EXPORT,
                "salesforce/SetupAuditTrailDownload.csv", SetupAuditTrailParserTest.DOWNLOAD,
                "dynamics/audit.json", dynamics,
                "hubspot/login.json", HubSpotSourceTest.LOGIN_PAGE,
                "hubspot/audit.csv", HubSpotSourceTest.AUDIT_CSV,
                "reference/users.csv", TestFixtures.USERS_CSV);
        Set<String> secrets = new TreeSet<>();
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            write(tmp.resolve("in").resolve(input.getKey()), input.getValue());
            for (Pattern pattern : List.of(EMAIL, IPV4, SALESFORCE_USER_ID)) {
                Matcher m = pattern.matcher(input.getValue());
                while (m.find()) {
                    secrets.add(m.group());
                }
            }
        }
        DataLayout layout = new DataLayout(tmp.resolve("data"));
        List<Ingest.InputReport> reports = new ArrayList<>();

        new Ingest(layout, TestFixtures.pseudonymizer(), TestFixtures.CLOCK, reports::add).run(List.of(tmp.resolve("in")));

        assertThat(reports).extracting(Ingest.InputReport::kind).containsExactlyInAnyOrder(
                "dynamics365", "salesforce-elf", "salesforce-elf", "hubspot", "hubspot", "reference:users",
                "salesforce-loginhistory", "salesforce-loginhistory", "salesforce-setupaudittrail",
                "salesforce-setupaudittrail");
        assertThat(secrets).contains("ada.lovelace@example.com", "198.51.100.23", "005Aa00000BcDeF",
                "005Kq00000mNoPr", "person3@testdomain.com");
        List<String> strings = new ArrayList<>();
        for (String table : List.of(Tables.EVENTS, Tables.QUARANTINE)) {
            for (Path file : new CommitLog(layout).liveFiles(table)) {
                for (Map<String, Object> row : WarehouseRows.read(file)) {
                    row.values().stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
                }
            }
        }
        assertThat(reports.stream().mapToLong(Ingest.InputReport::committed).sum()).isGreaterThan(20);
        for (String secret : secrets) {
            assertThat(strings).as("strings containing %s", secret)
                    .filteredOn(s -> s.toLowerCase().contains(secret.toLowerCase()))
                    .isEmpty();
        }
    }
}
