package io.uptake.ingest.source.salesforce.setupaudit;

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
import io.uptake.ingest.source.salesforce.loginhistory.LoginHistorySource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Setup Audit Trail as an object export and as the Setup page's download. Fields and values are the
 * Object Reference's (SetupAuditTrail: Action such as PermSetCreate with Display "Created permission set
 * MAD: with user license Salesforce.", CreatedByContext such as Einstein, DelegateUser the Login-As
 * user); the download's columns are Date, User, Source Namespace Prefix, Action, Section, Delegate User.
 */
public class SetupAuditTrailParserTest {

    /** sf data query --result-format csv of SetupAuditTrail's fields. */
    public static final String OBJECT_EXPORT = """
            Id,Action,Section,CreatedDate,CreatedById,Display,DelegateUser,ResponsibleNamespacePrefix,CreatedByContext
            0Ym5e00000XyZaACAV,PermSetCreate,Manage Users,2025-10-01T09:15:00.000+0000,005Aa00000BcDeFIAV,Created permission set MAD: with user license Salesforce,,,
            0Ym5e00000XyZaBCAV,changedApexClass,Apex Class,2025-10-01T09:20:00.000+0000,005Kq00000mNoPr,Changed AccountService Apex Class code,,,
            0Ym5e00000XyZaCCAV,deletedPicklistWithColor,Customize Leads,2025-10-01T09:25:00.000+0000,005Aa00000BcDeFIAV,Deleted value Prospect from Lead Status picklist,,,
            0Ym5e00000XyZaDCAV,insertConnectedApplication,Connected Apps,2025-10-01T09:30:00.000+0000,005Aa00000BcDeFIAV,Created connected app Insights,,,Einstein
            0Ym5e00000XyZaECAV,PermSetAssign,Manage Users,2025-10-01T09:35:00.000+0000,005Aa00000BcDeFIAV,"Permission set Sales Ops: assigned to user Ada Lovelace (ada.lovelace@example.com)",support.agent@salesforce.example,,
            0Ym5e00000XyZaFCAV,suOrgAdminLogin,Manage Users,2025-10-01T09:40:00.000+0000,005Kq00000mNoPrIAK,Logged in using Login-As access for Ada Lovelace,,,
            0Ym5e00000XyZaGCAV,changedCustomField,Customize Accounts,2025-10-01T09:45:00.000+0000,005Aa00000BcDeFIAV,Changed Account field Region__c,,acmepkg,
            """;

    /** View Setup Audit Trail → Download: the Action column holds the sentence, people are named by username. */
    public static final String DOWNLOAD = """
            Date,User,Source Namespace Prefix,Action,Section,Delegate User
            "10/1/2025, 9:15:00 AM PDT",ada.lovelace@example.com,,Created permission set MAD: with user license Salesforce,Manage Users,
            "10/1/2025, 9:20:00 AM PDT",Automated Process,,Changed Lead Status picklist value sort order,Customize Leads,
            "10/1/2025, 9:25:00 AM PDT",grace@acme.example,,Deleted value Prospect from Lead Status picklist,Customize Leads,
            "10/2/2025, 10:00:00 AM PDT",ada.lovelace@example.com,,"For user grace@acme.example, the User Verified Email status changed to verified",Manage Users,
            "10/2/2025, 10:05:00 AM PDT",grace@acme.example,,Changed Lead Status picklist,Customize Leads,support.agent@salesforce.example
            """;

    /** printf 'email:support.agent@salesforce.example' | openssl dgst -sha256 -hmac ...: a delegate users.csv does not know. */
    static final String DELEGATE_KEY = "6b48da312b9d15da53f878c0578cdb750610b50d29e7a083749978e3845b3113";
    /** printf 'id:salesforce-username:Automated Process' | openssl dgst ... */
    static final String AUTOMATED_PROCESS_KEY = "76bd3fe2e5ec2572265b7cfcb785fa3439515d83ea1ad77fa5212b4d32efe2b0";

    @TempDir
    Path dir;

    private final SourceContext context = ExportFixtures.context();
    private final SetupAuditTrailParser parser = new SetupAuditTrailParser(context.pseudonymizer(), context.people());

