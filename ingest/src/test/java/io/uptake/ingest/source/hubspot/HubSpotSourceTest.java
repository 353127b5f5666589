package io.uptake.ingest.source.hubspot;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static io.uptake.ingest.TestFixtures.writeGzipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import io.uptake.ingest.source.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HubSpot's account activity API pages and exports, in the shapes HubSpot documents (Account activity
 * API guide and reference, developers.hubspot.com; "View and export account activity history",
 * knowledge.hubspot.com): field names, the enum of security-activity types, the login types, and the
 * documentation's own example values (user 876 person3@testdomain.com, login 5432653, the PIPELINE /
 * DEAL / UPDATE entry of mark.scout@lumonindustries.com with its user id 089274502).
 */
public class HubSpotSourceTest {

    // Keys computed outside the code, e.g. printf 'id:hubspot:876' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef
    /** printf 'id:hubspot:89274502' | openssl ... (the documented user id 089274502, read without its leading zero). */
    static final String MARK_ID_KEY = "12ff41c893b474dc247aced5075685b2515a008088937ea3a9188e8062e1cd87";
    /** printf 'email:mark.scout@lumonindustries.com' | openssl ... */
    static final String MARK_EMAIL_KEY = "5f225da418e2a0860dd641c0cc13d6a98f5f23a719abf163ec2deaff59007713";
    /** printf 'email:person3@testdomain.com' | openssl ... */
    static final String PERSON3_EMAIL_KEY = "cb098cdd990dc0ed0cb37c4531acac695cf6fa5aa9361c3b5d96face49f960d1";
    /** printf 'email:helly.riggs@lumonindustries.com' | openssl ... */
    static final String HELLY_EMAIL_KEY = "78b0a2856e05ee671aa28c3b944da7f29452d75831c297e6329ab46172ca9f96";
    /** printf 'id:hubspot:1042' | openssl ... */
    static final String USER_1042_KEY = "c01a2fce04cac6d70c8ebe032ecd3c395964e73c711bbd852e813258f082c93d";
    /** printf 'id:hubspot:7654' | openssl ... (the user the documented ADD_USER activity added). */
    static final String USER_7654_KEY = "a30a2c060a1d12b01079698a10a3e76ff0a3f211e12a7e5b5db6d9ecfcdfc8b8";

    /**
     * users knows two people: person3 by e-mail (as Ada) and Mark by HubSpot user id (as u-1042, in
     * external_ids as hubspot:89274502). Helly and user 1042 are nobody users knows.
     */
    static People people() {
        return People.of(TestFixtures.pseudonymizer(), Map.of(PERSON3_EMAIL_KEY, ADA_KEY, MARK_ID_KEY, U1042_KEY));
    }

    /** One page of GET /account-info/v3/activity/login, as saved: one line. */
    public static final String LOGIN_PAGE = """
            {"results":[{"countryCode":"ie","email":"person3@testdomain.com","id":"5432653","ipAddress":"45.56.67.89","loginAt":"2022-04-01T19:36:24.303Z","loginSucceeded":true,"regionCode":"d","userAgent":"Mozilla/5.0 (Linux; Android 11; M2101K6G)","userId":876},\
            {"countryCode":"us","email":"helly.riggs@lumonindustries.com","id":"5432654","ipAddress":"45.56.67.90","location":"Kier, PE, United States","loginAt":"2025-02-07T14:02:11.087Z","loginSucceeded":true,"regionCode":"pe","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36","userId":5521},\
            {"countryCode":"us","email":"helly.riggs@lumonindustries.com","id":"5432655","ipAddress":"45.56.67.90","loginAt":"2025-02-07T14:01:40.512Z","loginSucceeded":false,"regionCode":"pe","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36","userId":5521}],\
            "paging":{"next":{"after":"NTQzMjY1NQ%3D%3D","link":"https://api.hubapi.com/account-info/v3/activity/login?after=NTQzMjY1NQ%3D%3D"}}}
            """;

