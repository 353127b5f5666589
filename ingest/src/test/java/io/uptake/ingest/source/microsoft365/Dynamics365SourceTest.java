package io.uptake.ingest.source.microsoft365;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static io.uptake.ingest.TestFixtures.writeGzipped;
import static io.uptake.ingest.source.microsoft365.AuditRecords.ACCOUNT_GRID;
import static io.uptake.ingest.source.microsoft365.AuditRecords.CREATE_OPPORTUNITY_ON_PHONE;
import static io.uptake.ingest.source.microsoft365.AuditRecords.EVENTS;
import static io.uptake.ingest.source.microsoft365.AuditRecords.EXCHANGE_MAIL_ACCESSED;
import static io.uptake.ingest.source.microsoft365.AuditRecords.EXPORT_OPPORTUNITIES;
import static io.uptake.ingest.source.microsoft365.AuditRecords.LAST_CENTURY;
import static io.uptake.ingest.source.microsoft365.AuditRecords.UNKNOWN_USER;
import static io.uptake.ingest.source.microsoft365.AuditRecords.VIEW_ACCOUNT;
import static io.uptake.ingest.source.microsoft365.AuditRecords.VIEW_CONTACT_WITHOUT_ID;
import static io.uptake.ingest.source.microsoft365.AuditRecords.contentBlob;
import static io.uptake.ingest.source.microsoft365.AuditRecords.jsonLines;
import static io.uptake.ingest.source.microsoft365.AuditRecords.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.TextNode;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.WarehouseRows;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import io.uptake.ingest.source.Sources;
import io.uptake.ingest.source.jsonl.JsonLinesSource;
import io.uptake.ingest.source.salesforce.elf.EventLogFileSource;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dynamics365SourceTest {

    /** printf 'email:katherine.johnson@example.com' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    static final String KATHERINE_KEY = "600d753e5e06fbff658f2bb1e42fec87acaef836d555a476b7ec264091f2cfd1";
    /** printf 'email:2b7e1f4c-9d3a-4c55-8a61-0f3e5d7c9b21@8f3c2a1e-6b4d-4e7f-9a0c-1d2e3f4a5b6c.com' | openssl dgst ... */
    static final String APPLICATION_USER_KEY = "b5ce413f972296e3a160b376f6d69294b6fbda67c85b0494ee32b7ecd132c93e";
    /** printf 'email:system@example.com' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    static final String SYSTEM_KEY = "613c34fafb3507ecce439eafdf01de24239f9b4c51e77dc548f8771102099e0c";
    /** sha256sum of the record VIEW_CONTACT_WITHOUT_ID as written. */
    static final String NO_ID_EVENT_ID = "b200fbb4906fa34e22a413d6615229068ee373f8ed04f576e862f1ab16aaab1e";

    /** The Purview audit search export's header (new portal). */
    static final String PURVIEW_HEADER =
            "RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames";

    @TempDir
    Path dir;

    private static final Pseudonymizer PSEUDONYMIZER = TestFixtures.pseudonymizer();
    /** users knows Ada by her e-mail, as users.csv's email column gives it. */
    private static final People PEOPLE = People.of(PSEUDONYMIZER,
            Map.of(PSEUDONYMIZER.emailKey("ada.lovelace@example.com"), ADA_KEY));
    private final Dynamics365Source source =
            new Dynamics365Source(new SourceContext(PSEUDONYMIZER, ModuleMapping.defaults(), PEOPLE));

    /** The events of AuditRecords.EVENTS, worked out by hand from the records and the mapping table. */
    static final List<Event> EXPECTED = List.of(
            event("m365-50e01c88-2e43-4005-8be8-9ceb172e2e90", "2025-10-01T09:00:03Z", ADA_KEY, "Retrieve", "record_view",
                    "sales", "Account", "00aa00aa-bb11-cc22-dd33-44ee44ee44ee", "web", "success", null),
            event("m365-ef83f463-b92f-455e-97a6-2060a47efe33", "2025-10-01T09:00:10Z", ADA_KEY, "RetrieveMultiple", "page_view",
                    "sales", "Account", null, "web", "success", null),
            event("m365-3f2b8c1d-5e6a-4b7c-9d8e-0f1a2b3c4d5e", "2025-10-01T09:01:00Z", ADA_KEY, "RetrieveMultiple", "search",
                    "sales", "Contact", null, "web", "success", null),
            event("m365-5aca837c-a1f5-4801-b770-5c66183a58aa", "2025-10-01T10:15:00Z", KATHERINE_KEY, "Create", "record_create",
                    "sales", "Opportunity", "25ad069e-4d22-e811-a953-000d3a732d76", "mobile", "success", null),
            event("m365-c9585748-fdbf-4ff7-970c-bb37f6aa2c36", "2025-10-01T11:00:00Z", APPLICATION_USER_KEY, "Update",
                    "record_update", "service", "Case", "1cad069e-4d22-e811-a953-000d3a732d76", "api", "success", null),
            event("m365-0975bceb-07c7-4dc2-b621-5a7b245c36a4", "2025-10-01T11:05:00Z", ADA_KEY, "Assign", "record_update",
                    "sales", "Lead", "1cad069e-4d22-e811-a953-000d3a732d76", "automation", "success", null),
            event("m365-9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", "2025-10-01T11:10:00Z", SYSTEM_KEY, "SetState", "record_update",
                    "service", "Case", "1cad069e-4d22-e811-a953-000d3a732d76", "automation", "success", null),
            event("m365-b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", "2025-10-01T12:00:00Z", KATHERINE_KEY, "RetrieveMultiple",
                    "api_call", "sales", "Account", null, "api", "success", null),
            event("m365-a0469f30-078b-419d-be61-b04c9a34121f", "2025-10-01T13:00:00Z", ADA_KEY, "ExportToExcel", "report_export",
                    "analytics", "Opportunity", null, "web", "success", null),
            event("m365-53c98033-cca4-4420-97e4-4c1b4f81e062", "2025-10-01T13:30:00Z", ADA_KEY, "Delete", "record_delete",
                    "sales", "Contact", "23ad069e-4d22-e811-a953-000d3a732d76", "web", "failure", "Failed"),
            event("m365-6b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "2025-10-02T08:00:00Z", KATHERINE_KEY, "Retrieve", "knowledge_view",
                    "service", "Knowledge", "7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f", "mobile", "success", null),
            event(NO_ID_EVENT_ID, "2025-10-02T09:00:00Z", ADA_KEY, "Retrieve", "record_view",
                    "sales", "Contact", "23ad069e-4d22-e811-a953-000d3a732d76", "web", "success", null));

    private static Event event(String id, String at, String userKey, String type, String eventType, String module,
                               String objectType, String recordId, String client, String status, String errorCode) {
        return new Event(id, Instant.parse(at), userKey, null, "dynamics365", type, eventType, module, objectType, recordId,
                client, status, errorCode, null);
    }

    private CollectingSink parse(Path file) throws IOException {
        return SourceContract.parsed(source::parse, new InputFile(file, file.getFileName().toString()));
    }

    /** A Purview export line: the record's own columns beside its AuditData. */
    private static String purviewRow(String id, String creationDate, String operation, String userId, String auditData) {
        return String.join(",", id, quoted(creationDate), "21", operation, userId, quoted(auditData), "", "");
    }

    @Test
    void readsManagementActivityApiRecordsAsJsonLinesWithWhoActedFromUserTypeUserIdAndUserAgent() throws IOException {
        CollectingSink sink = parse(write(dir.resolve("dynamics.jsonl"), jsonLines(EVENTS)));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).containsExactlyElementsOf(EXPECTED);
        // Ada is in users; Katherine, the application user and the system account are not.
        assertThat(sink.unmatched).containsExactlyInAnyOrder(KATHERINE_KEY, APPLICATION_USER_KEY, SYSTEM_KEY);
    }

    @Test
    void readsTheApisContentBlobAsAJsonArrayAndRejectsAnotherWorkloadNamingTheRecordAndItsLine() throws IOException {
        String blob = "[\n" + String.join(",\n", VIEW_ACCOUNT, EXCHANGE_MAIL_ACCESSED, ACCOUNT_GRID) + "\n]\n";

        CollectingSink sink = parse(write(dir.resolve("content.json"), blob));

        assertThat(sink.events).containsExactly(EXPECTED.get(0), EXPECTED.get(1));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "Not a Dynamics 365 record: Workload Exchange (record 2) in content.json line 3", ADA_KEY));
    }

    @Test
    void readsOneLineArraysOneAfterAnotherAsTheApiContentIsOftenConcatenated() throws IOException {
        String blobs = contentBlob(EVENTS.subList(0, 6)) + "\n" + contentBlob(EVENTS.subList(6, EVENTS.size())) + "\n";

        CollectingSink sink = parse(write(dir.resolve("content.json"), blobs));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void readsThePurviewAuditSearchExportAndRejectsItsOtherWorkloadsUnderTheirPersonsKey() throws IOException {
        String csv = PURVIEW_HEADER + "\r\n"
                + purviewRow("50e01c88-2e43-4005-8be8-9ceb172e2e90", "2025-10-01T09:00:03.0000000Z ", "Retrieve",
                        "ada.lovelace@example.com", VIEW_ACCOUNT) + "\r\n"
                + purviewRow("8e4c7b1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c", "2025-10-01T09:05:00.0000000Z ", "MailItemsAccessed",
                        "ada.lovelace@example.com", EXCHANGE_MAIL_ACCESSED) + "\r\n"
                + purviewRow("5aca837c-a1f5-4801-b770-5c66183a58aa", "2025-10-01T10:15:00.0000000Z ", "Create",
                        "katherine.johnson@example.com", CREATE_OPPORTUNITY_ON_PHONE) + "\r\n";

        CollectingSink sink = parse(write(dir.resolve("AuditLog_2025-10-02.csv"), csv));

        assertThat(sink.events).containsExactly(EXPECTED.get(0), EXPECTED.get(3));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "Not a Dynamics 365 record: Workload Exchange in AuditLog_2025-10-02.csv line 3", ADA_KEY));
        assertThat(sink.unmatched).containsExactly(KATHERINE_KEY);
    }

    @Test
    void readsTheClassicExportAndPowerShellsExportCsvWithItsTypeLine() throws IOException {
        // Search-UnifiedAuditLog | Export-Csv without -NoTypeInformation: every field quoted, a #TYPE line first.
        String csv = "#TYPE System.Management.Automation.PSCustomObject\n"
                + "\"CreationDate\",\"UserIds\",\"Operations\",\"AuditData\"\n"
                + String.join(",", quoted("2025-10-01T09:00:03.0000000Z"), quoted("ada.lovelace@example.com"),
                        quoted("Retrieve"), quoted(VIEW_ACCOUNT)) + "\n"
                + String.join(",", quoted("2025-10-01T13:00:00.0000000Z"), quoted("ada.lovelace@example.com"),
                        quoted("ExportToExcel"), quoted(EXPORT_OPPORTUNITIES)) + "\n";

        CollectingSink sink = parse(write(dir.resolve("PowerShellAuditlog.csv"), csv));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).containsExactly(EXPECTED.get(0), EXPECTED.get(8));
    }

    @Test
    void quarantinesBadRecordsAmongGoodOnesNamingFileLineAndWhatIsWrongButNoAddress() throws IOException {
        String jsonl = String.join("\n", VIEW_ACCOUNT, LAST_CENTURY, UNKNOWN_USER,
                "{\"CreationTime\":\"2025-10-01T09:07:00\",\"UserId\":ada.lovelace@example.com}",
                VIEW_ACCOUNT.replace("50e01c88", "60e01c88").replace("2025-10-01T09:00:03", "2025-13-01T00:00:00"),
                "", EXPORT_OPPORTUNITIES, "[1,2]") + "\n";

        CollectingSink sink = parse(write(dir.resolve("audit.jsonl"), jsonl));

        assertThat(sink.events).containsExactly(EXPECTED.get(0), EXPECTED.get(8));
        // column 48 is the 'a' of the unquoted address: 47 characters precede it.
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(2L, "CreationTime 1999-12-31T23:59:59 is before 2000-01-01 in audit.jsonl line 2", ADA_KEY),
                tuple(3L, "Names no person: UserId is a placeholder in audit.jsonl line 3", null),
                tuple(4L, "Line is not valid JSON (syntax error at column 48) in audit.jsonl line 4", null),
                tuple(5L, "Cannot parse CreationTime '2025-13-01T00:00:00': expected ISO-8601 such as 2025-10-01T09:00:03"
                        + " in audit.jsonl line 5", ADA_KEY),
                tuple(8L, "Expected a JSON object (an audit record) in audit.jsonl line 8", null));
        assertThat(sink.rejections).extracting(Rejection::input).containsOnly("audit.jsonl");
    }

    @Test
    void quarantinesCsvRowsWithBrokenQuotingTooFewFieldsOrARepeatedHeader() throws IOException {
        String csv = PURVIEW_HEADER + "\n"
                + purviewRow("50e01c88-2e43-4005-8be8-9ceb172e2e90", "2025-10-01T09:00:03.0000000Z ", "Retrieve",
                        "ada.lovelace@example.com", VIEW_ACCOUNT) + "\n"
                + "ef83f463-b92f-455e-97a6-2060a47efe33,\"2025-10-01T09:00:10.0000000Z \n"
                + "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f,2025-10-01T09:06:00Z\n"
                + PURVIEW_HEADER + "\n"
                + purviewRow("a0469f30-078b-419d-be61-b04c9a34121f", "2025-10-01T13:00:00.0000000Z ", "ExportToExcel",
                        "ada.lovelace@example.com", "{\"CreationTime\":") + "\n";

        CollectingSink sink = parse(write(dir.resolve("AuditLog.csv"), csv));

        assertThat(sink.events).containsExactly(EXPECTED.get(0));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "Malformed CSV quoting in AuditLog.csv line 3", null),
                tuple(4L, "Row has 2 fields but AuditData is field 6 in AuditLog.csv line 4", null),
                tuple(5L, "Header line repeated as data in AuditLog.csv line 5", null),
                // The row still names Ada in its UserId column: her key goes with it to quarantine. The
                // AuditData text ends after its 16th character: the parser stops at column 17.
                tuple(6L, "AuditData is not valid JSON (syntax error at column 17) in AuditLog.csv line 6", ADA_KEY));
    }

    @Test
    void aGzippedExportIsReadAsThePlainOne() throws IOException {
        Path file = writeGzipped(dir.resolve("AuditLog.csv.gz"), PURVIEW_HEADER + "\n" + purviewRow("50e01c88-2e43-4005-8be8-9ceb172e2e90",
                "2025-10-01T09:00:03.0000000Z ", "Retrieve", "ada.lovelace@example.com", VIEW_ACCOUNT) + "\n");

        assertThat(source.recognises(InputFile.of(file))).isTrue();
        assertThat(parse(file).events).containsExactly(EXPECTED.get(0));
    }

    @Test
    void theSameRecordFromTheApiAndFromTheExportHasOneEventId() throws IOException {
        Path api = write(dir.resolve("content.json"), contentBlob(List.of(VIEW_ACCOUNT, VIEW_CONTACT_WITHOUT_ID)));
        Path export = write(dir.resolve("AuditLog.csv"), PURVIEW_HEADER + "\n"
                + purviewRow("50e01c88-2e43-4005-8be8-9ceb172e2e90", "2025-10-01T09:00:03.0000000Z ", "Retrieve",
                        "ada.lovelace@example.com", VIEW_ACCOUNT) + "\n"
                + purviewRow("", "2025-10-02T09:00:00.0000000Z ", "Retrieve", "ada.lovelace@example.com",
                        VIEW_CONTACT_WITHOUT_ID) + "\n");

        assertThat(parse(api).events).extracting(Event::eventId)
                .containsExactly("m365-50e01c88-2e43-4005-8be8-9ceb172e2e90", NO_ID_EVENT_ID);
        assertThat(parse(export).events).extracting(Event::eventId)
                .containsExactly("m365-50e01c88-2e43-4005-8be8-9ceb172e2e90", NO_ID_EVENT_ID);
    }

    @Test
    void readsExportedRowsAsJsonWhoseAuditDataHoldsTheRecord() throws IOException {
        // Search-UnifiedAuditLog | ConvertTo-Json -Compress, one row a line: AuditData is the record as text.
        String row = "{\"RecordType\":\"CRM\",\"CreationDate\":\"2025-10-01T09:00:03\",\"UserIds\":\"ada.lovelace@example.com\","
                + "\"Operations\":\"Retrieve\",\"AuditData\":" + TextNode.valueOf(VIEW_ACCOUNT)
                + ",\"ResultIndex\":1,\"ResultCount\":1,\"Identity\":\"50e01c88-2e43-4005-8be8-9ceb172e2e90\"}";
        Path file = write(dir.resolve("audit.json"), row + "\n");

        assertThat(source.recognises(InputFile.of(file))).isTrue();
        assertThat(parse(file).events).containsExactly(EXPECTED.get(0));
    }

    @Test
    void recognisesTheExportsAndTheApisRecordsByTheirContent() throws IOException {
        assertThat(recognises("a.csv", PURVIEW_HEADER + "\n")).isTrue();
        assertThat(recognises("a.csv", "CreationDate,UserIds,Operations,AuditData\n")).isTrue();
        assertThat(recognises("a.txt", "#TYPE System.Management.Automation.PSCustomObject\n"
                + "\"CreationDate\",\"UserIds\",\"RecordType\",\"AuditData\"\n")).isTrue();
        assertThat(recognises("content", contentBlob(EVENTS))).isTrue();
        assertThat(recognises("records.log", jsonLines(EVENTS))).isTrue();
        // An array cut by the 16 KiB head inside its first record is still told by that record's first fields.
        assertThat(recognises("big.json", "[" + VIEW_ACCOUNT.substring(0, 200))).isTrue();
    }

    @Test
    void doesNotRecogniseAnEventLogFileUptakesJsonLinesAHubSpotPageOrUsersCsv() throws IOException {
        assertThat(recognises("Login.csv", TestFixtures.LOGIN_CSV)).isFalse();
        assertThat(recognises("events.jsonl", TestFixtures.EVENTS_JSONL)).isFalse();
        assertThat(recognises("users.csv", TestFixtures.USERS_CSV)).isFalse();
        assertThat(recognises("login-history.json", """
                {"results":[{"id":"1a2b3c","loginAt":"2025-10-01T09:00:00Z","userId":9876543,"email":"ada.lovelace@example.com","loginSucceeded":true}],"paging":{"next":{"after":"1a2b3c"}}}
                """)).isFalse();
        assertThat(recognises("elf.json", "{\"EVENT_TYPE\":\"Login\",\"TIMESTAMP_DERIVED\":\"2025-10-01T08:00:00.000Z\"}\n")).isFalse();
        assertThat(recognises("empty.csv", "")).isFalse();
    }

    @Test
    void theRegistryGivesAuditRecordsToThisSourceAndLeavesUptakesJsonLinesToItsOwn() throws IOException {
        Sources sources = Sources.all(new SourceContext(PSEUDONYMIZER, ModuleMapping.defaults(), PEOPLE));

        assertThat(recognisedBy(sources, "AuditLog.csv", PURVIEW_HEADER + "\n")).isInstanceOf(Dynamics365Source.class);
        assertThat(recognisedBy(sources, "dynamics.jsonl", jsonLines(EVENTS))).isInstanceOf(Dynamics365Source.class);
        assertThat(recognisedBy(sources, "content.json", contentBlob(EVENTS))).isInstanceOf(Dynamics365Source.class);
        assertThat(recognisedBy(sources, "events.jsonl", TestFixtures.EVENTS_JSONL)).isInstanceOf(JsonLinesSource.class);
        assertThat(recognisedBy(sources, "Login.csv", TestFixtures.LOGIN_CSV)).isInstanceOf(EventLogFileSource.class);
        assertThat(source.name()).isEqualTo("dynamics365");
    }

    @Test
    void ingestMatchesPeopleByTheirUsersCsvEmailAndReportsThoseItCannotMatch() throws Exception {
        Path input = dir.resolve("in");
        write(input.resolve("users.csv"), TestFixtures.USERS_CSV);
        write(input.resolve("AuditLog.csv"), PURVIEW_HEADER + "\n"
                + purviewRow("50e01c88-2e43-4005-8be8-9ceb172e2e90", "2025-10-01T09:00:03.0000000Z ", "Retrieve",
                        "ada.lovelace@example.com", VIEW_ACCOUNT) + "\n"
                + purviewRow("8e4c7b1a-2d3f-4e5a-9b6c-7d8e9f0a1b2c", "2025-10-01T09:05:00.0000000Z ", "MailItemsAccessed",
                        "ada.lovelace@example.com", EXCHANGE_MAIL_ACCESSED) + "\n"
                + purviewRow("5aca837c-a1f5-4801-b770-5c66183a58aa", "2025-10-01T10:15:00.0000000Z ", "Create",
                        "katherine.johnson@example.com", CREATE_OPPORTUNITY_ON_PHONE) + "\n");
        DataLayout layout = new DataLayout(dir.resolve("data"));

        List<Ingest.InputReport> reports = new Ingest(layout, PSEUDONYMIZER, TestFixtures.CLOCK, report -> { })
                .run(List.of(input));

        // users.csv lists Ada (ada.lovelace@example.com, user_id 005Aa00000BcDeF): her events carry her user_key.
        assertThat(reports).contains(new Ingest.InputReport(input.resolve("AuditLog.csv").toString(), "dynamics365",
                3, 2, 0, 1, 1, false, null));
        assertThat(WarehouseRows.rows(layout, Tables.EVENTS)).extracting(row -> row.get(Columns.EVENT_ID),
                row -> row.get(Columns.USER_KEY), row -> row.get(Columns.CLIENT)).containsExactlyInAnyOrder(
                tuple("m365-50e01c88-2e43-4005-8be8-9ceb172e2e90", ADA_KEY, "web"),
                tuple("m365-5aca837c-a1f5-4801-b770-5c66183a58aa", KATHERINE_KEY, "mobile"));
    }

    @Test
    void neitherEventsNorReasonsHoldAnAddressOrAnIp() throws IOException {
        String mixed = jsonLines(List.of(VIEW_ACCOUNT, EXCHANGE_MAIL_ACCESSED, LAST_CENTURY, CREATE_OPPORTUNITY_ON_PHONE,
                "{\"CreationTime\":\"2025-10-01T09:07:00\",\"UserId\":ada.lovelace@example.com}"));

        CollectingSink sink = parse(write(dir.resolve("audit.jsonl"), mixed));

        assertThat(sink.events).hasSize(2);
        assertThat(sink.rejections).hasSize(3);
        assertThat(sink.events.toString() + sink.rejections).doesNotContain("@", "203.0.113.7", "198.51.100.23",
                "ada.lovelace", "katherine");
    }

    private boolean recognises(String name, String content) throws IOException {
        Path file = write(dir.resolve(name), content);
        return source.recognises(InputFile.of(file));
    }

    private EventSource recognisedBy(Sources sources, String name, String content) throws IOException {
        return sources.recognise(InputFile.of(write(dir.resolve(name), content))).orElseThrow();
    }
}