    private CollectingSink parse(String fileName, String csv) throws IOException {
        return parse(file(fileName, csv));
    }

    private CollectingSink parse(InputFile file) throws IOException {
        return SourceContract.parsed(parser::parse, file);
    }

    @Test
    void anObjectExportGivesAdminEventsTypedByTheirActionAndMadeByAPersonOrThePlatform() throws IOException {
        CollectingSink sink = parse("SetupAuditTrail.csv", OBJECT_EXPORT);

        assertThat(sink.rejections).isEmpty();
        // Created and deleted settings by their Action; Einstein (CreatedByContext) and a package (its
        // namespace) are the platform; a Login-As change is the delegate's; Login-As itself a login.
        assertThat(sink.events)
                .extracting(Event::eventId, Event::occurredAt, Event::userKey, Event::source, Event::sourceEventType,
                        Event::eventType, Event::module, Event::client, Event::status)
                .containsExactly(
                        tuple("sf-setupaudit-0Ym5e00000XyZaACAV", Instant.parse("2025-10-01T09:15:00Z"), ADA_KEY,
                                "salesforce-setupaudittrail", "PermSetCreate", "record_create", "admin", "web", "success"),
                        tuple("sf-setupaudit-0Ym5e00000XyZaBCAV", Instant.parse("2025-10-01T09:20:00Z"), GRACE_KEY,
                                "salesforce-setupaudittrail", "changedApexClass", "record_update", "admin", "web", "success"),
                        tuple("sf-setupaudit-0Ym5e00000XyZaCCAV", Instant.parse("2025-10-01T09:25:00Z"), ADA_KEY,
                                "salesforce-setupaudittrail", "deletedPicklistWithColor", "record_delete", "admin", "web", "success"),
                        tuple("sf-setupaudit-0Ym5e00000XyZaDCAV", Instant.parse("2025-10-01T09:30:00Z"), ADA_KEY,
                                "salesforce-setupaudittrail", "insertConnectedApplication", "record_create", "admin", "automation", "success"),
                        tuple("sf-setupaudit-0Ym5e00000XyZaECAV", Instant.parse("2025-10-01T09:35:00Z"), DELEGATE_KEY,
                                "salesforce-setupaudittrail", "PermSetAssign", "record_update", "admin", "web", "success"),
                        tuple("sf-setupaudit-0Ym5e00000XyZaFCAV", Instant.parse("2025-10-01T09:40:00Z"), GRACE_KEY,
                                "salesforce-setupaudittrail", "suOrgAdminLogin", "login", "admin", "web", "success"),
                        tuple("sf-setupaudit-0Ym5e00000XyZaGCAV", Instant.parse("2025-10-01T09:45:00Z"), ADA_KEY,
                                "salesforce-setupaudittrail", "changedCustomField", "record_update", "admin", "automation", "success"));
        assertThat(sink.unmatched).containsExactly(DELEGATE_KEY);
        assertThat(sink.events).extracting(Event::objectType, Event::recordId, Event::errorCode).containsOnly(tuple(null, null, null));
    }

