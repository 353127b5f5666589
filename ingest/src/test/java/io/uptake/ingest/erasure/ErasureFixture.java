package io.uptake.ingest.erasure;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.write;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.TestFixtures;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A data directory with two users everywhere erasure looks, built by ingesting small hand-written
 * files with the real {@link Ingest} (two commits) plus hand-written marts and a serving snapshot.
 *
 * <pre>
 * commit 1 (export/): LightningPageView.csv, Login.csv, events.jsonl (TestFixtures), records.csv, training.csv, users.csv
 * commit 2 (late.jsonl): k-1 Ada 10-01, k-2 Ada 10-03, k-3 Grace 10-04, k-4 Grace and k-5 Ada rejected, k-6 u-1042 10-04
 *
 * events/event_date=2025-10-01/part-1   Ada login 08:00, Ada views an Opportunity 09:00, Grace views Ada's User record 09:05
 * events/event_date=2025-10-01/part-2   k-1 Ada logout 12:00
 * events/event_date=2025-10-02/part-1   Grace login 07:30, j-1 Grace report 08:00
 * events/event_date=2025-10-03/part-2   k-2 Ada record_update
 * events/event_date=2025-10-04/part-2   k-3 Grace login 09:00, k-6 u-1042 page_view 12:00
 * quarantine/part-1                     Login.csv lines 4, 5, 6 (no user), 7 (Ada); events.jsonl line 2 (no user)
 * quarantine/part-2                     late.jsonl line 4 (Grace), line 5 (Ada)
 * users/part-1                          Ada (manager of Grace), Grace
 * training/part-1                       Ada, Grace
 * records/part-1                        Opportunity owned by Ada, Account owned by Grace
 * marts/user_activity                   Ada, Grace            (user_key)
 * marts/manager_support                 Ada                   (manager_key)
 * marts/adoption_daily                  two aggregate rows    (no user column)
 * marts/_runs                           one run
 * serving/snapshot.json                 adoption_daily 1 row, user_activity Ada + Grace, manager_support Ada
 * </pre>
 */
final class ErasureFixture {

