package io.uptake.ingest.source.salesforce.elf;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.SourceContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogFileParserTest {

    @TempDir
    Path dir;

    private final EventLogFileParser parser = new EventLogFileParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());

    private CollectingSink parse(String fileName, String csv) throws IOException {
        return SourceContract.parsed(parser::parse, new InputFile(write(dir.resolve(fileName), csv), fileName));
    }

    @Test
    void loginStatusComesFromLoginStatusAndWhoSignedInFromTheDocumentedLoginTypeCodes() throws IOException {
        // LOGIN_TYPE codes, LOGIN_SUB_TYPE and API_TYPE values as the Object Reference's Login event type lists
        // them; user agents as its examples and published exports show them.
        CollectingSink sink = parse("Login.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","URI","LOGIN_TYPE","LOGIN_SUB_TYPE","BROWSER_TYPE","API_TYPE","LOGIN_STATUS","USER_ID_DERIVED"
                "Login","20251001080000.123","4A1","005Aa00000BcDeF","/index.jsp","A","uiup","Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080100.5","4A2","005Aa00000BcDeF","/index.jsp","A","","Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.84 Safari/537.36","","LOGIN_ERROR_INVALID_PASSWORD","005Aa00000BcDeFIAV"
                "Login","20251001080200.12","4A3","005Aa00000BcDeF","/services/Soap/u/60.0","R","","","E","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080300","4A4","005Aa00000BcDeF","/services/oauth2/token","i","oauthrefreshtoken","Go-http-client/1.1","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080400.000","4A5","005Aa00000BcDeF","/XIApi","A","oauthpassword","","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080500.000","4A6","005Aa00000BcDeF","/services/oauth2/authorize","i","oauthtoken","SalesforceMobileSDK/11.1.0 iOS/17.2 (iPhone) Salesforce1/248.010","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080600.000","4A7","005Aa00000BcDeF","/services/oauth2/authorize","i","oauthcode","Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080700.000","4A8","005Aa00000BcDeF","/index.jsp","A","","Gearset/1.0","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080800.000","4A9","005Aa00000BcDeF","/saml/SSO","8","","Mozilla/5.0 (Windows NT 10.0) Edg/120.0","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001080900.000","4B1","005Aa00000BcDeF","","I","","","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001081000.000","4B2","005Aa00000BcDeF","/services/oauth2/token","i","oauthclientcredential","python-requests/2.28.0","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                "Login","20251001081100.000","4B3","005Aa00000BcDeF","/index.jsp","z","","Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) Mobile/15E148 Safari/604.1","","LOGIN_NO_ERROR","005Aa00000BcDeFIAV"
                """);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events)
                .extracting(Event::eventType, Event::client, Event::status, Event::errorCode, Event::module)
                .containsExactly(
                        tuple("login", "web", "success", null, "other"), // A Application, UI username-password
                        tuple("login", "web", "failure", "LOGIN_ERROR_INVALID_PASSWORD", "other"),
                        tuple("login", "api", "success", null, "other"), // R Partner Product, API_TYPE E SOAP Enterprise
                        tuple("login", "api", "success", null, "other"), // i Remote Access 2.0, refresh token, token URI
                        tuple("login", "api", "success", null, "other"), // A, but an OAuth username-password grant
                        tuple("login", "mobile", "success", null, "other"), // i with the Salesforce app's agent
                        tuple("login", "api", "success", null, "other"), // i web-server flow: a connected app
                        tuple("login", "api", "success", null, "other"), // A, but a DevOps tool's agent
                        tuple("login", "web", "success", null, "other"), // 8 SAML Sfdc Initiated SSO
                        tuple("login", "api", "success", null, "other"), // I Other Apex API
                        tuple("login", "api", "success", null, "other"), // client-credential grant
                        tuple("login", "mobile", "success", null, "other")); // z Lightning Login on a phone
        // TIMESTAMP with three, one, two and no digits of fraction
        assertThat(sink.events).extracting(Event::occurredAt).startsWith(
                Instant.parse("2025-10-01T08:00:00.123Z"), Instant.parse("2025-10-01T08:01:00.500Z"),
                Instant.parse("2025-10-01T08:02:00.120Z"), Instant.parse("2025-10-01T08:03:00Z"));
    }

    @Test
    void lightningPageViewWithAnEntityIdIsARecordViewAndWithoutOneAPageView() throws IOException {
        CollectingSink sink = parse("LightningPageView.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","APP_NAME","DEVICE_PLATFORM","DURATION","PAGE_ENTITY_ID","PAGE_ENTITY_TYPE","PAGE_APP_NAME","TIMESTAMP_DERIVED","USER_ID_DERIVED","CLIENT_IP"
                "LightningPageView","20251001090000.000","4B1","005Aa00000BcDeF","one:one","SFX:BROWSER:DESKTOP","1250","001Bb00000CdEfGIAV","Account","LightningSales","2025-10-01T09:00:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
                "LightningPageView","20251001090100.000","4B2","005Aa00000BcDeF","one:one","S1:NATIVE:PHONE","800","500Cc00000DdEeF","Case","LightningService","2025-10-01T09:01:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
                "LightningPageView","20251001090200.000","4B3","005Aa00000BcDeF","one:one","SFX:BROWSER:TABLET","300","","","LightningSales","2025-10-01T09:02:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
                "LightningPageView","20251001090300.000","4B4","005Aa00000BcDeF","one:one","SFX:BROWSER:DESKTOP","","001Bb00000CdEfGIAV","Account","LightningService","2025-10-01T09:03:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
                """);

        assertThat(sink.rejections).isEmpty();
        // 500Cc00000DdEeF -> "500Cc" C@3 -> I, "00000" -> A, "DdEeF" D,E,F -> V: 500Cc00000DdEeFIAV.
        // An Account seen from the service app counts for service (app.Service moves shared objects).
        assertThat(sink.events)
                .extracting(Event::eventType, Event::objectType, Event::recordId, Event::module, Event::client, Event::durationMs)
                .containsExactly(
                        tuple("record_view", "Account", "001Bb00000CdEfGIAV", "sales", "web", 1250L),
                        tuple("record_view", "Case", "500Cc00000DdEeFIAV", "service", "mobile", 800L),
                        tuple("page_view", null, null, "other", "mobile", 300L),
                        tuple("record_view", "Account", "001Bb00000CdEfGIAV", "service", "web", null));
    }

    @Test
    void uriWithARecordIdIsARecordViewWithTheObjectOfItsKeyPrefix() throws IOException {
        CollectingSink sink = parse("URI.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","URI","REQUEST_STATUS","RUN_TIME","TIMESTAMP_DERIVED","USER_ID_DERIVED","URI_ID_DERIVED"
                "URI","20251001100000.000","4C1","005Aa00000BcDeF","/006Aa00000XyZwQ","S","120","2025-10-01T10:00:00.000Z","005Aa00000BcDeFIAV",""
                "URI","20251001100100.000","4C2","005Aa00000BcDeF","/lightning/r/Lead/00QEe00000LeAdZMAV/view","S","95","2025-10-01T10:01:00.000Z","005Aa00000BcDeFIAV",""
                "URI","20251001100200.000","4C3","005Aa00000BcDeF","/home/home.jsp","S","40","2025-10-01T10:02:00.000Z","005Aa00000BcDeFIAV",""
                """);

        assertThat(sink.rejections).isEmpty();
        // 006Aa00000XyZwQ -> "006Aa" A@3 -> I, "00000" -> A, "XyZwQ" X,Z,Q -> V: 006Aa00000XyZwQIAV.
        assertThat(sink.events)
                .extracting(Event::eventType, Event::objectType, Event::recordId, Event::module, Event::client, Event::durationMs)
                .containsExactly(
                        tuple("record_view", "Opportunity", "006Aa00000XyZwQIAV", "sales", "web", 120L),
                        tuple("record_view", "Lead", "00QEe00000LeAdZMAV", "sales", "web", 95L),
                        tuple("page_view", null, null, "other", "web", 40L));
    }

    @Test
    void apiCallsAreClientApiAndCreateOrUpdateMethodsBecomeRecordEvents() throws IOException {
        CollectingSink soap = parse("API.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","REQUEST_STATUS","API_TYPE","METHOD_NAME","ENTITY_NAME","ROWS_PROCESSED","TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "API","20251001110000.000","4D1","005Aa00000BcDeF","S","E","query","Opportunity","12","2025-10-01T11:00:00.000Z","005Aa00000BcDeFIAV"
                "API","20251001110100.000","4D2","005Aa00000BcDeF","S","E","create","Lead","1","2025-10-01T11:01:00.000Z","005Aa00000BcDeFIAV"
                "API","20251001110200.000","4D3","005Aa00000BcDeF","S","E","update","Case","1","2025-10-01T11:02:00.000Z","005Aa00000BcDeFIAV"
                "API","20251001110300.000","4D4","005Aa00000BcDeF","F","E","update","Account","0","2025-10-01T11:03:00.000Z","005Aa00000BcDeFIAV"
                """);
        CollectingSink rest = parse("RestApi.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","URI","REQUEST_STATUS","METHOD","STATUS_CODE","ENTITY_NAME","TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "RestApi","20251001120000.000","4E1","005Aa00000BcDeF","/services/data/v60.0/query","S","GET","200","","2025-10-01T12:00:00.000Z","005Aa00000BcDeFIAV"
                "RestApi","20251001120100.000","4E2","005Aa00000BcDeF","/services/data/v60.0/sobjects/Opportunity","S","POST","201","Opportunity","2025-10-01T12:01:00.000Z","005Aa00000BcDeFIAV"
                "RestApi","20251001120200.000","4E3","005Aa00000BcDeF","/services/data/v60.0/sobjects/Opportunity/006Aa00000XyZwQIAV","F","PATCH","400","Opportunity","2025-10-01T12:02:00.000Z","005Aa00000BcDeFIAV"
                """);

        assertThat(soap.rejections).isEmpty();
        assertThat(soap.events)
                .extracting(Event::sourceEventType, Event::eventType, Event::client, Event::objectType, Event::module,
                        Event::status, Event::errorCode)
                .containsExactly(
                        tuple("API", "api_call", "api", "Opportunity", "sales", "success", null),
                        tuple("API", "record_create", "api", "Lead", "sales", "success", null),
                        tuple("API", "record_update", "api", "Case", "service", "success", null),
                        // no STATUS_CODE column: the code names the REQUEST_STATUS
                        tuple("API", "record_update", "api", "Account", "sales", "failure", "REQUEST_STATUS_F"));
        assertThat(rest.rejections).isEmpty();
        assertThat(rest.events)
                .extracting(Event::sourceEventType, Event::eventType, Event::client, Event::objectType, Event::recordId,
                        Event::status, Event::errorCode)
                .containsExactly(
                        tuple("RestApi", "api_call", "api", null, null, "success", null),
                        tuple("RestApi", "record_create", "api", "Opportunity", null, "success", null),
                        tuple("RestApi", "record_update", "api", "Opportunity", "006Aa00000XyZwQIAV", "failure", "400"));
    }

    @Test
    void reportIsAReportRunInAnalyticsAndKnowledgeArticleViewAKnowledgeViewInService() throws IOException {
        CollectingSink report = parse("Report.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","URI","REQUEST_STATUS","RUN_TIME","REPORT_ID","TIMESTAMP_DERIVED","USER_ID_DERIVED","URI_ID_DERIVED"
                "Report","20251001130000.000","4F1","005Aa00000BcDeF","/00OAa00000RpTaB","S","845","00OAa00000RpTaB","2025-10-01T13:00:00.000Z","005Aa00000BcDeFIAV",""
                """);
        CollectingSink knowledge = parse("KnowledgeArticleView.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","REQUEST_STATUS","ARTICLE_ID","LANGUAGE","TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "KnowledgeArticleView","20251001130500.000","4F2","005Aa00000BcDeF","S","kA0Dd00000KnOwL","en_US","2025-10-01T13:05:00.000Z","005Aa00000BcDeFIAV"
                """);

        // 00OAa00000RpTaB -> "00OAa" O@2,A@3 -> 4+8=12 -> M, "00000" -> A, "RpTaB" R,T,B -> V: 00OAa00000RpTaBMAV.
        assertThat(report.events)
                .extracting(Event::sourceEventType, Event::eventType, Event::module, Event::objectType, Event::recordId,
                        Event::client, Event::durationMs)
                .containsExactly(tuple("Report", "report_run", "analytics", "Report", "00OAa00000RpTaBMAV", "web", 845L));
        assertThat(knowledge.events)
                .extracting(Event::sourceEventType, Event::eventType, Event::module, Event::objectType, Event::recordId,
                        Event::client, Event::status)
                .containsExactly(tuple("KnowledgeArticleView", "knowledge_view", "service", null, null, "web", "success"));
    }

    @Test
    void anUnknownTypeIsOtherAndKeepsItsSourceEventType() throws IOException {
        CollectingSink sink = parse("ApexExecution.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ENTRY_POINT","QUIDDITY","TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "ApexExecution","20251001140000.000","4G1","005Aa00000BcDeF","NightlySchedule.execute","C","2025-10-01T14:00:00.000Z","005Aa00000BcDeFIAV"
                "ContentTransfer","20251001140100.000","4G2","005Aa00000BcDeF","","","2025-10-01T14:01:00.000Z","005Aa00000BcDeFIAV"
                """);

        assertThat(sink.events)
                .extracting(Event::source, Event::sourceEventType, Event::eventType, Event::module, Event::client, Event::status)
                .containsExactly(
                        // QUIDDITY C is Scheduled Apex: Salesforce at work, not a person
                        tuple("salesforce-elf", "ApexExecution", "other", "other", "automation", "success"),
                        tuple("salesforce-elf", "ContentTransfer", "other", "other", "web", "success"));
    }

    @Test
    void viewingAUserRecordStoresThatUsersKeyNotTheirRawId() throws IOException {
        // Grace opens Ada's user record: the record id is Ada's user id, which must not be stored raw.
        CollectingSink sink = parse("LightningPageView.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","DEVICE_PLATFORM","PAGE_ENTITY_ID","PAGE_ENTITY_TYPE","TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "LightningPageView","20251001090000.000","005Kq00000mNoPr","SFX:BROWSER:DESKTOP","005Aa00000BcDeFIAV","User","2025-10-01T09:00:00.000Z","005Kq00000mNoPrIAK"
                "LightningPageView","20251001090100.000","005Kq00000mNoPr","SFX:BROWSER:DESKTOP","005Aa00000BcDeF","","2025-10-01T09:01:00.000Z","005Kq00000mNoPrIAK"
                """);

        assertThat(sink.events)
                .extracting(Event::userKey, Event::eventType, Event::objectType, Event::recordId, Event::module)
                .containsExactly(
                        tuple(GRACE_KEY, "record_view", "User", ADA_KEY, "admin"),
                        tuple(GRACE_KEY, "record_view", "User", ADA_KEY, "admin"));
    }

    @Test
    void timestampDerivedIsPreferredAndTimestampIsTheFallback() throws IOException {
        CollectingSink sink = parse("Logout.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","TIMESTAMP_DERIVED"
                "Logout","20251001080000.000","005Aa00000BcDeF","2025-10-01T08:00:05.123Z"
                "Logout","20251001110003.509","005Aa00000BcDeF",""
                "Logout","20251001235959","005Aa00000BcDeF",""
                """);
        CollectingSink noDerivedColumn = parse("Logout-hourly.csv", """
                "USER_ID","TIMESTAMP","EVENT_TYPE"
                "005Aa00000BcDeF","20251002000000.001","Logout"
                """);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).extracting(Event::eventType, Event::occurredAt).containsExactly(
                tuple("logout", Instant.parse("2025-10-01T08:00:05.123Z")),
                tuple("logout", Instant.parse("2025-10-01T11:00:03.509Z")),
                tuple("logout", Instant.parse("2025-10-01T23:59:59Z")));
        assertThat(noDerivedColumn.events).extracting(Event::occurredAt)
                .containsExactly(Instant.parse("2025-10-02T00:00:00.001Z"));
    }

    @Test
    void anUnparsableTimestampQuarantinesItsRowNamingTheValueFileAndLineAndKeepsTheOthers() throws IOException {
        CollectingSink sink = parse("Login.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_STATUS","TIMESTAMP_DERIVED"
                "Login","20251001080000.000","005Aa00000BcDeF","LOGIN_NO_ERROR","2025-10-01T08:00:00.000Z"
                "Login","2025-10-01 11:00:03","005Aa00000BcDeF","LOGIN_NO_ERROR",""
                "Login","20251001090000.000","005Aa00000BcDeF","LOGIN_NO_ERROR","01/10/2025 09:00"
                "Login","20251001100000.000","005Aa00000BcDeF","LOGIN_NO_ERROR",""
                "Login","","005Aa00000BcDeF","LOGIN_NO_ERROR",""
                """);

        assertThat(sink.events).extracting(Event::occurredAt).containsExactly(
                Instant.parse("2025-10-01T08:00:00Z"), Instant.parse("2025-10-01T10:00:00Z"));
        assertThat(sink.rejections).extracting(Rejection::input, Rejection::line, Rejection::reason).containsExactly(
                tuple("Login.csv", 3L, "Cannot parse TIMESTAMP '2025-10-01 11:00:03': expected yyyyMMddHHmmss.SSS (one to three digits of fraction, or none) in Login.csv line 3"),
                tuple("Login.csv", 4L, "Cannot parse TIMESTAMP_DERIVED '01/10/2025 09:00': expected ISO-8601 such as "
                        + "2025-10-01T11:00:03.509Z in Login.csv line 4"),
                tuple("Login.csv", 6L, "Missing TIMESTAMP and TIMESTAMP_DERIVED in Login.csv line 6"));
    }

    @Test
    void junkRowsAreQuarantinedWithLineAndReasonAndValidRowsOfTheFileAreKept() throws IOException {
        CollectingSink sink = parse("URI.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","URI","TIMESTAMP_DERIVED","USER_ID_DERIVED","CLIENT_IP"
                "URI","20251001090000.000","4H1","005Aa00000BcDeF","/home/home.jsp","2025-10-01T09:00:00.000Z","005Aa00000BcDeFIAV","w.x.y.z"
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","URI","TIMESTAMP_DERIVED","USER_ID_DERIVED","CLIENT_IP"
                "URI","20251001090200.000","4H3"
                "URI","20251001090300.000","4H4","","/setup/forcecomHome","2025-10-01T09:03:00.000Z","","10.0.0.9"
                "URI","20251001090400.000","4H5","005Aa00000BcDeF","/home/home.jsp","2025-10-01T09:04:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
                """);

        // 5 rows read = 2 events + 3 rejections; a placeholder IP is no reason to reject a row.
        assertThat(sink.events).extracting(Event::occurredAt).containsExactly(
                Instant.parse("2025-10-01T09:00:00Z"), Instant.parse("2025-10-01T09:04:00Z"));
        assertThat(sink.rejections).extracting(Rejection::input, Rejection::line, Rejection::reason).containsExactly(
                tuple("URI.csv", 3L, "Header line repeated as data in URI.csv line 3"),
                tuple("URI.csv", 4L, "Row has 3 fields but the header has 8 in URI.csv line 4"),
                tuple("URI.csv", 5L, "Missing USER_ID for a URI event in URI.csv line 5"));
    }

    @Test
    void aRowWithAStrayQuoteIsQuarantinedAndTheRowsAfterItAreKept() throws IOException {
        CollectingSink sink = parse("URI.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","URI"
                "URI","20251001080000.000","005Aa00000BcDeF","/home/home.jsp"
                "URI","20251001080100.000","005Aa00000BcDeF","/search?q="quarterly" report"
                "URI","20251001080200.000","005Aa00000BcDeF","/006Aa00000XyZwQ"
                "URI","20251001080300.000","005Aa00000BcDeF","/home/home.jsp"
                """);

        // 4 rows read = 3 events + 1 rejection; the parser stops at the q after the closing quote of "/search?q=".
        assertThat(sink.events).extracting(Event::occurredAt, Event::eventType).containsExactly(
                tuple(Instant.parse("2025-10-01T08:00:00Z"), "page_view"),
                tuple(Instant.parse("2025-10-01T08:02:00Z"), "record_view"),
                tuple(Instant.parse("2025-10-01T08:03:00Z"), "page_view"));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "Malformed CSV quoting (the parser stopped on line 3) in URI.csv line 3"));
    }

    @Test
    void anUnclosedQuoteTakesTheLinesUpToWhereTheParserStopsAndTheRestIsKept() throws IOException {
        CollectingSink sink = parse("URI.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","URI"
                "URI","20251001080000.000","005Aa00000BcDeF","/home/home.jsp"
                "URI","20251001080100.000","005Aa00000BcDeF","/home/home.jsp
                "URI","20251001080200.000","005Aa00000BcDeF","/006Aa00000XyZwQ"
                "URI","20251001080300.000","005Aa00000BcDeF","/home/home.jsp"
                """);
        CollectingSink truncated = parse("URI-truncated.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","URI"
                "URI","20251001080000.000","005Aa00000BcDeF","/home/home.jsp"
                "URI","20251001080100.000","005Aa00000BcDeF","/home/ho""");

        // Line 3's open quote closes at the first quote of line 4, and the parser stops on the U after it:
        // lines 3-4 are one rejected row, line 5 is read again. 3 read = 2 events + 1 rejection.
        assertThat(sink.events).extracting(Event::occurredAt).containsExactly(
                Instant.parse("2025-10-01T08:00:00Z"), Instant.parse("2025-10-01T08:03:00Z"));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "Malformed CSV quoting (the parser stopped on line 4) in URI.csv line 3"));
        // A file cut off inside a quoted field: 2 read = 1 event + 1 rejection.
        assertThat(truncated.events).extracting(Event::occurredAt).containsExactly(Instant.parse("2025-10-01T08:00:00Z"));
        assertThat(truncated.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "Malformed CSV quoting (the parser stopped on line 3) in URI-truncated.csv line 3"));
    }

    @Test
    void lineNumbersCountBlankLinesAndLineBreaksInsideQuotedFields() throws IOException {
        CollectingSink sink = parse("LightningError.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","MESSAGE"
                "LightningError","20251001080000.000","005Aa00000BcDeF","Cannot read properties of undefined
                at line 42"

                "LightningError","20251001080100.000","","x"
                "LightningError","20251001080200.000","005Aa00000BcDeF","two
                lines"
                "LightningError","2025-10-01","005Aa00000BcDeF","x"
                """);

        assertThat(sink.events).extracting(Event::eventType, Event::status, Event::errorCode).containsExactly(
                tuple("error", "failure", "LightningError"), tuple("error", "failure", "LightningError"));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(5L, "Missing USER_ID for a LightningError event in LightningError.csv line 5"),
                tuple(8L, "Cannot parse TIMESTAMP '2025-10-01': expected yyyyMMddHHmmss.SSS (one to three digits of fraction, or none) in LightningError.csv line 8"));
    }

    @Test
    void fifteenAndEighteenCharacterFormsOfAUserIdGiveTheSameUserKey() throws IOException {
        CollectingSink sink = parse("Logout.csv", """
                "EVENT_TYPE","TIMESTAMP","USER_ID","USER_ID_DERIVED"
                "Logout","20251001080000.000","005Aa00000BcDeF",""
                "Logout","20251001080100.000","","005Aa00000BcDeFIAV"
                "Logout","20251001080200.000","005Aa00000BcDeF","005Aa00000BcDeFIAV"
                "Logout","20251001080300.000","","005Aa00000BcDeFiav"
                "Logout","20251001080400.000","005Kq00000mNoPr",""
                """);

        // ADA_KEY is the HMAC of the 18-character form, whichever form the row carries.
        assertThat(sink.events).extracting(Event::userKey)
                .containsExactly(ADA_KEY, ADA_KEY, ADA_KEY, ADA_KEY, GRACE_KEY);
    }

    @Test
    void theSameRowGetsTheSameEventIdWhateverTheColumnOrder() throws IOException {
        CollectingSink hourly = parse("Logout-hourly.csv", """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","SESSION_TYPE"
                "Logout","20251001080000.000","4J1","005Aa00000BcDeF","U"
                "Logout","20251001080100.000","4J2","005Aa00000BcDeF","U"
                """);
        CollectingSink daily = parse("Logout-daily.csv", """
                "USER_ID","SESSION_TYPE","EVENT_TYPE","REQUEST_ID","TIMESTAMP"
                "005Aa00000BcDeF","U","Logout","4J1","20251001080000.000"
                "005Aa00000BcDeF","U","Logout","4J2","20251001080100.000"
                "005Aa00000BcDeF","U","Logout","4J3","20251001080100.000"
                """);

        List<String> hourlyIds = hourly.events.stream().map(Event::eventId).toList();
        List<String> dailyIds = daily.events.stream().map(Event::eventId).toList();
        assertThat(dailyIds.subList(0, 2)).isEqualTo(hourlyIds);
        // 4J3 differs from 4J2 only in REQUEST_ID: another row, another id.
        assertThat(dailyIds).doesNotHaveDuplicates().hasSize(3);
        assertThat(hourlyIds.get(0)).matches("[0-9a-f]{64}");
    }

    @Test
    void everyEventTypeOfTheDataReferenceIsMappedAndAnUnknownOneKeptAsOther() throws IOException {
        // One file with the union of the columns these rows use; each row is read by its own EVENT_TYPE.
        CollectingSink sink = parse("mixed.csv", """
                "EVENT_TYPE","TIMESTAMP_DERIVED","USER_ID_DERIVED","METHOD_NAME","METHOD","ENTITY_NAME","URI","UI_EVENT_SOURCE","RECORD_ID","REQUEST_STATUS"
                "Login","2025-10-01T08:00:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "Logout","2025-10-01T08:01:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "LightningPageView","2025-10-01T08:02:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "LightningInteraction","2025-10-01T08:03:00.000Z","005Aa00000BcDeFIAV","","","","","save","006Aa00000XyZwQIAV",""
                "LightningInteraction","2025-10-01T08:04:00.000Z","005Aa00000BcDeFIAV","","","","","click","",""
                "LightningError","2025-10-01T08:05:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "URI","2025-10-01T08:06:00.000Z","005Aa00000BcDeFIAV","","","","/home/home.jsp","","","S"
                "Console","2025-10-01T08:07:00.000Z","005Aa00000BcDeFIAV","","","","/500Cc00000DdEeFIAV","","","S"
                "API","2025-10-01T08:08:00.000Z","005Aa00000BcDeFIAV","query","","Account","","","","S"
                "RestApi","2025-10-01T08:09:00.000Z","005Aa00000BcDeFIAV","","GET","","/services/data/v60.0/query","","","S"
                "BulkApi","2025-10-01T08:10:00.000Z","005Aa00000BcDeFIAV","insert","","Contact","","","","S"
                "ApexRestApi","2025-10-01T08:11:00.000Z","005Aa00000BcDeFIAV","","DELETE","Lead","/services/apexrest/leads","","","S"
                "ApexSoap","2025-10-01T08:12:00.000Z","005Aa00000BcDeFIAV","","","","","","","S"
                "Report","2025-10-01T08:13:00.000Z","005Aa00000BcDeFIAV","","","","","","","S"
                "AsyncReportRun","2025-10-01T08:14:00.000Z","005Aa00000BcDeFIAV","","","","","","","S"
                "ReportExport","2025-10-01T08:15:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "Dashboard","2025-10-01T08:16:00.000Z","005Aa00000BcDeFIAV","","","","","","","S"
                "Search","2025-10-01T08:17:00.000Z","005Aa00000BcDeFIAV","","","","","","","S"
                "SearchClick","2025-10-01T08:18:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "KnowledgeArticleView","2025-10-01T08:19:00.000Z","005Aa00000BcDeFIAV","","","","","","","S"
                "ContentTransfer","2025-10-01T08:20:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "DocumentAttachmentDownloads","2025-10-01T08:21:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                "WaveChange","2025-10-01T08:22:00.000Z","005Aa00000BcDeFIAV","","","","","","",""
                """);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events)
                .extracting(Event::sourceEventType, Event::eventType, Event::client, Event::status, Event::module,
                        Event::objectType)
                .containsExactly(
                        // No LOGIN_TYPE and no browser: nothing says a person signed in
                        tuple("Login", "login", "api", "success", "other", null),
                        tuple("Logout", "logout", "web", "success", "other", null),
                        tuple("LightningPageView", "page_view", "web", "success", "other", null),
                        tuple("LightningInteraction", "record_update", "web", "success", "sales", "Opportunity"),
                        tuple("LightningInteraction", "ui_interaction", "web", "success", "other", null),
                        tuple("LightningError", "error", "web", "failure", "other", null),
                        tuple("URI", "page_view", "web", "success", "other", null),
                        tuple("Console", "record_view", "web", "success", "service", "Case"),
                        tuple("API", "api_call", "api", "success", "sales", "Account"),
                        tuple("RestApi", "api_call", "api", "success", "other", null),
                        tuple("BulkApi", "record_create", "api", "success", "sales", "Contact"),
                        // a custom Apex REST endpoint: its method says nothing of what its code changes
                        tuple("ApexRestApi", "api_call", "api", "success", "sales", "Lead"),
                        tuple("ApexSoap", "api_call", "api", "success", "other", null),
                        tuple("Report", "report_run", "web", "success", "analytics", null),
                        // Scheduled runs and dashboard refreshes, unless ORIGIN names a person's run
                        tuple("AsyncReportRun", "report_run", "automation", "success", "analytics", null),
                        tuple("ReportExport", "report_export", "web", "success", "analytics", null),
                        tuple("Dashboard", "dashboard_view", "web", "success", "analytics", null),
                        tuple("Search", "search", "web", "success", "other", null),
                        tuple("SearchClick", "search", "web", "success", "other", null),
                        tuple("KnowledgeArticleView", "knowledge_view", "web", "success", "service", null),
                        tuple("ContentTransfer", "other", "web", "success", "other", null),
                        tuple("DocumentAttachmentDownloads", "other", "web", "success", "other", null),
                        tuple("WaveChange", "dashboard_view", "web", "success", "analytics", null));
    }

    @Test
    void aHeaderWithBrokenQuotingQuarantinesEveryRowInsteadOfSkippingTheFile() throws IOException {
        String csv = """
                "EVENT_TYPE"x,"TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "Logout","2025-10-01T08:01:00.000Z","005Aa00000BcDeFIAV"

                "Logout","2025-10-01T08:02:00.000Z","005Aa00000BcDeFIAV"
                """;
        Path file = write(dir.resolve("Logout.csv"), csv);
        assertThat(EventLogFileParser.isEventLogFile(InputFile.of(file))).isTrue();
        assertThat(EventLogFileParser.isEventLogFile(InputFile.of(write(dir.resolve("other.csv"), "SOURCE_EVENT_TYPE,n\nx,1\n")))).isFalse();

        CollectingSink sink = parse("Logout.csv", csv);

        // Lines 2 and 4 are rows; line 3 is blank.
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "Cannot read the header line of Logout.csv (Invalid character between encapsulated token and "
                        + "delimiter at line: 1, position: 13), so no row can be matched to its columns; in Logout.csv line 2"),
                tuple(4L, "Cannot read the header line of Logout.csv (Invalid character between encapsulated token and "
                        + "delimiter at line: 1, position: 13), so no row can be matched to its columns; in Logout.csv line 4"));
    }
}