    /** One page of GET /account-info/v3/activity/audit-logs, pretty-printed; the first entry is the guide's own. */
    public static final String AUDIT_PAGE = """
            {
              "results": [
                {
                  "id": "jAzNiQgaEZUTlJISRtESldLGFNM",
                  "category": "PIPELINE",
                  "subCategory": "DEAL",
                  "action": "UPDATE",
                  "targetObjectId": "Sales Pipeline",
                  "occurredAt": "2025-02-07T20:58:49.529Z",
                  "actingUser": {
                    "userId": 089274502,
                    "userEmail": "mark.scout@lumonindustries.com"
                  }
                },
                {
                  "id": "FQVHSQEHchIJDy0EB14CAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkcXFZBWEZBFUNKUEEZ",
                  "category": "PROPERTY_VALUE",
                  "subCategory": "CONTACT",
                  "action": "UPDATE",
                  "targetObjectId": "51",
                  "occurredAt": "2025-02-07T21:03:12.004Z",
                  "actingUser": {
                    "userId": 5521,
                    "userEmail": "helly.riggs@lumonindustries.com"
                  }
                },
                {
                  "id": "GRQcAhUfGEgXDhkTAx0HAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkc",
                  "category": "PROPERTY_VALUE",
                  "subCategory": "TICKET",
                  "action": "UPDATE",
                  "targetObjectId": "3021",
                  "occurredAt": "2025-02-07T21:05:00Z",
                  "actingUser": {
                    "userId": 5521,
                    "userEmail": "helly.riggs@lumonindustries.com"
                  }
                },
                {
                  "id": "HhkXBhUfGEgXDhkTAx0HAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkc",
                  "category": "WORKFLOWS",
                  "subCategory": "WORKFLOW",
                  "action": "DELETE",
                  "targetObjectId": "14023",
                  "occurredAt": "2025-02-08T09:15:30Z",
                  "actingUser": {
                    "userId": 1042
                  }
                }
              ],
              "paging": {
                "next": {
                  "after": "HhkXBhUfGEgX",
                  "link": "https://api.hubapi.com/account-info/v3/activity/audit-logs?after=HhkXBhUfGEgX"
                }
              }
            }
            """;

    /** One page of GET /account-info/v3/activity/security; the first record is the reference's example. */
    static final String SECURITY_PAGE = """
            {"results":[{"actingUser":"person3@testdomain.com","countryCode":"ie","createdAt":"2022-04-01T19:36:24.303Z","id":"5432653","infoUrl":"app.hubspot.com/settings/123/users","ipAddress":"45.56.67.89","objectId":"7654","regionCode":"d","type":"ADD_USER","userId":876},\
            {"createdAt":"2025-02-07T18:00:00Z","id":"5432701","type":"PRODUCTION_DEPLOYMENT","userId":1042,"objectId":"9911"},\
            {"createdAt":"2025-02-07T18:05:00Z","id":"5432702","type":"BOTS_WEBHOOK_POST","userId":1042},\
            {"actingUser":"person3@testdomain.com","createdAt":"2025-02-07T18:10:00Z","id":"5432703","type":"CONTACT_DATA_EXPORT","userId":876,"location":"Dublin, Ireland"}]}
            """;

    @TempDir
    Path dir;

    private final HubSpotSource source = new HubSpotSource(
            new SourceContext(TestFixtures.pseudonymizer(), ModuleMapping.defaults(), people()));

    private InputFile file(String name, String text) {
        return new InputFile(write(dir.resolve(name), text), name);
    }

    private CollectingSink parse(InputFile file) throws IOException {
        return SourceContract.parsed(source::parse, file);
    }

    @Test
    void recognisesTheApiPagesAndTheExportsByTheirContent() throws IOException {
        assertThat(source.recognises(file("page-1.json", LOGIN_PAGE))).isTrue();
        assertThat(source.recognises(file("a.json", AUDIT_PAGE))).isTrue();
        assertThat(source.recognises(file("security.txt", SECURITY_PAGE))).isTrue();
        assertThat(source.recognises(file("pages.jsonl", LOGIN_PAGE + SECURITY_PAGE))).isTrue();
        assertThat(source.recognises(file("login-history.csv", LOGIN_CSV))).isTrue();
        assertThat(source.recognises(file("audit.csv", AUDIT_CSV))).isTrue();
        assertThat(source.recognises(file("security.csv", SECURITY_CSV))).isTrue();
    }

