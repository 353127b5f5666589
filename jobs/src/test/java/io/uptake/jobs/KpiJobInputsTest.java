package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny warehouse loaded step by step, as a user would: first without training or costs and with
 * goals the job cannot evaluate, then with costs in the wrong currency, then with the assumptions that
 * match them, then with costs in two currencies. At every step the marts that can be computed are, the
 * others are named with the reason, and nothing is a stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KpiJobInputsTest {

    static final String ADA = "0055g000000hwlrAAA";
    static final String BOB = "0055g00000117FJAAY";
    static final String BOT = "0055g00003CpwHFAAZ";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-04T06:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TRAINING_MARTS =
            List.of(Marts.TRAINING_GAP, Marts.TEAMS_NEEDING_HELP, Marts.TRAINING_EFFECT, Marts.TRAINING_USERS);
    private static final List<String> ROI_MARTS = List.of(Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
    /** Ada (Sales) manages Bob (Service), both licensed from 2025-09-01 in wave w1; the bot is no human. */
    static final String USERS_CSV = """
            user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave
            %s,Ada Lovelace,ada@example.com,Sales,Sales,Manager,EMEA,,full,150.00,2025-09-01,,w1
            %s,Bob Byte,bob@example.com,Service,Service,Agent,EMEA,%s,full,150.00,2025-09-01,,w1
            %s,Integration Bot,bot@example.com,Integration,IT,Integration,EMEA,,integration,0.00,2025-09-01,,
            """.formatted(ADA, BOB, ADA, BOT);
    static final String WAVES_CSV = "wave,go_live_date,description\nw1,2025-10-01,Everyone\n";
    private static final String NOT_LOADED = " has not been loaded (./uptake ingest a directory holding it)";

    @TempDir
    static Path dir;
    static SparkSession spark;
    static DataLayout layout;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("KpiJobInputsTest");
        layout = new DataLayout(dir.resolve("data"));
    }

    @Test
    @Order(1)
    void withoutTrainingAndCostsEveryOtherMartIsProducedAndBadGoalsAreNamed() throws Exception {
        load("first", Map.of(
                "users.csv", USERS_CSV,
                "waves.csv", WAVES_CSV,
                "records.csv", """
                        object_type,record_id,owner_id,created_at,last_modified_at,required_fields_total,required_fields_filled,dedupe_key,is_closed,is_won,amount,close_date,source_system
                        Opportunity,0065g000000AAAAAAA,%s,2025-09-02T10:00:00Z,2025-10-02T10:00:00Z,8,8,opp-1,true,true,1000.00,2025-10-02,crm-ui
                        """.formatted(ADA),
                "goals.csv", """
                        goal_id,kpi,scope,baseline,target,start_date,due_date
                        G1,adoption_rate,all,0.2,0.9,2025-10-01,2025-12-31
                        G2,adoption_rate,team:Finance,0.2,0.9,2025-10-01,2025-12-31
                        G3,nps,all,0.2,0.9,2025-10-01,2025-12-31
                        G4,trained_share,all,0.2,0.9,2025-10-01,2025-12-31
                        """,
                "events.jsonl", event("e1", ADA, "2025-10-01", "record_update", "web")
                        + event("e2", BOB, "2025-10-02", "record_view", "mobile")
                        + event("e3", BOT, "2025-10-03", "record_update", "api")));

        KpiJob.Result result = KpiJob.run(spark, config());

        assertThat(result.unavailable()).containsOnlyKeys(Marts.TRAINING_GAP, Marts.TEAMS_NEEDING_HELP,
                Marts.TRAINING_EFFECT, Marts.TRAINING_USERS, Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
        assertThat(result.unavailable().get(Marts.TRAINING_GAP)).isEqualTo("training.csv" + NOT_LOADED);
        assertThat(result.unavailable().get(Marts.ROI_SUMMARY)).isEqualTo("costs.csv" + NOT_LOADED);
        assertThat(result.rowsWritten().keySet()).containsExactly(Marts.ADOPTION_DAILY, Marts.MODULE_ADOPTION,
                Marts.USER_ACTIVITY, Marts.LIFECYCLE_WEEKLY, Marts.SOURCE_FRESHNESS, Marts.RECORD_FRESHNESS,
                Marts.RECORD_OWNERS, Marts.ROLLOUT_CURVE, Marts.WAVE_SUMMARY, Marts.GOALS_STATUS, Marts.MANAGER_SUPPORT);
        assertThat(result.warnings()).containsExactly(
                "training_gap and teams_needing_help and training_effect and training_users not computed: training.csv"
                        + NOT_LOADED,
                "roi_monthly and roi_summary not computed: costs.csv" + NOT_LOADED,
                "goal G2 in goals.csv: unknown team 'Finance' in scope 'team:Finance': expected one of Sales, Service",
                "goal G3 in goals.csv: unknown KPI 'nps': expected one of adoption_rate, stickiness, stale_share_30d,"
                        + " completeness_avg, duplicate_rate, trained_share, roi_cum",
                "goal G4 in goals.csv: no value of 'trained_share': training.csv" + NOT_LOADED);
        JsonNode snapshot = snapshot();
        assertThat(snapshot.path(Snapshot.UNAVAILABLE).path(Marts.TRAINING_EFFECT).asText())
                .isEqualTo("training.csv" + NOT_LOADED);
        assertThat(snapshot.path(Snapshot.MARTS).has(Marts.TRAINING_GAP)).isFalse();
        assertThat(snapshot.has(Snapshot.ROI_ASSUMPTIONS)).isFalse();
        // Ada and Bob are both active in the 28 days to 2025-10-03; the goal itself is fine.
        JsonNode g1 = goal(snapshot, "G1");
        assertThat(g1.path(Marts.CURRENT).asDouble()).isEqualTo(1.0);
        assertThat(g1.path(Marts.GOAL_STATUS).asText()).isEqualTo(Marts.GOAL_DONE);
    }

    @Test
    @Order(2)
    void costsInAnotherCurrencyThanTheAssumptionsWithholdOnlyTheRoi() throws Exception {
        load("second", Map.of(
                "training.csv", """
                        user_id,course_id,module,completed_at,format,score,hours
                        %s,SAL-101,sales,2025-09-20,classroom,90,4.0
                        """.formatted(ADA),
                "costs.csv", "month,category,amount,currency\n2025-09,license,300.00,EUR\n2025-10,license,300.00,EUR\n"));

        KpiJob.Result result = KpiJob.run(spark, config());

        assertThat(result.rowsWritten()).containsKeys(TRAINING_MARTS.toArray(String[]::new));
        assertThat(result.unavailable()).containsOnlyKeys(ROI_MARTS);
        assertThat(result.unavailable().get(Marts.ROI_MONTHLY)).isEqualTo("costs.csv is in EUR but the ROI assumptions"
                + " (defaults) value time in USD: set their currency to match the costs");
        assertThat(result.warnings()).contains(
                "No roi_assumptions.json has been loaded: the ROI uses the documented defaults");
        // one of Ada and Bob trained, in any module
        assertThat(goal(snapshot(), "G4").path(Marts.CURRENT).asDouble()).isEqualTo(1 / 2.0);
    }

    @Test
    @Order(3)
    void matchingAssumptionsGiveTheRoiAndTheSnapshotCarriesThem() throws Exception {
        RoiAssumptions eur = new RoiAssumptions("EUR", 60.0, 0.1, Map.of("record_update", 6.0),
                Map.of("low", 0.5, "base", 1.0, "high", 1.5));
        load("third", Map.of("roi_assumptions.json", eur.toJson()));

        KpiJob.Result result = KpiJob.run(spark, config());

        assertThat(result.unavailable()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                "goal G2 in goals.csv: unknown team 'Finance' in scope 'team:Finance': expected one of Sales, Service",
                "goal G3 in goals.csv: unknown KPI 'nps': expected one of adoption_rate, stickiness, stale_share_30d,"
                        + " completeness_avg, duplicate_rate, trained_share, roi_cum");
        JsonNode snapshot = snapshot();
        JsonNode basis = snapshot.path(Snapshot.ROI_ASSUMPTIONS);
        assertThat(basis.path(Snapshot.ROI_ASSUMPTIONS_SOURCE).asText()).matches("config/roi_assumptions-\\d+\\.json");
        assertThat(basis.path("currency").asText()).isEqualTo("EUR");
        assertThat(basis.path("hourly_rate").asDouble()).isEqualTo(60.0);
        // October: Ada's web update saves 6 minutes = 0.1 h * 60 = 6.0; the won 1000 * 0.1 = 100.0.
        JsonNode october = snapshot.path(Snapshot.MARTS).path(Marts.ROI_MONTHLY).get(1);
        assertThat(october.path("month").asText()).isEqualTo("2025-10");
        assertThat(october.path(Marts.BENEFIT_TIME).asDouble()).isEqualTo(6.0 / 60 * 60.0);
        assertThat(october.path(Marts.BENEFIT_REVENUE).asDouble()).isEqualTo(1000.0 * 0.1);
    }

    @Test
    @Order(4)
    void costsInTwoCurrenciesWithdrawThePreviousRoiAndNameTheMonths() throws Exception {
        load("fourth", Map.of("costs.csv",
                "month,category,amount,currency\n2025-09,license,300.00,EUR\n2025-10,license,330.00,USD\n"));

        KpiJob.Result result = KpiJob.run(spark, config());

        String reason = "Costs in more than one currency: EUR in 2025-09; USD in 2025-10. Convert them to one currency"
                + " in costs.csv";
        assertThat(result.unavailable()).isEqualTo(Map.of(Marts.ROI_MONTHLY, reason, Marts.ROI_SUMMARY, reason));
        // the third run's ROI is gone from the marts and the snapshot: no reader mistakes it for this run's
        assertThat(Files.exists(layout.mart(Marts.ROI_MONTHLY))).isFalse();
        assertThat(Files.exists(layout.mart(Marts.TRAINING_GAP))).isTrue();
        assertThat(snapshot().path(Snapshot.MARTS).has(Marts.ROI_SUMMARY)).isFalse();
        assertThat(snapshot().path(Snapshot.UNAVAILABLE).path(Marts.ROI_SUMMARY).asText()).isEqualTo(reason);
    }

    @Test
    @Order(5)
    void theSameWarehouseReadThroughAnotherHadoopFileSystemUriGivesTheSameMarts() throws Exception {
        KpiJob.Result local = KpiJob.run(spark, config());
        spark.sparkContext().hadoopConfiguration().set("fs." + OtherFileSystem.SCHEME + ".impl",
                OtherFileSystem.class.getName());
        OtherFileSystem.opened.set(0);
        String uri = OtherFileSystem.SCHEME + "://" + layout.dataDir();
        Files.delete(layout.snapshot());

        KpiJob.Result other = KpiJob.run(spark, new JobConfig(new WarehouseLocation(uri), Optional.empty(), "local[2]",
                Clock.offset(CLOCK, java.time.Duration.ofMinutes(1)), false));

        assertThat(other.rowsWritten()).isEqualTo(local.rowsWritten());
        assertThat(other.activity().daysChanged()).isEmpty();
        // commit files, the daily activity state and parquet files were all opened through that file system
        assertThat(OtherFileSystem.opened.get()).isGreaterThan(20);
        assertThat(snapshot().path(Snapshot.RUN_ID).asText()).isEqualTo(other.runId());
    }

    /** The local disk under another scheme: a file system the job can only reach through Hadoop's API. */
    public static final class OtherFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
        static final String SCHEME = "otherfs";
        static final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public java.net.URI getUri() {
            return java.net.URI.create(SCHEME + ":///");
        }

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public org.apache.hadoop.fs.FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize)
                throws IOException {
            opened.incrementAndGet();
            return super.open(f, bufferSize);
        }
    }

    private static JobConfig config() {
        return new JobConfig(layout, Optional.empty(), "local[2]", CLOCK);
    }

    private static void load(String name, Map<String, String> files) throws IOException, IngestException {
        Path input = dir.resolve(name);
        Files.createDirectories(input);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(input.resolve(file.getKey()), file.getValue());
        }
        new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), CLOCK, report -> { }).run(List.of(input));
    }

    private static String event(String id, String user, String day, String type, String client) {
        return """
                {"event_id":"%s","occurred_at":"%sT09:00:00Z","user_id":"%s","event_type":"%s","module":"sales",\
                "client":"%s","status":"success","source":"service-console"}
                """.formatted(id, day, user, type, client);
    }

    private static JsonNode snapshot() throws IOException {
        return new ObjectMapper().readTree(layout.snapshot().toFile());
    }

    private static JsonNode goal(JsonNode snapshot, String goalId) {
        for (JsonNode goal : snapshot.path(Snapshot.MARTS).path(Marts.GOALS_STATUS)) {
            if (goal.path("goal_id").asText().equals(goalId)) {
                return goal;
            }
        }
        throw new AssertionError("no goal " + goalId + " in the snapshot");
    }
}
