package io.uptake.ingest.source.salesforce.loginhistory;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static io.uptake.ingest.TestFixtures.writeGzipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import io.uptake.ingest.source.Sources;
import io.uptake.ingest.source.salesforce.exports.ExportFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoginHistory as an object export and as the Setup download. Field names and values are the Object
 * Reference's (LoginHistory: LoginType and LoginSubType picklists, Status "Success" or a failure reason,
 * TlsProtocol "TLS 1.2"); the download's columns are those fields' labels.
 */
public class LoginHistoryParserTest {

    /** Data Loader writes the object's field names in upper case and quotes every value. */
    public static final String OBJECT_EXPORT = """
            "ID","USERID","LOGINTIME","LOGINTYPE","LOGINSUBTYPE","SOURCEIP","LOGINURL","BROWSER","PLATFORM","STATUS","APPLICATION","CLIENTVERSION","APITYPE","APIVERSION","COUNTRYISO","TLSPROTOCOL","CIPHERSUITE"
            "0Ya5e00000AbCdECAV","005Aa00000BcDeFIAV","2025-10-01T08:00:03.000Z","Application","UI Username-Password","10.1.2.3","acme.my.salesforce.com","Chrome 120","Mac OSX","Success","Browser","N/A","N/A","N/A","GB","TLS 1.3","TLS_AES_256_GCM_SHA384"
            "0Ya5e00000AbCdFCAV","005Kq00000mNoPrIAK","2025-10-01T08:05:10.000Z","Remote Access 2.0","OAuth User-Agent","192.168.7.21","login.salesforce.com","Unknown","iOS","Success","Salesforce for iOS","N/A","N/A","N/A","GB","TLS 1.2","ECDHE-RSA-AES256-GCM-SHA384"
            "0Ya5e00000AbCdGCAV","005Aa00000BcDeFIAV","2025-10-01T09:05:10.000Z","Remote Access 2.0","OAuth Refresh Token","10.1.2.3","login.salesforce.com","Unknown","iOS","Success","Salesforce for iOS","N/A","N/A","N/A","GB","TLS 1.2","ECDHE-RSA-AES256-GCM-SHA384"
            "0Ya5e00000AbCdHCAV","005Zz00000QqQqQIAV","2025-10-01T10:00:00.000Z","Other Apex API","","203.0.113.5","login.salesforce.com","Unknown","Unknown","Success","N/A","N/A","SOAP Partner","60.0","US","TLS 1.2","ECDHE-RSA-AES256-GCM-SHA384"
            "0Ya5e00000AbCdJCAV","005Zz00000QqQqQIAV","2025-10-01T10:30:00.000Z","Remote Access 2.0","OAuth Web Server","203.0.113.5","login.salesforce.com","Unknown","Unknown","Success","Data Loader","N/A","N/A","N/A","US","TLS 1.2","ECDHE-RSA-AES256-GCM-SHA384"
            "0Ya5e00000AbCdKCAV","005Kq00000mNoPrIAK","2025-10-01T11:00:00.000Z","Application","UI Username-Password","192.168.7.21","acme.my.salesforce.com","Firefox 128","Windows 10","Invalid Password","Browser","N/A","N/A","N/A","GB","TLS 1.3","TLS_AES_256_GCM_SHA384"
            "0Ya5e00000AbCdLCAV","005Kq00000mNoPrIAK","2025-10-01T12:00:00.000Z","SAML Sfdc Initiated SSO","","192.168.7.21","acme.my.salesforce.com","Mobile Safari 17","iPhone","Success","Browser","N/A","N/A","N/A","GB","TLS 1.3","TLS_AES_256_GCM_SHA384"
            """;

