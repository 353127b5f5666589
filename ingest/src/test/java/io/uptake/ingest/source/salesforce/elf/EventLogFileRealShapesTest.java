package io.uptake.ingest.source.salesforce.elf;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static io.uptake.ingest.TestFixtures.writeGzipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EventLogFile as customers export it, beyond Salesforce's own CSV: the types of the Object Reference's
 * "EventLogFile supported event types" with the field values it documents, lower-case headers, gzip,
 * and rows stored as JSON by log platforms (upper-case keys as Elastic's integration keeps them; lower
 * case with the {@code _s}/{@code _t} suffixes of a log-analytics workspace).
 */
class EventLogFileRealShapesTest {

    @TempDir
    Path dir;

    private final EventLogFileParser parser = new EventLogFileParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());

    private CollectingSink parse(Path file) throws IOException {
        return SourceContract.parsed(parser::parse, new InputFile(file, file.getFileName().toString()));
    }

    @Test
    void salesforceAtWorkIsAutomationAndReportsNobodyStartedAreNotAPersonsRun() throws IOException {
        CollectingSink sink = parse(write(dir.resolve("server.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","QUIDDITY","ORIGIN","DASHBOARD_ID","IS_SCHEDULED","IS_MOBILE","PROCESS_TYPE","URI","USER_ID_DERIVED"
                "ApexTrigger","20251001090000.000","005Aa00000BcDeF","","","","","","","","005Aa00000BcDeFIAV"
                "ApexCallout","20251001090001.000","005Aa00000BcDeF","","","","","","","CALLOUT-LOG","005Aa00000BcDeFIAV"
                "QueuedExecution","20251001090002.000","005Aa00000BcDeF","","","","","","","FutureHandler","005Aa00000BcDeFIAV"
                "TimeBasedWorkflow","20251001090003.000","005Aa00000BcDeF","","","","","","","","005Aa00000BcDeFIAV"
                "FlowExecution","20251001090004.000","005Aa00000BcDeF","","","","","","AutoLaunchedFlow","","005Aa00000BcDeFIAV"
                "ApexExecution","20251001090005.000","005Aa00000BcDeF","Q","","","","","","","005Aa00000BcDeFIAV"
                "ApexExecution","20251001090006.000","005Aa00000BcDeF","H","","","","","","","005Aa00000BcDeFIAV"
                "AsyncReportRun","20251001090007.000","005Aa00000BcDeF","","DashboardComponentUpdated","01Z5g000000AbCd","","","","","005Aa00000BcDeFIAV"
                "AsyncReportRun","20251001090008.000","005Aa00000BcDeF","","ReportScheduled","","","","","","005Aa00000BcDeFIAV"
                "AsyncReportRun","20251001090009.000","005Aa00000BcDeF","","ReportRunFromMobile","","","","","","005Aa00000BcDeFIAV"
                "Report","20251001090010.000","005Aa00000BcDeF","","ReportRunFromLightning","","","","","","005Aa00000BcDeFIAV"
                "Report","20251001090011.000","005Aa00000BcDeF","","ReportRunUsingSynchronousApi","","","","","","005Aa00000BcDeFIAV"
                "Dashboard","20251001090012.000","005Aa00000BcDeF","","","01Z5g000000AbCd","1","0","","","005Aa00000BcDeFIAV"
                "Dashboard","20251001090013.000","005Aa00000BcDeF","","","01Z5g000000AbCd","0","0","","","005Aa00000BcDeFIAV"
                "TransactionSecurity","20251001090014.000","005Aa00000BcDeF","","","","","","","","005Aa00000BcDeFIAV"
                "BulkApi2","20251001090015.000","005Aa00000BcDeF","","","","","","","","005Aa00000BcDeFIAV"
                "MetadataApiOperation","20251001090016.000","005Aa00000BcDeF","","","","","","","","005Aa00000BcDeFIAV"
                """));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).extracting(Event::sourceEventType, Event::eventType, Event::client, Event::module)
                .containsExactly(
                        tuple("ApexTrigger", "other", "automation", "other"),
                        tuple("ApexCallout", "other", "automation", "other"),
                        tuple("QueuedExecution", "other", "automation", "other"),
                        tuple("TimeBasedWorkflow", "other", "automation", "other"),
                        tuple("FlowExecution", "other", "automation", "other"),
                        tuple("ApexExecution", "other", "automation", "other"), // Q: Queueable
                        tuple("ApexExecution", "other", "api", "other"), // H: Apex REST, a program's call
                        tuple("AsyncReportRun", "report_run", "automation", "analytics"), // dashboard refresh
                        tuple("AsyncReportRun", "report_run", "automation", "analytics"), // scheduled report
                        tuple("AsyncReportRun", "report_run", "mobile", "analytics"),
                        tuple("Report", "report_run", "web", "analytics"),
                        tuple("Report", "report_run", "api", "analytics"),
                        tuple("Dashboard", "dashboard_view", "automation", "analytics"), // IS_SCHEDULED
                        tuple("Dashboard", "dashboard_view", "web", "analytics"),
                        tuple("TransactionSecurity", "other", "automation", "other"),
                        tuple("BulkApi2", "api_call", "api", "other"),
                        tuple("MetadataApiOperation", "api_call", "api", "other"));
    }

    @Test
    void crmAnalyticsIsModuleAnalyticsAndItsMobileAppIsMobile() throws IOException {
        CollectingSink sink = parse(write(dir.resolve("wave.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","IS_MOBILE","ANALYTICS_MODE","USER_ID_DERIVED"
                "WaveChange","20251001100000.000","005Aa00000BcDeF","false","tab","005Aa00000BcDeFIAV"
                "WaveInteraction","20251001100100.000","005Aa00000BcDeF","true","","005Aa00000BcDeFIAV"
                "WavePerformance","20251001100200.000","005Aa00000BcDeF","","mobileNative","005Aa00000BcDeFIAV"
                "WaveDownload","20251001100300.000","005Aa00000BcDeF","","studio","005Aa00000BcDeFIAV"
                """));

        assertThat(sink.events).extracting(Event::eventType, Event::client, Event::module).containsExactly(
                tuple("dashboard_view", "web", "analytics"),
                tuple("ui_interaction", "mobile", "analytics"),
                tuple("other", "mobile", "analytics"), // page-load timing, not a dashboard seen twice
                tuple("report_export", "web", "analytics"));
    }

    @Test
    void guestAndSiteUsersAreKeyedApartSoThatTheyNeverJoinALicensedUser() throws IOException {
        // USER_TYPE as the long name (URI), the letter code (LightningPageView), the composite form of real
        // files, and IS_GUEST (Sites); Ada's own UI event keeps her key.
        CollectingSink sink = parse(write(dir.resolve("guest.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","USER_TYPE","IS_GUEST","USER_ID_DERIVED"
                "URI","20251001110000.000","005Aa00000BcDeF","Guest","","005Aa00000BcDeFIAV"
                "LightningPageView","20251001110100.000","005Aa00000BcDeF","G","","005Aa00000BcDeFIAV"
                "Logout","20251001110200.000","005Aa00000BcDeF","Guest(db=G,api=Guest)","","005Aa00000BcDeFIAV"
                "Sites","20251001110300.000","005Aa00000BcDeF","","true","005Aa00000BcDeFIAV"
                "URI","20251001110400.000","005Aa00000BcDeF","Standard","","005Aa00000BcDeFIAV"
                """));

        // HMAC-SHA-256 of "salesforce-guest:005Aa00000BcDeFIAV" under the test key, computed with openssl
        String guestKey = "414ccad3f87fe5b835b7173aed7bd6717c5f78910575f1e1115ce9fa6796a245";
        assertThat(sink.events).extracting(Event::userKey).containsExactly(guestKey, guestKey, guestKey, guestKey, ADA_KEY);
    }

    @Test
    void placeholdersAndValuesThatAreNoUserIdAreQuarantinedWithoutQuotingTheValue() throws IOException {
        CollectingSink sink = parse(write(dir.resolve("URI.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","URI"
                "URI","20251001120000.000","USER_ID","/home/home.jsp"
                "URI","20251001120100.000","jdoe@example.com","/home/home.jsp"
                "URI","20251001120200.000","","/home/home.jsp"
                "URI","20251001120300.000","0DF5g000000AbCd","/home/home.jsp"
                "URI","20251001120400.000","005Aa00000BcDeF","/home/home.jsp"
                """));

        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "USER_ID is the placeholder 'USER_ID' and no column holds a Salesforce user id (15 or 18 letters and digits starting 005) in URI.csv line 2"),
                tuple(3L, "USER_ID of 16 characters and no column holds a Salesforce user id (15 or 18 letters and digits starting 005) in URI.csv line 3"),
                tuple(4L, "Missing USER_ID for a URI event in URI.csv line 4"),
                tuple(5L, "USER_ID of 15 characters and no column holds a Salesforce user id (15 or 18 letters and digits starting 005) in URI.csv line 5"));
        assertThat(sink.events).extracting(Event::userKey).containsExactly(ADA_KEY);
    }

    @Test
    void aSanitisedIdWithABrokenChecksumFallsBackToTheFifteenCharacterIdAndLoginAsIsTheAdministrators() throws IOException {
        // As published samples are sanitised: USER_ID_DERIVED's suffix no longer matches, USER_ID is intact.
        // LoginAs: DELEGATED_USER_ID is the administrator who logged in as the user (Object Reference).
        CollectingSink sink = parse(write(dir.resolve("mixed.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","USER_ID_DERIVED","DELEGATED_USER_ID","ENTITY_NAME","URI"
                "URI","20251001160000.000","005Aa00000BcDeF","005Aa00000BcDeFAAA","","","/home/home.jsp"
                "URI","20251001160100.000","","005Aa00000BcDeFAAA","","","/home/home.jsp"
                "LoginAs","20251001160200.000","005Zz00000QqQqQ","","005Aa00000BcDeF","",""
                "Report","20251001160300.000","005Aa00000BcDeF","","","01I20000000z0XG","/00O5g000000AbCd"
                """));

        assertThat(sink.events).extracting(Event::sourceEventType, Event::eventType, Event::userKey, Event::objectType)
                .containsExactly(
                        tuple("URI", "page_view", ADA_KEY, null),
                        tuple("LoginAs", "login", ADA_KEY, null),
                        // an id where a type name belongs is no type name; the report's own id says Report
                        tuple("Report", "report_run", ADA_KEY, "Report"));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(tuple(3L,
                "USER_ID_DERIVED has a checksum (its last 3 characters) that does not match its first 15 and no column"
                        + " holds a Salesforce user id (15 or 18 letters and digits starting 005) in mixed.csv line 3"));
    }

    @Test
    void aCustomApexRestCallIsACallWhateverItsMethod() throws IOException {
        CollectingSink sink = parse(write(dir.resolve("ApexRestApi.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","METHOD","URI","USER_AGENT"
                "ApexRestApi","20251001170000.000","005Aa00000BcDeF","POST","/services/apexrest/Account/","5236"
                "RestApi","20251001170100.000","005Aa00000BcDeF","POST","/services/data/v60.0/sobjects/Account","9999"
                """));

        assertThat(sink.events).extracting(Event::eventType, Event::client)
                .containsExactly(tuple("api_call", "api"), tuple("record_create", "api"));
    }

    @Test
    void aRecordIdIsTakenOnlyWhenItIsAValidIdAndIsNeverRepaired() throws IOException {
        // 006Aa00000XyZwQ's checksum is IAV: upper-case letters at 1, 2, 4 of the first five, 1 of the second
        // five, and 2 and 4 of the third (Salesforce's published suffix algorithm), worked out by hand.
        CollectingSink sink = parse(write(dir.resolve("URI.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","URI","URI_ID_DERIVED"
                "URI","20251001130000.000","005Aa00000BcDeF","/006Aa00000XyZwQ","006Aa00000XyZwQIAV"
                "URI","20251001130100.000","005Aa00000BcDeF","/lightning/page/home","ThisIsNotARecordId"
                "URI","20251001130200.000","005Aa00000BcDeF","/lightning/page/home","006Aa00000XyZwQAAA"
                "URI","20251001130300.000","005Aa00000BcDeF","/006Aa00000XyZwQ","006aa00000xyzwqiav"
                """));

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).extracting(Event::eventType, Event::objectType, Event::recordId).containsExactly(
                tuple("record_view", "Opportunity", "006Aa00000XyZwQIAV"),
                tuple("page_view", null, null), // a word of 18 letters
                tuple("page_view", null, null), // the wrong checksum: dropped, not rewritten
                // a lower-cased id's checksum no longer matches its case; the URI's own 15 characters are the id
                tuple("record_view", "Opportunity", "006Aa00000XyZwQIAV"));
    }

    @Test
    void lowerCaseHeadersAndGzipGiveTheSameEventsAsSalesforcesOwnFile() throws IOException {
        String upper = """
                "EVENT_TYPE","TIMESTAMP","USER_ID","URI","USER_TYPE","USER_ID_DERIVED"
                "URI","20251001140000.000","005Aa00000BcDeF","/006Aa00000XyZwQ","Standard","005Aa00000BcDeFIAV"
                """;
        String lower = """
                "event_type","timestamp","user_id","uri","user_type","user_id_derived"
                "URI","20251001140000.000","005Aa00000BcDeF","/006Aa00000XyZwQ","Standard","005Aa00000BcDeFIAV"
                """;
        Path gz = writeGzipped(dir.resolve("URI.csv.gz"), lower);

        CollectingSink fromUpper = parse(write(dir.resolve("URI.csv"), upper));
        CollectingSink fromLower = parse(write(dir.resolve("uri-lower.csv"), lower));
        CollectingSink fromGzip = parse(gz);

        assertThat(fromUpper.events).hasSize(1);
        assertThat(fromLower.events).isEqualTo(fromUpper.events);
        assertThat(fromGzip.events).isEqualTo(fromUpper.events);
        assertThat(EventLogFileParser.isEventLogFile(InputFile.of(gz))).isTrue();
    }

    @Test
    void rowsStoredAsJsonLinesOrAnArrayWithSuffixedLowerCaseKeysAreReadAsTheirCsvRows() throws IOException {
        Path csv = write(dir.resolve("Login.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_TYPE","BROWSER_TYPE","LOGIN_STATUS","USER_ID_DERIVED"
                "Login","20251001150000.000","005Aa00000BcDeF","A","Mozilla/5.0 Chrome/120.0","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001150100.000","005Aa00000BcDeF","i","Go-http-client/1.1","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                """);
        // Elastic's integration keeps ELF rows as upper-case keys, one object per line
        Path lines = write(dir.resolve("login.ndjson"), """
                {"EVENT_TYPE":"Login","TIMESTAMP":"20251001150000.000","USER_ID":"005Aa00000BcDeF","LOGIN_TYPE":"A","BROWSER_TYPE":"Mozilla/5.0 Chrome/120.0","LOGIN_STATUS":"LOGIN_NO_ERROR","USER_ID_DERIVED":"005Aa00000BcDeFIAV"}
                {"EVENT_TYPE":"Login","TIMESTAMP":"20251001150100.000","USER_ID":"005Aa00000BcDeF","LOGIN_TYPE":"i","BROWSER_TYPE":"Go-http-client/1.1","LOGIN_STATUS":"LOGIN_NO_ERROR","USER_ID_DERIVED":"005Aa00000BcDeFIAV"}
                """);
        // a log-analytics workspace: lower case, a type suffix per column, one array; a number stays exact
        Path array = write(dir.resolve("SalesforceServiceCloud_CL.json"), """
                [
                  {"event_type_s": "Login", "timestamp_s": 20251001150000.000, "user_id_s": "005Aa00000BcDeF",
                   "login_type_s": "A", "browser_type_s": "Mozilla/5.0 Chrome/120.0", "login_status_s": "LOGIN_NO_ERROR",
                   "user_id_derived_s": "005Aa00000BcDeFIAV"},
                  {"event_type_s": "Login", "timestamp_s": "20251001150100.000", "user_id_s": "005Aa00000BcDeF",
                   "login_type_s": "i", "browser_type_s": "Go-http-client/1.1", "login_status_s": "LOGIN_NO_ERROR",
                   "user_id_derived_s": "005Aa00000BcDeFIAV"},
                  {"event_type_s": "Login", "timestamp_s": "2025-10-01 15:02", "user_id_s": "005Aa00000BcDeF"}
                ]
                """);

        CollectingSink fromCsv = parse(csv);
        CollectingSink fromLines = parse(lines);
        CollectingSink fromArray = parse(array);

        assertThat(EventLogFileParser.isEventLogFile(InputFile.of(lines))).isTrue();
        assertThat(EventLogFileParser.isEventLogFile(InputFile.of(array))).isTrue();
        assertThat(fromCsv.events).extracting(Event::client).containsExactly("web", "api");
        // The same columns and values: the same events, ids included, so a row met twice counts once.
        assertThat(fromLines.events).isEqualTo(fromCsv.events);
        assertThat(fromArray.events).extracting(Event::occurredAt, Event::client, Event::userKey)
                .containsExactlyElementsOf(fromCsv.events.stream()
                        .map(e -> tuple(e.occurredAt(), e.client(), e.userKey())).toList());
        assertThat(fromArray.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(tuple(8L,
                "Cannot parse TIMESTAMP '2025-10-01 15:02': expected yyyyMMddHHmmss.SSS (one to three digits of fraction, or none)"
                        + " in SalesforceServiceCloud_CL.json line 8"));
    }

    @Test
    void aRowThatFilebeatKeptUnderJsonIsReadAsTheRowItself() throws IOException {
        Path beats = write(dir.resolve("salesforce_apex.ndjson.log"), """
                {"json":{"EVENT_TYPE":"ApexTrigger","TIMESTAMP":"20251001180000.000","USER_ID":"005Aa00000BcDeF"}}
                """);

        CollectingSink sink = parse(beats);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).extracting(Event::sourceEventType, Event::client, Event::userKey)
                .containsExactly(tuple("ApexTrigger", "automation", ADA_KEY));
    }

    @Test
    void anotherSystemsJsonIsNeitherAnEventLogFileNorUptakesJsonLines() throws IOException {
        // An alert of a log platform, saved as .json: no source of ours may swallow it line by line.
        Path foreign = write(dir.resolve("alerts.json"), """
                {"timestamp":"2025-10-01T09:05:00.000+0000","rule":{"level":3,"description":"Login"},"agent":{"id":"001"}}
                """);
        io.uptake.ingest.source.Sources sources = io.uptake.ingest.source.Sources.all(SourceContext.of(TestFixtures.pseudonymizer()));
        assertThat(sources.recognise(InputFile.of(foreign))).isEmpty();
    }

    @Test
    void uptakesOwnJsonLinesAreNotTakenForEventLogFileRows() throws IOException {
        Path jsonl = write(dir.resolve("events.jsonl"), """
                {"event_id":"7f9c2b","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"record_update"}
                """);
        assertThat(EventLogFileParser.isEventLogFile(InputFile.of(jsonl))).isFalse();
        assertThat(new EventLogFileSource(SourceContext.of(TestFixtures.pseudonymizer())).recognises(InputFile.of(jsonl)))
                .isFalse();
    }
}