    @Test
    void recognisesNoOtherFormat() throws IOException {
        // Salesforce EventLogFile, Uptake's JSON lines, users.csv.
        assertThat(source.recognises(file("Login.csv", TestFixtures.LOGIN_CSV))).isFalse();
        assertThat(source.recognises(file("events.jsonl", TestFixtures.EVENTS_JSONL))).isFalse();
        assertThat(source.recognises(file("users.csv", TestFixtures.USERS_CSV))).isFalse();
        // Microsoft 365 audit records: the Management Activity API's JSON array, as JSON lines, and the Purview export.
        String record = """
                {"CreationTime":"2025-10-01T09:00:03","Id":"8f5c2d1e-1b2c-4d3e-9f00-1a2b3c4d5e6f","Operation":"Update",\
                "OrganizationId":"4b2e1f0a-0000-4000-8000-0a1b2c3d4e5f","RecordType":21,"UserKey":"10033FFF8A1B2C3D",\
                "UserType":0,"Version":1,"Workload":"CRM","ClientIP":"10.1.2.3","UserId":"ada.lovelace@example.com",\
                "EntityName":"account","Message":"Update"}""";
        assertThat(source.recognises(file("m365.json", "[" + record + "]\n"))).isFalse();
        assertThat(source.recognises(file("m365.jsonl", record + "\n" + record + "\n"))).isFalse();
        assertThat(source.recognises(file("purview.csv", "CreationDate,UserIds,Operations,AuditData\n"
                + "2025-10-01T09:00:03.0000000Z,ada.lovelace@example.com,Update,\"{\"\"Workload\"\":\"\"CRM\"\"}\"\n"))).isFalse();
        // Salesforce LoginHistory, as Setup's download and as a data export.
        assertThat(source.recognises(file("LoginHistory.csv",
                "\"UserId\",\"LoginTime\",\"LoginType\",\"SourceIp\",\"LoginUrl\",\"Browser\",\"Platform\",\"Status\",\"Application\"\n"))).isFalse();
        // An empty page names no kind of record: nothing says it is HubSpot's.
        assertThat(source.recognises(file("empty.json", "{\"results\":[]}\n"))).isFalse();
    }

    @Test
    void theRegistryGivesHubSpotFilesToHubSpotAndJsonLinesStillToJsonLines() throws IOException {
        Sources sources = Sources.all(SourceContext.of(TestFixtures.pseudonymizer()));

        assertThat(sources.recognise(file("page.json", LOGIN_PAGE)).map(EventSource::name)).contains("hubspot");
        assertThat(sources.recognise(file("audit.csv", AUDIT_CSV)).map(EventSource::name)).contains("hubspot");
        assertThat(sources.recognise(file("events.jsonl", TestFixtures.EVENTS_JSONL)).map(EventSource::name)).contains("jsonl");
        assertThat(sources.recognise(file("Login.csv", TestFixtures.LOGIN_CSV)).map(EventSource::name)).contains("salesforce-elf");
        assertThat(sources.recognise(file("users.csv", TestFixtures.USERS_CSV))).isEqualTo(Optional.empty());
    }

    @Test
    void loginsAreWebOrMobileByTheirUserAgentAndAFailedLoginIsAFailure() throws IOException {
        CollectingSink sink = parse(file("login.json", LOGIN_PAGE));

        assertThat(sink.rejections).isEmpty();
        // person3 is matched by e-mail (user id 876 is not in users); Helly is nobody users knows.
        assertThat(sink.events).containsExactly(
                new Event("hubspot-login-5432653", Instant.parse("2022-04-01T19:36:24.303Z"), ADA_KEY, null, "hubspot",
                        "login", "login", "other", null, null, "mobile", "success", null, null),
                new Event("hubspot-login-5432654", Instant.parse("2025-02-07T14:02:11.087Z"), HELLY_EMAIL_KEY, null, "hubspot",
                        "login", "login", "other", null, null, "web", "success", null, null),
                new Event("hubspot-login-5432655", Instant.parse("2025-02-07T14:01:40.512Z"), HELLY_EMAIL_KEY, null, "hubspot",
                        "login", "login", "other", null, null, "web", "failure", null, null));
        assertThat(sink.unmatched).containsExactly(HELLY_EMAIL_KEY);
    }