    /** Setup → Login History → Download: the fields' labels, people by username, times as the page shows them. */
    public static final String DOWNLOAD = """
            Login Time,Username,Login Type,Source IP,Status,Browser,Platform,Application,Client Version,API Type,API Version,Login URL,Login Subtype
            10/1/2025 8:00:03 AM,ada.lovelace@example.com,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser,N/A,N/A,N/A,acme.my.salesforce.com,UI Username-Password
            10/1/2025 8:05:10 AM,grace@acme.example,Remote Access 2.0,192.168.7.21,Success,Unknown,Android 14,Salesforce for Android,N/A,N/A,N/A,login.salesforce.com,OAuth User-Agent
            10/1/2025 8:10:00 AM,svc.integration@acme.example,Other Apex API,203.0.113.5,Success,Unknown,Unknown,N/A,N/A,SOAP Enterprise,60.0,login.salesforce.com,
            10/1/2025 1:15:00 PM,ada.lovelace@example.com,Application,10.1.2.3,Invalid Password,Chrome 120,Mac OSX,Browser,N/A,N/A,N/A,acme.my.salesforce.com,UI Username-Password
            """;

    /** printf 'email:svc.integration@acme.example' | openssl dgst -sha256 -hmac ...: a username users.csv does not know. */
    static final String SVC_EMAIL_KEY = "efbbbd0966453844b333e104867f2ba55d5ec6b4d55a2db922b79d00cfaffd83";
    /** printf '005Zz00000QqQqQIAV' | openssl dgst ...: the integration user ("005Zz" Z@3 -> I, "QqQqQ" Q@0,2,4 -> V). */
    static final String INTEGRATION_KEY = "2f9f7f1f387344abaae1a4a425204ebfd0647d1e8453f393719e5e8567d9d941";

    @TempDir
    Path dir;

    /** users.csv: Ada by her e-mail, which is also her username; Grace by her username in external_ids. */
    private final SourceContext context = ExportFixtures.context();
    private final LoginHistoryParser parser = new LoginHistoryParser(context.pseudonymizer(), context.people());

    private CollectingSink parse(String fileName, String csv) throws IOException {
        return parse(file(fileName, csv));
    }

    private CollectingSink parse(InputFile file) throws IOException {
        return SourceContract.parsed(parser::parse, file);
    }

    @Test
    void anObjectExportGivesOneLoginPerRowClassifiedByTypeSubTypeApiTypeAndApplication() throws IOException {
        CollectingSink sink = parse("LoginHistory.csv", OBJECT_EXPORT);

        assertThat(sink.rejections).isEmpty();
        assertThat(sink.unmatched).isEmpty();
        // Browser login: web. The iOS app's OAuth user-agent login: mobile; its refresh-token login: a program.
        // A SOAP API login and Data Loader's OAuth login: api. A wrong password: a failure with its reason.
        // An SSO login from Safari on an iPhone: a person on a phone, mobile.
        assertThat(sink.events)
                .extracting(Event::eventId, Event::occurredAt, Event::userKey, Event::source, Event::sourceEventType,
                        Event::eventType, Event::module, Event::client, Event::status, Event::errorCode)
                .containsExactly(
                        tuple("sf-loginhistory-0Ya5e00000AbCdECAV", Instant.parse("2025-10-01T08:00:03Z"), ADA_KEY,
                                "salesforce-loginhistory", "Application", "login", "other", "web", "success", null),
                        tuple("sf-loginhistory-0Ya5e00000AbCdFCAV", Instant.parse("2025-10-01T08:05:10Z"), GRACE_KEY,
                                "salesforce-loginhistory", "Remote Access 2.0", "login", "other", "mobile", "success", null),
                        tuple("sf-loginhistory-0Ya5e00000AbCdGCAV", Instant.parse("2025-10-01T09:05:10Z"), ADA_KEY,
                                "salesforce-loginhistory", "Remote Access 2.0", "login", "other", "api", "success", null),
                        tuple("sf-loginhistory-0Ya5e00000AbCdHCAV", Instant.parse("2025-10-01T10:00:00Z"), INTEGRATION_KEY,
                                "salesforce-loginhistory", "Other Apex API", "login", "other", "api", "success", null),
                        tuple("sf-loginhistory-0Ya5e00000AbCdJCAV", Instant.parse("2025-10-01T10:30:00Z"), INTEGRATION_KEY,
                                "salesforce-loginhistory", "Remote Access 2.0", "login", "other", "api", "success", null),
                        tuple("sf-loginhistory-0Ya5e00000AbCdKCAV", Instant.parse("2025-10-01T11:00:00Z"), GRACE_KEY,
                                "salesforce-loginhistory", "Application", "login", "other", "web", "failure", "Invalid Password"),
                        tuple("sf-loginhistory-0Ya5e00000AbCdLCAV", Instant.parse("2025-10-01T12:00:00Z"), GRACE_KEY,
                                "salesforce-loginhistory", "SAML Sfdc Initiated SSO", "login", "other", "mobile", "success", null));
        assertThat(sink.events).extracting(Event::sessionKey, Event::objectType, Event::recordId, Event::durationMs)
                .containsOnly(tuple(null, null, null, null));
    }