    @Test
    void theDownloadTypesChangesByTheirSentenceAndNeverStoresIt() throws IOException {
        CollectingSink sink = parse("SetupAuditTrail-download.csv", DOWNLOAD);

        assertThat(sink.rejections).isEmpty();
        // 9:15 PDT (-07:00) is 16:15 UTC. The source event type is the Section: the sentence names people.
        assertThat(sink.events)
                .extracting(Event::occurredAt, Event::userKey, Event::sourceEventType, Event::eventType, Event::module, Event::client)
                .containsExactly(
                        tuple(Instant.parse("2025-10-01T16:15:00Z"), ADA_KEY, "Manage Users", "record_create", "admin", "web"),
                        tuple(Instant.parse("2025-10-01T16:20:00Z"), AUTOMATED_PROCESS_KEY, "Customize Leads", "record_update", "admin", "automation"),
                        tuple(Instant.parse("2025-10-01T16:25:00Z"), GRACE_KEY, "Customize Leads", "record_delete", "admin", "web"),
                        tuple(Instant.parse("2025-10-02T17:00:00Z"), ADA_KEY, "Manage Users", "record_update", "admin", "web"),
                        tuple(Instant.parse("2025-10-02T17:05:00Z"), DELEGATE_KEY, "Customize Leads", "record_update", "admin", "web"));
        // The Automated Process is no person to match; the delegate is one users.csv does not know.
        assertThat(sink.unmatched).containsExactly(DELEGATE_KEY);
        assertThat(sink.events).extracting(Event::eventId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{64}"));
        assertThat(sink.events.toString()).doesNotContain("@").doesNotContain("verified").doesNotContain("Prospect");
    }

    @Test
    void badRowsAreQuarantinedNamingFileLineAndProblemAndTheOthersKept() throws IOException {
        CollectingSink sink = parse("SetupAuditTrail.csv", """
                Id,Action,Section,CreatedDate,CreatedById,Display,DelegateUser
                0Ym5e00000XyZaACAV,PermSetCreate,Manage Users,2025-10-01T09:15:00.000+0000,005Aa00000BcDeFIAV,Created permission set MAD: with user license Salesforce,
                0Ym5e00000XyZaBCAV,PermSetCreate,Manage Users,2025-10-01T09:16:00.000+0000,Automated Process,Created permission set Ops,
                0Ym5e00000XyZaCCAV,PermSetCreate,Manage Users,2025-10-01T25:00:00.000+0000,005Aa00000BcDeFIAV,Created permission set Ops,
                0Ym5e00000XyZaDCAV,PermSetCreate,Manage Users,1999-12-31T23:00:00.000+0000,005Aa00000BcDeFIAV,Created permission set Ops,
                0Ym5e00000XyZaECAV,PermSetCreate,Manage Users,2025-10-01T09:18:00.000+0000,,Created permission set Ops,
                0Ym5e00000XyZaFCAV,PermSetCreate,Manage Users,2025-10-01T09:19:00.000+0000,005Aa00000BcDeFIAV,"Created permission set ""Ops"" again,
                """);

        assertThat(sink.events).extracting(Event::eventId).containsExactly("sf-setupaudit-0Ym5e00000XyZaACAV");
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "CreatedById is not a Salesforce user id (15 or 18 letters and digits) in SetupAuditTrail.csv line 3", null),
                tuple(4L, "Cannot parse CreatedDate '2025-10-01T25:00:00.000+0000' (not ISO-8601 with an offset or Z):"
                        + " expected ISO-8601 such as 2025-10-01T08:00:03.000Z or a Setup download time such as 10/1/2025, 8:00:03 AM PDT"
                        + " in SetupAuditTrail.csv line 4", ADA_KEY),
                tuple(5L, "CreatedDate 1999-12-31T23:00:00Z is before 2000-01-01 in SetupAuditTrail.csv line 5", ADA_KEY),
                tuple(6L, "Missing CreatedById: the change names no person in SetupAuditTrail.csv line 6", null),
                tuple(7L, "Malformed CSV quoting (a quote that is not closed) in SetupAuditTrail.csv line 7", null));
    }

    @Test
    void aDownloadRowWithAnUnknownZoneOrAUserThatIsNoUsernameIsQuarantinedWithoutQuotingPeople() throws IOException {
        CollectingSink sink = parse("SetupAuditTrail-download.csv", """
                Date,User,Source Namespace Prefix,Action,Section,Delegate User
                "10/1/2025, 9:15:00 AM XYZ",ada.lovelace@example.com,,Created permission set MAD: with user license Salesforce,Manage Users,
                "10/1/2025, 9:16:00 AM PDT",Ada Lovelace,,Created permission set Ops,Manage Users,
                "10/1/2025, 9:17:00 AM PDT",ada.lovelace@example.com,,Created permission set Ops,Manage Users,
                """);

        assertThat(sink.events).extracting(Event::occurredAt).containsExactly(Instant.parse("2025-10-01T16:17:00Z"));
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(2L, "Cannot parse Date '10/1/2025, 9:15:00 AM XYZ' (unknown time zone 'XYZ'):"
                        + " expected ISO-8601 such as 2025-10-01T08:00:03.000Z or a Setup download time such as 10/1/2025, 8:00:03 AM PDT"
                        + " in SetupAuditTrail-download.csv line 2", ADA_KEY),
                tuple(3L, "User is neither a Salesforce username (in the form of an e-mail address) nor Automated Process"
                        + " in SetupAuditTrail-download.csv line 3", null));
    }

    @Test
    void aGzippedDownloadReadsAsThePlainOne() throws IOException {
        Path gz = writeGzipped(dir.resolve("SetupAuditTrail.csv.gz"), DOWNLOAD);

        CollectingSink zipped = parse(new InputFile(gz, "SetupAuditTrail.csv.gz"));

        assertThat(zipped.events).hasSize(5).isEqualTo(parse("SetupAuditTrail.csv", DOWNLOAD).events);
        assertThat(new SetupAuditTrailSource(context).recognises(new InputFile(gz, "SetupAuditTrail.csv.gz"))).isTrue();
    }

    @Test
    void recognisesBothShapesAndNoOtherFormat() throws IOException {
        SetupAuditTrailSource source = new SetupAuditTrailSource(context);

        assertThat(source.recognises(file("SetupAuditTrail.csv", OBJECT_EXPORT))).isTrue();
        assertThat(source.recognises(file("SetupAuditTrail-download.csv", DOWNLOAD))).isTrue();
        // Data Loader writes the field names in upper case; a SOQL relationship column names the user.
        assertThat(source.recognises(file("dataloader.csv", """
                "ID","ACTION","SECTION","CREATEDDATE","CREATEDBY.USERNAME","DISPLAY","DELEGATEUSER"
                """))).isTrue();

        assertThat(source.recognises(file("Login.csv", TestFixtures.LOGIN_CSV))).isFalse();
        assertThat(source.recognises(file("events.jsonl", TestFixtures.EVENTS_JSONL))).isFalse();
        assertThat(source.recognises(file("users.csv", TestFixtures.USERS_CSV))).isFalse();
        // HubSpot's audit log (account activity API) as JSON and as CSV with its field names.
        assertThat(source.recognises(file("hubspot-audit.json", """
                {"results":[{"id":"jAzNiQgaEZ","category":"PIPELINE","subCategory":"DEAL","action":"UPDATE","targetObjectId":"Sales Pipeline","occurredAt":"2025-10-01T20:58:49.529Z","actingUser":{"userId":876,"userEmail":"ada.lovelace@example.com"}}]}
                """))).isFalse();
        assertThat(source.recognises(file("hubspot-audit.csv", """
                id,category,subCategory,action,targetObjectId,occurredAt,actingUser.userId,actingUser.userEmail
                jAzNiQgaEZ,PIPELINE,DEAL,UPDATE,Sales Pipeline,2025-10-01T20:58:49.529Z,876,ada.lovelace@example.com
                """))).isFalse();
        assertThat(source.recognises(file("purview.csv", """
                RecordId,CreationDate,RecordType,Operation,UserId,AuditData
                """))).isFalse();
        // Each Salesforce source takes only its own files.
        assertThat(source.recognises(file("LoginHistory.csv", """
                "ID","USERID","LOGINTIME","LOGINTYPE","STATUS"
                """))).isFalse();
        assertThat(new LoginHistorySource(context).recognises(file("SetupAuditTrail.csv", OBJECT_EXPORT))).isFalse();
        assertThat(new LoginHistorySource(context).recognises(file("SetupAuditTrail-download.csv", DOWNLOAD))).isFalse();
    }

    @Test
    void theRegistryHandsTheAuditTrailToThisSource() throws IOException {
        Sources sources = Sources.all(context);

        assertThat(sources.recognise(file("SetupAuditTrail.csv", OBJECT_EXPORT)).orElseThrow().name())
                .isEqualTo("salesforce-setupaudittrail");
        assertThat(sources.recognise(file("SetupAuditTrail-download.csv", DOWNLOAD)).orElseThrow().name())
                .isEqualTo("salesforce-setupaudittrail");
    }

    private InputFile file(String name, String text) {
        return new InputFile(write(dir.resolve(name), text), name);
    }
}