    @Test
    void auditLogEntriesAreAdminWorkOrRecordChangesInTheModuleOfTheirObject() throws IOException {
        CollectingSink sink = parse(file("audit.json", AUDIT_PAGE));

        assertThat(sink.rejections).isEmpty();
        // The pipeline's target is its name, no record id; a workflow's id could be anything's, so it is not kept.
        assertThat(sink.events).containsExactly(
                new Event("hubspot-audit-jAzNiQgaEZUTlJISRtESldLGFNM", Instant.parse("2025-02-07T20:58:49.529Z"), U1042_KEY,
                        null, "hubspot", "PIPELINE/DEAL/UPDATE", "record_update", "admin", "Pipeline", null, "web", "success",
                        null, null),
                new Event("hubspot-audit-FQVHSQEHchIJDy0EB14CAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkcXFZBWEZBFUNKUEEZ",
                        Instant.parse("2025-02-07T21:03:12.004Z"), HELLY_EMAIL_KEY, null, "hubspot", "PROPERTY_VALUE/CONTACT/UPDATE",
                        "record_update", "sales", "Contact", "51", "web", "success", null, null),
                new Event("hubspot-audit-GRQcAhUfGEgXDhkTAx0HAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkc",
                        Instant.parse("2025-02-07T21:05:00Z"), HELLY_EMAIL_KEY, null, "hubspot", "PROPERTY_VALUE/TICKET/UPDATE",
                        "record_update", "service", "Ticket", "3021", "web", "success", null, null),
                new Event("hubspot-audit-HhkXBhUfGEgXDhkTAx0HAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkc",
                        Instant.parse("2025-02-08T09:15:30Z"), USER_1042_KEY, null, "hubspot", "WORKFLOWS/WORKFLOW/DELETE",
                        "record_delete", "admin", "Workflow", null, "web", "success", null, null));
        assertThat(sink.unmatched).containsExactlyInAnyOrder(HELLY_EMAIL_KEY, USER_1042_KEY);
    }

    @Test
    void securityActivityIsAdminWorkAndDeployBotAndSyncActivityIsNoPersonAtTheUi() throws IOException {
        CollectingSink sink = parse(file("security.json", SECURITY_PAGE));

        assertThat(sink.rejections).isEmpty();
        // The added user's id (7654) is stored as that person's key, never raw.
        assertThat(sink.events).containsExactly(
                new Event("hubspot-security-5432653", Instant.parse("2022-04-01T19:36:24.303Z"), ADA_KEY, null, "hubspot",
                        "ADD_USER", "record_create", "admin", "User", USER_7654_KEY, "web", "success", null, null),
                new Event("hubspot-security-5432701", Instant.parse("2025-02-07T18:00:00Z"), USER_1042_KEY, null, "hubspot",
                        "PRODUCTION_DEPLOYMENT", "other", "admin", "Setup", null, "api", "success", null, null),
                new Event("hubspot-security-5432702", Instant.parse("2025-02-07T18:05:00Z"), USER_1042_KEY, null, "hubspot",
                        "BOTS_WEBHOOK_POST", "other", "admin", "Setup", null, "automation", "success", null, null),
                new Event("hubspot-security-5432703", Instant.parse("2025-02-07T18:10:00Z"), ADA_KEY, null, "hubspot",
                        "CONTACT_DATA_EXPORT", "report_export", "admin", "Setup", null, "web", "success", null, null));
    }

    @Test
    void theSameIdFromTwoEndpointsIsTwoEventsAndTheSamePageTwiceIsTheSameEvents() throws IOException {
        CollectingSink logins = parse(file("login.json", LOGIN_PAGE));
        CollectingSink again = parse(file("login-again.json", LOGIN_PAGE));
        CollectingSink security = parse(file("security.json", SECURITY_PAGE));

        assertThat(again.events).isEqualTo(logins.events);
        // The reference's examples give login and security activity the same id, 5432653.
        assertThat(logins.events.get(0).eventId()).isEqualTo("hubspot-login-5432653");
        assertThat(security.events.get(0).eventId()).isEqualTo("hubspot-security-5432653");
    }