    @Test
    void anSfCliExportWithCamelCaseNamesOffsetTimesAndPicklistApiNamesReadsTheSame() throws IOException {
        // sf data query --result-format csv: field names as the API spells them, times with a +0000 offset,
        // fifteen-character ids; the LoginType and LoginSubType picklists' API names stand for their labels.
        CollectingSink sink = parse("loginhistory-query.csv", """
                Id,UserId,LoginTime,LoginType,LoginSubType,Status,Application,Browser,Platform,ApiType,LoginUrl
                0Ya5e00000AbCdE,005Aa00000BcDeF,2025-10-01T08:00:03.000+0000,Application,UsernamePasswordUiLogin,Success,Browser,Chrome 120,Mac OSX,N/A,acme.my.salesforce.com
                0Ya5e00000AbCdF,005Kq00000mNoPr,2025-10-01T10:05:10.000+0200,Oauth2,OauthUserAgent,Success,Salesforce for iOS,Unknown,iOS,N/A,login.salesforce.com
                0Ya5e00000AbCdG,005Aa00000BcDeF,2025-10-01T09:05:10.000+0000,Oauth2,OauthRefreshToken,Success,Salesforce for iOS,Unknown,iOS,N/A,login.salesforce.com
                0Ya5e00000AbCdH,005Kq00000mNoPr,2025-10-01T09:30:00.000+0000,Saml2,,Success,Browser,Chrome 120,Windows 10,N/A,acme.my.salesforce.com
                """);

        assertThat(sink.rejections).isEmpty();
        // The same logins as the Data Loader export's first three rows: the same ids, times and users.
        assertThat(sink.events)
                .extracting(Event::eventId, Event::occurredAt, Event::userKey, Event::sourceEventType, Event::client)
                .containsExactly(
                        tuple("sf-loginhistory-0Ya5e00000AbCdECAV", Instant.parse("2025-10-01T08:00:03Z"), ADA_KEY, "Application", "web"),
                        tuple("sf-loginhistory-0Ya5e00000AbCdFCAV", Instant.parse("2025-10-01T08:05:10Z"), GRACE_KEY, "Remote Access 2.0", "mobile"),
                        tuple("sf-loginhistory-0Ya5e00000AbCdGCAV", Instant.parse("2025-10-01T09:05:10Z"), ADA_KEY, "Remote Access 2.0", "api"),
                        tuple("sf-loginhistory-0Ya5e00000AbCdHCAV", Instant.parse("2025-10-01T09:30:00Z"), GRACE_KEY, "SAML Sfdc Initiated SSO", "web"));
    }