    /**
     * When the fixture is ingested and erased: after the last event (2025-10-04T12:00Z), so that none
     * lies more than a day after the moment of ingest and is quarantined as implausible.
     */
    static final Instant NOW = Instant.parse("2025-10-05T06:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String USERS_CSV = """
            user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave
            005Aa00000BcDeF,Ada Lovelace,ada.lovelace@example.com,Sales North,Sales,Sales Manager,EMEA,,full,150,2025-09-01,,wave-1
            005Kq00000mNoPrIAK,Grace Hopper,grace.hopper@example.com,Sales North,Sales,Account Executive,EMEA,005Aa00000BcDeFIAV,full,150.5,2025-09-01,,wave-1
            """;

    static final String TRAINING_CSV = """
            user_id,course_id,module,completed_at,format,score,hours
            005Aa00000BcDeFIAV,SALES-101,sales,2025-09-10,classroom,90,4
            005Kq00000mNoPr,SALES-101,sales,2025-09-12,elearning,,2.5
            """;

    static final String RECORDS_CSV = """
            object_type,record_id,owner_id,created_at,last_modified_at,required_fields_total,required_fields_filled,dedupe_key,is_closed,is_won,amount,close_date,source_system
            Opportunity,006Aa00000XyZwQ,005Aa00000BcDeF,2025-09-02T10:00:00Z,2025-09-20T10:00:00Z,5,5,acme-renewal,false,false,12000,2025-11-30,crm
            Account,001Aa00000AbCdE,005Kq00000mNoPrIAK,2025-09-03T10:00:00Z,2025-09-03T10:00:00Z,4,3,acme,false,false,,,crm
            """;

    /** 6 read = 4 events + 2 quarantined (lines 4 and 5: unknown event_type, each naming a user). */
    static final String LATE_JSONL = """
            {"event_id":"k-1","occurred_at":"2025-10-01T12:00:00Z","user_id":"005Aa00000BcDeFIAV","event_type":"logout"}
            {"event_id":"k-2","occurred_at":"2025-10-03T09:00:00Z","user_id":"005Aa00000BcDeF","event_type":"record_update","object_type":"Opportunity","record_id":"006Aa00000XyZwQ"}
            {"event_id":"k-3","occurred_at":"2025-10-04T09:00:00Z","user_id":"005Kq00000mNoPr","event_type":"login"}
            {"event_id":"k-4","occurred_at":"2025-10-04T10:00:00Z","user_id":"005Kq00000mNoPr","event_type":"teleport"}
            {"event_id":"k-5","occurred_at":"2025-10-04T11:00:00Z","user_id":"005Aa00000BcDeF","event_type":"teleport"}
            {"event_id":"k-6","occurred_at":"2025-10-04T12:00:00Z","user_id":"u-1042","event_type":"page_view"}
            """;

    static final String USER_ACTIVITY_FILE = "part-00000-5b1e0c1a-c000.snappy.parquet";
    static final String MANAGER_SUPPORT_FILE = "part-00000-7d2f9e4b-c000.snappy.parquet";
    static final String ADOPTION_DAILY_FILE = "part-00000-1a2b3c4d-c000.snappy.parquet";
    static final String RUNS_FILE = "part-00000-9e8d7c6b-c000.snappy.parquet";

    static final String SNAPSHOT_JSON = """
            {"run_id":"20251003T050000.000Z","as_of":"2025-10-02","created_at":"2025-10-03T05:00:00Z","teams":["Sales North"],
             "marts":{
              "adoption_daily":[{"date":"2025-10-01","team":"Sales North","licensed_users":2,"dau":2,"adoption_rate":1.0}],
              "user_activity":[
               {"user_key":"%1$s","display_name":"Ada Lovelace","team":"Sales North","active_days_28d":3,"status":"active"},
               {"user_key":"%2$s","display_name":"Grace Hopper","team":"Sales North","active_days_28d":2,"status":"active"}],
              "manager_support":[
               {"manager_key":"%1$s","display_name":"Ada Lovelace","team":"Sales North","own_analytics_views_28d":1,"team_adoption_rate":1.0}]}}
            """.formatted(ADA_KEY, GRACE_KEY);

    /** The snapshot without Ada's two rows. */
    static final String SNAPSHOT_WITHOUT_ADA_JSON = """
            {"run_id":"20251003T050000.000Z","as_of":"2025-10-02","created_at":"2025-10-03T05:00:00Z","teams":["Sales North"],
             "marts":{
              "adoption_daily":[{"date":"2025-10-01","team":"Sales North","licensed_users":2,"dau":2,"adoption_rate":1.0}],
              "user_activity":[
               {"user_key":"%s","display_name":"Grace Hopper","team":"Sales North","active_days_28d":2,"status":"active"}],
              "manager_support":[]}}
            """.formatted(GRACE_KEY);

    final DataLayout layout;
    final Path export;
    final Path late;

    private ErasureFixture(DataLayout layout, Path export, Path late) {
        this.layout = layout;
        this.export = export;
        this.late = late;
    }

    /** Builds the data directory under {@code tmp/data}, with the test key in its key file. */
    static ErasureFixture create(Path tmp) throws IOException, IngestException {
        DataLayout layout = new DataLayout(tmp.resolve("data"));
        Path export = tmp.resolve("export");
        write(export.resolve("Login.csv"), TestFixtures.LOGIN_CSV);
        write(export.resolve("LightningPageView.csv"), TestFixtures.PAGE_VIEW_CSV);
        write(export.resolve("events.jsonl"), TestFixtures.EVENTS_JSONL);
        write(export.resolve("users.csv"), USERS_CSV);
        write(export.resolve("training.csv"), TRAINING_CSV);
        write(export.resolve("records.csv"), RECORDS_CSV);
        Path late = write(tmp.resolve("late/late.jsonl"), LATE_JSONL);
        ingest(layout, export);
        ingest(layout, late);
        // The same key the ingests used, as the key file holds it: hex.
        write(layout.keyFile(), HexFormat.of().formatHex(TestFixtures.KEY_TEXT.getBytes(StandardCharsets.US_ASCII)) + "\n");

        Path marts = layout.marts();
        MessageType userActivity = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  optional binary user_key (STRING);
                  optional binary display_name (STRING);
                  optional binary team (STRING);
                  optional int32 active_days_28d;
                  optional binary status (STRING);
                }""");
        SimpleGroupFactory ua = new SimpleGroupFactory(userActivity);
        writeParquet(marts.resolve("user_activity").resolve(USER_ACTIVITY_FILE), userActivity, List.of(
                ua.newGroup().append("user_key", ADA_KEY).append("display_name", "Ada Lovelace")
                        .append("team", "Sales North").append("active_days_28d", 3).append("status", "active"),
                ua.newGroup().append("user_key", GRACE_KEY).append("display_name", "Grace Hopper")
                        .append("team", "Sales North").append("active_days_28d", 2).append("status", "active")));
        Files.createFile(marts.resolve("user_activity").resolve("_SUCCESS"));
        MessageType managerSupport = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  optional binary manager_key (STRING);
                  optional binary display_name (STRING);
                  optional binary team (STRING);
                  optional int64 own_analytics_views_28d;
                  optional double team_adoption_rate;
                }""");
        SimpleGroupFactory ms = new SimpleGroupFactory(managerSupport);
        writeParquet(marts.resolve("manager_support").resolve(MANAGER_SUPPORT_FILE), managerSupport, List.of(
                ms.newGroup().append("manager_key", ADA_KEY).append("display_name", "Ada Lovelace")
                        .append("team", "Sales North").append("own_analytics_views_28d", 1L).append("team_adoption_rate", 1.0)));
        MessageType adoptionDaily = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  optional int32 date (DATE);
                  optional binary team (STRING);
                  optional int64 licensed_users;
                  optional int64 dau;
                }""");
        SimpleGroupFactory ad = new SimpleGroupFactory(adoptionDaily);
        int day = (int) LocalDate.parse("2025-10-01").toEpochDay();
        writeParquet(marts.resolve("adoption_daily").resolve(ADOPTION_DAILY_FILE), adoptionDaily, List.of(
                ad.newGroup().append("date", day).append("team", "Sales North").append("licensed_users", 2L).append("dau", 2L),
                ad.newGroup().append("date", day).append("team", "__all__").append("licensed_users", 2L).append("dau", 2L)));
        MessageType runs = MessageTypeParser.parseMessageType("message spark_schema { optional binary run_id (STRING); }");
        writeParquet(marts.resolve("_runs").resolve(RUNS_FILE), runs,
                List.of(new SimpleGroupFactory(runs).newGroup().append("run_id", "20251003T050000.000Z")));
        write(layout.snapshot(), SNAPSHOT_JSON);
        return new ErasureFixture(layout, export, late);
    }

    private static void ingest(DataLayout layout, Path input) throws IOException, IngestException {
        new Ingest(layout, TestFixtures.pseudonymizer(), CLOCK, report -> { }).run(List.of(input));
    }

    private static void writeParquet(Path file, MessageType schema, List<Group> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema).withConf(new Configuration(false)).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
    }
}