    @Test
    void pagesOnePerLineAndGzippedFilesReadAsTheirPagesDo() throws IOException {
        InputFile file = new InputFile(writeGzipped(dir.resolve("pages.json.gz"), LOGIN_PAGE + "\n" + SECURITY_PAGE), "pages.json.gz");

        assertThat(source.recognises(file)).isTrue();
        CollectingSink sink = parse(file);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).extracting(Event::eventId).containsExactly("hubspot-login-5432653", "hubspot-login-5432654",
                "hubspot-login-5432655", "hubspot-security-5432653", "hubspot-security-5432701", "hubspot-security-5432702",
                "hubspot-security-5432703");
    }

    @Test
    void badRecordsAreQuarantinedWithFileLineAndRecordAndTheGoodOnesAroundThemKept() throws IOException {
        CollectingSink sink = parse(file("pages.json", """
                {"results":[{"id":"101","loginAt":"2025-02-07T08:00:00Z","loginSucceeded":true,"userId":876,"email":"person3@testdomain.com","ipAddress":"45.56.67.89"},{"id":"102","loginAt":"2025-02-07 08:05:00","loginSucceeded":true,"userId":876,"email":"person3@testdomain.com"},{"id":"103","loginAt":"2025-02-07T08:10:00Z","loginSucceeded":true,"ipAddress":"45.56.67.89"}]}

                {"results":[{"id":"104","loginAt":"1999-12-31T23:59:59Z","loginSucceeded":true,"userId":5521},{"id":"105","loginAt":"2025-02-07T08:20:00Z","userId":5521},{"id":"106","loginAt":"helly.riggs@lumonindustries.com","loginSucceeded":true,"userId":5521},{"id":"107","loginAt":"2025-02-07T08:30:00Z","loginSucceeded":false,"userId":5521}]}
                {"results":[{"id":"108","loginAt":"2025-02-07T08:40:00Z",
                {"paging":{}}
                {"results":[42,{"id":"109","ipAddress":"45.56.67.89"}]}
                """));

        assertThat(sink.events).extracting(Event::eventId, Event::status)
                .containsExactly(tuple("hubspot-login-101", "success"), tuple("hubspot-login-107", "failure"));
        // Line 4 ends inside its first record: it has 57 characters, the parser stops at column 58.
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(1L, "Record 2 of the page: Cannot parse loginAt '2025-02-07 08:05:00': expected ISO-8601 with an offset"
                        + " or Z, such as 2025-02-07T20:58:49.529Z, or epoch milliseconds in pages.json line 1"),
                tuple(1L, "Record 3 of the page: Names no user: no numeric HubSpot user id and no e-mail address in pages.json line 1"),
                tuple(3L, "Record 1 of the page: loginAt '1999-12-31T23:59:59Z' is before 2000-01-01: a clock error, not activity"
                        + " in pages.json line 3"),
                tuple(3L, "Record 2 of the page: Missing loginSucceeded in pages.json line 3"),
                tuple(3L, "Record 3 of the page: Cannot parse loginAt (a value that is no timestamp, not shown): expected ISO-8601"
                        + " with an offset or Z, such as 2025-02-07T20:58:49.529Z, or epoch milliseconds in pages.json line 3"),
                tuple(4L, "Not valid JSON (syntax error at line 4, column 58) in pages.json line 4"),
                tuple(5L, "A JSON object without a results array is no page of the account activity API in pages.json line 5"),
                tuple(6L, "Record 1 of the page: not a JSON object in pages.json line 6"),
                tuple(6L, "Record 2 of the page: neither a login (loginAt), an audit-log entry (occurredAt) nor a security"
                        + " activity (createdAt, type) in pages.json line 6"));
        // Quarantine keeps the person's key where the record names one, so erasure reaches it.
        assertThat(sink.rejections).extracting(Rejection::userKey).containsExactly(
                ADA_KEY, null, "1ea1c6176a771331833976fcfcb3b8b038356f806375bc8317be73910158524c",
                "1ea1c6176a771331833976fcfcb3b8b038356f806375bc8317be73910158524c",
                "1ea1c6176a771331833976fcfcb3b8b038356f806375bc8317be73910158524c", null, null, null, null);
        assertThat(sink.rejections).allSatisfy(r -> assertThat(r.reason()).doesNotContain("@", "45.56", "876", "5521"));
    }

    @Test
    void aPrettyPrintedPageCutShortKeepsItsWholeRecordsAndSaysWhereTheRestWasLost() throws IOException {
        String cut = AUDIT_PAGE.substring(0, AUDIT_PAGE.indexOf("\"id\": \"GRQc"));
        CollectingSink sink = parse(file("audit.json", cut));

        assertThat(sink.events).extracting(Event::eventType, Event::objectType)
                .containsExactly(tuple("record_update", "Pipeline"), tuple("record_update", "Contact"));
        // The text ends on line 28 after the six spaces that indent the third record's first field.
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(1L, "Not valid JSON (syntax error at line 28, column 7); the rest of the file is not read in audit.json line 1"));
    }

    /** A login-history export; HubSpot documents its fields and login types, not its header, so these names are a guess. */
    public static final String LOGIN_CSV = """
            Login timestamp,User email address,Login succeeded,IP address,Location,Type,User agent
            2025-02-07T14:02:11Z,helly.riggs@lumonindustries.com,true,45.56.67.90,"Kier, PE, United States",Password login,"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36"
            2025-02-07T14:05:40Z,helly.riggs@lumonindustries.com,true,45.56.67.90,"Kier, PE, United States",Mobile password login,
            2025-02-07 15:00:00 UTC,mark.scout@lumonindustries.com,true,45.56.67.91,,HubSpot tools login,
            2025-02-07T15:30:00Z,mark.scout@lumonindustries.com,true,45.56.67.91,,File transfer protocol (FTP) login with password,
            2025-02-07T16:00:00Z,person3@testdomain.com,false,45.56.67.89,"Dublin, Ireland",Single sign-on (SSO) login,"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15"
            2025-02-07T16:01:00Z,person3@testdomain.com,true,45.56.67.89,"Dublin, Ireland",Password login,python-requests/2.32.3
            """;

    /** A centralized audit-log export, columns named after the audit log's filters (a guess, as above). */
    public static final String AUDIT_CSV = """
            Occurred at,Category,Subcategory,Action,Object ID,Modified by,User ID
            2025-02-07T20:58:49.529Z,Pipeline,Deal,Update,Sales Pipeline,mark.scout@lumonindustries.com,089274502
            2025-02-07T21:03:12Z,Property value,Contacts,Update,51,helly.riggs@lumonindustries.com,5521
            2025-02-07T21:10:00Z,Login,Login Failed,,,helly.riggs@lumonindustries.com,5521
            2025-02-07T21:12:00Z,Users,User,Create,7654,mark.scout@lumonindustries.com,089274502
            2025-02-07T21:14:00Z,Users,User,Delete,7655,Mark S,
            """;

    /** A security-activity export: time, type, user's e-mail, object id, location, URL (the knowledge base's list). */
    static final String SECURITY_CSV = """
            Time,Type,User,Object ID,Location,URL
            2022-04-01T19:36:24.303Z,ADD_USER,person3@testdomain.com,7654,"Dublin, Ireland",app.hubspot.com/settings/123/users
            """;

    @Test
    void aLoginExportsTypeSaysWhetherAPersonOrAProgramLoggedIn() throws IOException {
        CollectingSink sink = parse(file("login-history.csv", LOGIN_CSV));

        assertThat(sink.rejections).isEmpty();
        // HubSpot tools logins are processes a user scheduled; FTP and python-requests are programs.
        assertThat(sink.events).extracting(Event::occurredAt, Event::userKey, Event::sourceEventType, Event::eventType,
                        Event::client, Event::status)
                .containsExactly(
                        tuple(Instant.parse("2025-02-07T14:02:11Z"), HELLY_EMAIL_KEY, "Password login", "login", "web", "success"),
                        tuple(Instant.parse("2025-02-07T14:05:40Z"), HELLY_EMAIL_KEY, "Mobile password login", "login", "mobile", "success"),
                        tuple(Instant.parse("2025-02-07T15:00:00Z"), MARK_EMAIL_KEY, "HubSpot tools login", "login", "automation", "success"),
                        tuple(Instant.parse("2025-02-07T15:30:00Z"), MARK_EMAIL_KEY, "File transfer protocol (FTP) login with password",
                                "login", "api", "success"),
                        tuple(Instant.parse("2025-02-07T16:00:00Z"), ADA_KEY, "Single sign-on (SSO) login", "login", "web", "failure"),
                        tuple(Instant.parse("2025-02-07T16:01:00Z"), ADA_KEY, "Password login", "login", "api", "success"));
        assertThat(sink.events).extracting(Event::module).containsOnly("other");
        // No id column: each row's id is a hash of its content, one per row.
        assertThat(sink.events).extracting(Event::eventId).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{64}"));
        assertThat(sink.unmatched).containsExactlyInAnyOrder(HELLY_EMAIL_KEY, MARK_EMAIL_KEY);
    }

    @Test
    void anAuditExportMapsLikeTheApiWhateverTheSpellingAndARowNamingNoUserIsQuarantined() throws IOException {
        CollectingSink sink = parse(file("audit.csv", AUDIT_CSV));

        assertThat(sink.events).extracting(Event::userKey, Event::sourceEventType, Event::eventType, Event::module,
                        Event::objectType, Event::recordId, Event::client, Event::status)
                .containsExactly(
                        tuple(U1042_KEY, "PIPELINE/DEAL/UPDATE", "record_update", "admin", "Pipeline", null, "web", "success"),
                        tuple(HELLY_EMAIL_KEY, "PROPERTY_VALUE/CONTACTS/UPDATE", "record_update", "sales", "Contact", "51", "web",
                                "success"),
                        tuple(HELLY_EMAIL_KEY, "LOGIN/LOGIN_FAILED", "login", "other", null, null, "web", "failure"),
                        tuple(U1042_KEY, "USERS/USER/CREATE", "record_create", "admin", "User", USER_7654_KEY, "web", "success"));
        // "Mark S" is a display name, not an address: the row names nobody, and the reason does not repeat it.
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(6L, "Names no user: no numeric HubSpot user id and no e-mail address in audit.csv line 6", null));
    }

    @Test
    void anExportRowWithoutAnIdIsIdentifiedByItsContentWhateverTheColumnOrder() throws IOException {
        CollectingSink sink = parse(file("security.csv", SECURITY_CSV));
        CollectingSink reordered = parse(file("security-reordered.csv", """
                URL,Location,Object ID,User,Type,Time
                app.hubspot.com/settings/123/users,"Dublin, Ireland",7654,person3@testdomain.com,ADD_USER,2022-04-01T19:36:24.303Z
                """));

        // printf 'location\\x1fDublin, Ireland\\x1eobjectid\\x1f7654\\x1etime\\x1f2022-04-01T19:36:24.303Z\\x1etype\\x1fADD_USER
        //   \\x1eurl\\x1fapp.hubspot.com/settings/123/users\\x1euser\\x1fperson3@testdomain.com' | sha256sum
        assertThat(sink.events).containsExactly(new Event("d78d37d816738f9a4ffafdde7227a483b15bc2188d1e0887a503a8fae2eba029",
                Instant.parse("2022-04-01T19:36:24.303Z"), ADA_KEY, null, "hubspot", "ADD_USER", "record_create", "admin", "User",
                USER_7654_KEY, "web", "success", null, null));
        assertThat(reordered.events).isEqualTo(sink.events);
    }

    @Test
    void brokenCsvRowsAreQuarantinedOneByOneAndTheRestOfTheFileKept() throws IOException {
        CollectingSink sink = parse(file("login-history.csv", """
                Login timestamp,User email address,Login succeeded,IP address,Location,Type,User agent
                2025-02-07T14:02:11Z,helly.riggs@lumonindustries.com,true,45.56.67.90,"Kier, PE,Password login,Mozilla/5.0
                2025-02-07T14:03:11Z,helly.riggs@lumonindustries.com,true,45.56.67.90
                Login timestamp,User email address,Login succeeded,IP address,Location,Type,User agent
                2025-02-07T14:04:11Z,helly.riggs@lumonindustries.com,maybe,45.56.67.90,,Password login,
                2025-02-07T14:05:11Z,helly.riggs@lumonindustries.com,false,45.56.67.90,,Password login,

                2025-02-07T14:06:11Z,helly.riggs@lumonindustries.com,,45.56.67.90,,Password login,
                """));

        assertThat(sink.events).extracting(Event::occurredAt, Event::status)
                .containsExactly(tuple(Instant.parse("2025-02-07T14:05:11Z"), "failure"));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "Malformed CSV quoting (a quoted field is never closed) in login-history.csv line 2"),
                tuple(3L, "Row has 4 fields but the header has 7 in login-history.csv line 3"),
                tuple(4L, "Header line repeated as data in login-history.csv line 4"),
                tuple(5L, "Cannot tell from Login succeeded whether the login succeeded: expected true or false"
                        + " in login-history.csv line 5"),
                tuple(8L, "Missing Login succeeded in login-history.csv line 8"));
        assertThat(sink.rejections).extracting(Rejection::userKey)
                .containsExactly(null, null, null, HELLY_EMAIL_KEY, HELLY_EMAIL_KEY);
    }
}