    @Test
    void theDownloadNamesPeopleByUsernameMatchedByEmailOrExternalIdAndReportsTheUnmatched() throws IOException {
        CollectingSink sink = parse("LoginHistory-download.csv", DOWNLOAD);

        assertThat(sink.rejections).isEmpty();
        // Ada's username is her e-mail; Grace's is in external_ids; the integration's username is nobody's.
        // No zone in the times: GMT, the zone LoginHistory keeps them in.
        assertThat(sink.events)
                .extracting(Event::occurredAt, Event::userKey, Event::sourceEventType, Event::eventType, Event::client,
                        Event::status, Event::errorCode)
                .containsExactly(
                        tuple(Instant.parse("2025-10-01T08:00:03Z"), ADA_KEY, "Application", "login", "web", "success", null),
                        tuple(Instant.parse("2025-10-01T08:05:10Z"), GRACE_KEY, "Remote Access 2.0", "login", "mobile", "success", null),
                        tuple(Instant.parse("2025-10-01T08:10:00Z"), SVC_EMAIL_KEY, "Other Apex API", "login", "api", "success", null),
                        tuple(Instant.parse("2025-10-01T13:15:00Z"), ADA_KEY, "Application", "login", "web", "failure", "Invalid Password"));
        assertThat(sink.unmatched).containsExactly(SVC_EMAIL_KEY);
        // No id of their own: each event's id is a hash of its content, one per distinct login.
        assertThat(sink.events).extracting(Event::eventId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{64}"));
    }

    @Test
    void aDownloadedLoginHasTheSameIdWhateverTheColumnOrderAndTheZoneItsTimeIsWrittenIn() throws IOException {
        CollectingSink gmt = parse("a.csv", """
                Login Time,Username,Login Type,Status,Browser,Platform,Application
                10/1/2025 8:00:03 AM,ada.lovelace@example.com,Application,Success,Chrome 120,Mac OSX,Browser
                """);
        // 10:00:03 CEST (+02:00) is 08:00:03 GMT.
        CollectingSink cest = parse("b.csv", """
                Username,Status,Login Type,Application,Platform,Browser,Login Time
                ada.lovelace@example.com,Success,Application,Browser,Mac OSX,Chrome 120,"10/1/2025, 10:00:03 AM CEST"
                """);

        assertThat(cest.events).isEqualTo(gmt.events);
        assertThat(gmt.events).extracting(Event::occurredAt).containsExactly(Instant.parse("2025-10-01T08:00:03Z"));
    }

    @Test
    void badRowsAreQuarantinedNamingFileLineAndProblemWithoutUsernamesOrIpsAndTheOthersKept() throws IOException {
        CollectingSink sink = parse("LoginHistory-download.csv", """
                Login Time,Username,Login Type,Source IP,Status,Browser,Platform,Application
                10/1/2025 8:00:03 AM,ada.lovelace@example.com,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser
                10/1/2025 8:01:00 AM,Ada Lovelace,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser
                10/32/2025 8:02:00 AM,ada.lovelace@example.com,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser
                12/31/1999 11:59:59 PM,ada.lovelace@example.com,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser
                10/1/2025 8:04:00 AM,ada.lovelace@example.com,Application,10.1.2.3

                ,ada.lovelace@example.com,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser
                10/1/2025 8:06:00 AM,,Application,10.1.2.3,Success,Chrome 120,Mac OSX,Browser
                10/1/2025 8:07:00 AM,grace@acme.example,Application,"192.168.7.21,Success,Chrome 120,Mac OSX,Browser
                10/1/2025 8:08:00 AM,grace@acme.example,Application,192.168.7.21,Success,Chrome 120,Mac OSX,Browser
                """);

        assertThat(sink.events).extracting(Event::occurredAt, Event::userKey).containsExactly(
                tuple(Instant.parse("2025-10-01T08:00:03Z"), ADA_KEY),
                tuple(Instant.parse("2025-10-01T08:08:00Z"), GRACE_KEY));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "Username is not a Salesforce username, which has the form of an e-mail address in LoginHistory-download.csv line 3", null),
                tuple(4L, "Cannot parse Login Time '10/32/2025 8:02:00 AM' (Invalid value for DayOfMonth (valid values 1 - 28/31): 32):"
                        + " expected ISO-8601 such as 2025-10-01T08:00:03.000Z or a Setup download time such as 10/1/2025, 8:00:03 AM PDT"
                        + " in LoginHistory-download.csv line 4", ADA_KEY),
                tuple(5L, "Login Time 1999-12-31T23:59:59Z is before 2000-01-01 in LoginHistory-download.csv line 5", ADA_KEY),
                tuple(6L, "Row has 4 fields but the header has 8 in LoginHistory-download.csv line 6", ADA_KEY),
                tuple(8L, "Missing Login Time in LoginHistory-download.csv line 8", ADA_KEY),
                tuple(9L, "Missing Username: the login names no person in LoginHistory-download.csv line 9", null),
                tuple(10L, "Malformed CSV quoting (a quote that is not closed) in LoginHistory-download.csv line 10", null));
        assertThat(sink.rejections).extracting(Rejection::input).containsOnly("LoginHistory-download.csv");
        assertThat(sink.rejections).extracting(Rejection::reason)
                .noneMatch(reason -> reason.contains("@") || reason.contains("10.1.2.3") || reason.contains("Lovelace"));
    }

    @Test
    void anObjectExportRowWithoutAUsableUserIdOrTimeIsQuarantined() throws IOException {
        CollectingSink sink = parse("LoginHistory.csv", """
                "Id","UserId","LoginTime","LoginType","Status"
                "0Ya5e00000AbCdECAV","005Aa00000BcDeFIAV","2025-10-01T08:00:03.000Z","Application","Success"
                "0Ya5e00000AbCdFCAV","u-1042","2025-10-01T08:01:00.000Z","Application","Success"
                "0Ya5e00000AbCdGCAV","","2025-10-01T08:02:00.000Z","Application","Success"
                "0Ya5e00000AbCdHCAV","005Aa00000BcDeFIAV","2025-13-01T08:03:00.000Z","Application","Success"
                "0Ya5e00000AbCdJCAV","005Aa00000BcDeFIAV","2025-10-01T08:04:00.000","Application","Success"
                "Id","UserId","LoginTime","LoginType","Status"
                """);

        assertThat(sink.events).extracting(Event::eventId).containsExactly("sf-loginhistory-0Ya5e00000AbCdECAV");
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "UserId is not a Salesforce user id (15 or 18 letters and digits) in LoginHistory.csv line 3", null),
                tuple(4L, "Missing UserId: the login names no person in LoginHistory.csv line 4", null),
                tuple(5L, "Cannot parse LoginTime '2025-13-01T08:03:00.000Z' (not ISO-8601 with an offset or Z):"
                        + " expected ISO-8601 such as 2025-10-01T08:00:03.000Z or a Setup download time such as 10/1/2025, 8:00:03 AM PDT"
                        + " in LoginHistory.csv line 5", ADA_KEY),
                tuple(6L, "Cannot parse LoginTime '2025-10-01T08:04:00.000' (not ISO-8601 with an offset or Z):"
                        + " expected ISO-8601 such as 2025-10-01T08:00:03.000Z or a Setup download time such as 10/1/2025, 8:00:03 AM PDT"
                        + " in LoginHistory.csv line 6", ADA_KEY),
                tuple(7L, "Header line repeated as data in LoginHistory.csv line 7", null));
    }

    @Test
    void aDownloadInADayFirstLocaleIsReadDayFirst() throws IOException {
        // An en_GB user's download: 13/10/2025 can only be day first, so 01/10/2025 is the first of October.
        CollectingSink sink = parse("LoginHistory-uk.csv", """
                Login Time,Username,Login Type,Status,Browser,Platform,Application
                01/10/2025 08:00:03,ada.lovelace@example.com,Application,Success,Chrome 120,Mac OSX,Browser
                13/10/2025 17:45:00,ada.lovelace@example.com,Application,Success,Chrome 120,Mac OSX,Browser
                """);

        assertThat(sink.events).extracting(Event::occurredAt).containsExactly(
                Instant.parse("2025-10-01T08:00:03Z"), Instant.parse("2025-10-13T17:45:00Z"));
    }

    @Test
    void aGzippedDownloadReadsAsThePlainOne() throws IOException {
        Path gz = writeGzipped(dir.resolve("LoginHistory.csv.gz"), DOWNLOAD);

        CollectingSink zipped = parse(new InputFile(gz, "LoginHistory.csv.gz"));
        CollectingSink plain = parse("LoginHistory.csv", DOWNLOAD);

        assertThat(zipped.events).hasSize(4).isEqualTo(plain.events);
        assertThat(new LoginHistorySource(context).recognises(new InputFile(gz, "LoginHistory.csv.gz"))).isTrue();
    }

    @Test
    void recognisesBothShapesAndNoOtherFormat() throws IOException {
        LoginHistorySource source = new LoginHistorySource(context);

        assertThat(source.recognises(file("LoginHistory.csv", OBJECT_EXPORT))).isTrue();
        assertThat(source.recognises(file("LoginHistory-download.csv", DOWNLOAD))).isTrue();
        assertThat(source.recognises(file("lower.csv", DOWNLOAD.toLowerCase()))).isTrue();

        assertThat(source.recognises(file("Login.csv", TestFixtures.LOGIN_CSV))).isFalse();
        assertThat(source.recognises(file("events.jsonl", TestFixtures.EVENTS_JSONL))).isFalse();
        assertThat(source.recognises(file("users.csv", TestFixtures.USERS_CSV))).isFalse();
        assertThat(source.recognises(file("empty.csv", ""))).isFalse();
        // HubSpot's login activity (account activity API) as a JSON page, and as CSV with its field names.
        assertThat(source.recognises(file("hubspot-logins.json", """
                {"results":[{"id":"5432653","loginAt":"2025-10-01T08:00:03.303Z","userId":876,"email":"ada.lovelace@example.com","loginSucceeded":true,"ipAddress":"10.1.2.3","userAgent":"Mozilla/5.0","countryCode":"gb","regionCode":"eng"}]}
                """))).isFalse();
        assertThat(source.recognises(file("hubspot-logins.csv", """
                id,loginAt,userId,email,loginSucceeded,ipAddress,userAgent,countryCode,regionCode
                5432653,2025-10-01T08:00:03.303Z,876,ada.lovelace@example.com,true,10.1.2.3,Mozilla/5.0,gb,eng
                """))).isFalse();
        // A Microsoft Purview audit search export.
        assertThat(source.recognises(file("purview.csv", """
                RecordId,CreationDate,RecordType,Operation,UserId,AuditData
                6f1c2d3e,2025-10-01T08:00:03.0000000Z,CRM,RetrieveMultiple,ada.lovelace@example.com,"{""Operation"":""RetrieveMultiple""}"
                """))).isFalse();
        // An EventLogFile never, even one whose columns would otherwise do.
        assertThat(source.recognises(file("odd.csv", """
                "EVENT_TYPE","LOGIN_TIME","USER_ID","LOGIN_TYPE","STATUS"
                """.replace("LOGIN_TIME", "LoginTime").replace("USER_ID", "UserId").replace("LOGIN_TYPE", "LoginType")))).isFalse();
    }

    @Test
    void theRegistryHandsLoginHistoryToThisSourceAndTheOtherFormatsElsewhere() throws IOException {
        Sources sources = Sources.all(context);

        assertThat(sources.recognise(file("LoginHistory.csv", OBJECT_EXPORT)).orElseThrow().name())
                .isEqualTo("salesforce-loginhistory");
        assertThat(sources.recognise(file("LoginHistory-download.csv", DOWNLOAD)).orElseThrow().name())
                .isEqualTo("salesforce-loginhistory");
        assertThat(sources.recognise(file("Login.csv", TestFixtures.LOGIN_CSV)).orElseThrow().name()).isEqualTo("salesforce-elf");
        assertThat(sources.recognise(file("events.jsonl", TestFixtures.EVENTS_JSONL)).orElseThrow().name()).isEqualTo("jsonl");
        assertThat(sources.recognise(file("users.csv", TestFixtures.USERS_CSV))).isEmpty();
    }

    private InputFile file(String name, String text) {
        return new InputFile(write(dir.resolve(name), text), name);
    }
}
