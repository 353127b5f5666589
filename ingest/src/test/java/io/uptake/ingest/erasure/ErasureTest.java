package io.uptake.ingest.erasure;

import static io.uptake.ingest.TestFixtures.ADA_15;
import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static io.uptake.ingest.erasure.ErasureFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.WarehouseRows;
import io.uptake.ingest.eventid.EventIdHash;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErasureTest {

    private static final String PART_1 = "part-00000000000000000001.parquet";
    private static final String PART_2 = "part-00000000000000000002.parquet";
    private static final String PART_3 = "part-00000000000000000003.parquet";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ErasureFixture fixture;
    private DataLayout layout;

    @BeforeEach
    void buildWarehouse() throws Exception {
        fixture = ErasureFixture.create(tmp);
        layout = fixture.layout;
    }

    private Erasure.Report erase(String userId) throws IOException {
        return new Erasure(layout, TestFixtures.pseudonymizer(), ErasureFixture.CLOCK).erase(userId);
    }

    private List<Map<String, Object>> rows(String table) throws IOException {
        return WarehouseRows.rows(layout, table);
    }

    private List<Map<String, Object>> mart(String mart) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path file : martFiles(layout.mart(mart))) {
            rows.addAll(WarehouseRows.read(file));
        }
        return rows;
    }

    private static List<Path> martFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** Every string value, in every column, of every live warehouse file and every mart file (runs included). */
    private List<String> everyStoredString() throws IOException {
        List<Path> files = new ArrayList<>();
        new CommitLog(layout).liveFiles().forEach(f -> files.add(layout.warehouse().resolve(f)));
        files.addAll(martFiles(layout.marts()));
        List<String> strings = new ArrayList<>();
        for (Path file : files) {
            for (Map<String, Object> row : WarehouseRows.read(file)) {
                row.values().stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
            }
        }
        return strings;
    }

    private static long occurrences(String text, String key) {
        return text.split(key, -1).length - 1;
    }

    private static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    @Test
    void quarantinedLinesCarryTheKeyOfTheUserTheyNameSoThatTheyCanBeErased() throws Exception {
        String login = fixture.export.resolve("Login.csv").toString();
        String events = fixture.export.resolve("events.jsonl").toString();
        String late = fixture.late.toString();

        assertThat(rows(Tables.QUARANTINE))
                .extracting(r -> r.get(Columns.INPUT), r -> r.get(Columns.LINE), r -> r.get(Columns.USER_KEY))
                .containsExactly(
                        tuple(login, 4L, null), // header line repeated: names the column, not a user
                        tuple(login, 5L, null), // three fields: cut off before USER_ID
                        tuple(login, 6L, null), // empty USER_ID
                        tuple(login, 7L, ADA_KEY), // bad TIMESTAMP, Ada's USER_ID_DERIVED
                        tuple(events, 2L, null), // no user_id
                        tuple(late, 4L, GRACE_KEY),
                        tuple(late, 5L, ADA_KEY));
    }

    @Test
    void afterErasingAdaNoStoredRowMartRowOrSnapshotRowCarriesHerKey() throws Exception {
        // Before: events 4 user_key + 1 record_id (Grace viewed Ada's User record), users 1 user_key + 1
        // manager_key, training 1, records 1 owner_key, quarantine 2, user_activity 1, manager_support 1.
        assertThat(everyStoredString()).filteredOn(s -> s.contains(ADA_KEY)).hasSize(13);
        assertThat(occurrences(Files.readString(layout.snapshot()), ADA_KEY)).isEqualTo(2);

        erase(ADA_15);

        assertThat(everyStoredString()).filteredOn(s -> s.contains(ADA_KEY)).isEmpty();
        assertThat(occurrences(Files.readString(layout.snapshot()), ADA_KEY)).isZero();
    }

    @Test
    void theLinesTheCollectorSetAsideNamingHerAreRemovedAndAFileLeftEmptyIsDeleted() throws Exception {
        // As the collector writes them: the line's number, why, and the raw event, which holds a raw id.
        Path setAside = layout.dataDir().resolve("collector-wal").resolve("quarantine");
        Files.createDirectories(setAside);
        String grace = "{\"line\":2,\"reason\":\"broken\",\"event\":\"{\\\"event_id\\\":\\\"g\\\",\\\"user_id\\\":\\\"005Kq00000mNoPr\\\"}\"}";
        Files.writeString(setAside.resolve("segment-1.jsonl"), String.join("\n",
                "{\"line\":1,\"reason\":\"broken\",\"event\":\"{\\\"event_id\\\":\\\"a\\\",\\\"user_id\\\":\\\"005Aa00000BcDeFIAV\\\"}\"}",
                grace,
                "{\"line\":3,\"reason\":\"not JSON\",\"event\":\"005Aa00000BcDeF,cut off\"}") + "\n");
        Files.writeString(setAside.resolve("segment-2.jsonl"),
                "{\"line\":1,\"reason\":\"broken\",\"event\":\"{\\\"user_id\\\":\\\"005Aa00000BcDeF\\\"}\"}\n");

        Erasure.Report report = erase(ADA_15);

        assertThat(Files.readAllLines(setAside.resolve("segment-1.jsonl"))).containsExactly(grace);
        assertThat(setAside.resolve("segment-2.jsonl")).doesNotExist();
        assertThat(report.outcomes()).filteredOn(o -> o.table().equals("collector-wal/quarantine"))
                .extracting(Erasure.Outcome::removed).containsExactly(3L);
    }

    @Test
    void theJobsDailyActivityTablesAreRemovedWholeForTheNextRunToRebuild() throws Exception {
        Path activity = layout.warehouse().resolve("activity");
        Path userDay = Files.createDirectories(activity.resolve("user_day/activity_month=2025-10"));
        Files.writeString(userDay.resolve("part-000001-000.parquet"), "Ada's user-day rows");
        Files.createDirectories(activity.resolve("_state"));
        Files.writeString(activity.resolve("_state/00000000000000000001.json"), "{}");

        Erasure.Report report = erase(ADA_15);

        assertThat(activity).doesNotExist();
        assertThat(report.outcomes()).filteredOn(Erasure.Outcome::dropped).extracting(Erasure.Outcome::table)
                .containsExactly("activity");
        assertThat(erase(ADA_15).outcomes()).noneMatch(Erasure.Outcome::dropped);
    }

    @Test
    void everyOtherUsersRowsAreExactlyAsBefore() throws Exception {
        List<Map<String, Object>> events = rows(Tables.EVENTS);
        List<Map<String, Object>> users = rows(Tables.USERS);
        List<Map<String, Object>> training = rows(Tables.TRAINING);
        List<Map<String, Object>> records = rows(Tables.RECORDS);
        List<Map<String, Object>> quarantine = rows(Tables.QUARANTINE);
        List<Map<String, Object>> userActivity = mart("user_activity");

        erase(ADA_15);

        // events: 9 before = 4 of Ada's removed (0, 1, 3, 6) + 5 kept, one of which (2: Grace's view of Ada's
        // User record) loses its record_id.
        assertThat(events).hasSize(9);
        assertThat(events).extracting(r -> r.get(Columns.USER_KEY)).containsExactly(
                ADA_KEY, ADA_KEY, GRACE_KEY, ADA_KEY, GRACE_KEY, GRACE_KEY, ADA_KEY, GRACE_KEY, U1042_KEY);
        assertThat(events.get(2).get(Columns.RECORD_ID)).isEqualTo(ADA_KEY);
        assertThat(rows(Tables.EVENTS)).containsExactly(
                with(events.get(2), Columns.RECORD_ID, null), events.get(4), events.get(5), events.get(7), events.get(8));
        assertThat(rows(Tables.EVENTS))
                .extracting(r -> r.get(Columns.USER_KEY), r -> r.get(Columns.OCCURRED_AT), r -> r.get(Columns.OBJECT_TYPE))
                .containsExactly(
                        tuple(GRACE_KEY, Instant.parse("2025-10-01T09:05:00Z"), "User"),
                        tuple(GRACE_KEY, Instant.parse("2025-10-02T07:30:00Z"), null),
                        tuple(GRACE_KEY, Instant.parse("2025-10-02T08:00:00Z"), null),
                        tuple(GRACE_KEY, Instant.parse("2025-10-04T09:00:00Z"), null),
                        tuple(U1042_KEY, Instant.parse("2025-10-04T12:00:00Z"), null));
        // users: Ada's row goes; Grace's stays, her manager (Ada) cleared.
        assertThat(users).extracting(r -> r.get(Columns.DISPLAY_NAME)).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(users.get(1).get(Columns.MANAGER_KEY)).isEqualTo(ADA_KEY);
        assertThat(rows(Tables.USERS)).containsExactly(with(users.get(1), Columns.MANAGER_KEY, null));
        assertThat(rows(Tables.TRAINING)).containsExactly(training.get(1));
        assertThat(training.get(1).get(Columns.USER_KEY)).isEqualTo(GRACE_KEY);
        // records: both records stay; the one Ada owned has no owner any more.
        assertThat(records).extracting(r -> r.get(Columns.OWNER_KEY)).containsExactly(ADA_KEY, GRACE_KEY);
        assertThat(rows(Tables.RECORDS)).containsExactly(with(records.get(0), Columns.OWNER_KEY, null), records.get(1));
        // quarantine: Login.csv line 7 and late.jsonl line 5 go.
        assertThat(rows(Tables.QUARANTINE)).containsExactly(
                quarantine.get(0), quarantine.get(1), quarantine.get(2), quarantine.get(4), quarantine.get(5));
        assertThat(mart("user_activity")).containsExactly(userActivity.get(1));
        assertThat(userActivity.get(1).get(Columns.USER_KEY)).isEqualTo(GRACE_KEY);
        assertThat(mart("manager_support")).isEmpty();
        assertThat(JSON.readTree(layout.snapshot().toFile())).isEqualTo(JSON.readTree(ErasureFixture.SNAPSHOT_WITHOUT_ADA_JSON));
    }

    @Test
    void filesWithoutHerRowsKeepTheirNamesAndOneCommitSwapsInTheRewrittenFiles() throws Exception {
        List<String> added = List.of(
                "events/event_date=2025-10-01/" + PART_3,
                "users/" + PART_3,
                "training/" + PART_3,
                "records/" + PART_3,
                "quarantine/" + PART_3);
        List<String> retired = List.of(
                "events/event_date=2025-10-01/" + PART_1,
                "events/event_date=2025-10-01/" + PART_2,
                "events/event_date=2025-10-03/" + PART_2,
                "users/" + PART_1,
                "training/" + PART_1,
                "records/" + PART_1,
                "quarantine/" + PART_1,
                "quarantine/" + PART_2);

        Erasure.Report report = erase(ADA_15);

        assertThat(report.commit()).isEqualTo("00000000000000000003.json");
        List<CommitLog.Commit> commits = new CommitLog(layout).commits();
        assertThat(commits).hasSize(3);
        assertThat(commits.get(2)).isEqualTo(new CommitLog.Commit(3, NOW.toString(),
                List.of(new CommitLog.InputEntry("erase-user", Hashes.sha256("erase-user:" + ADA_KEY), "erasure", 0, 0, 0, 0)),
                added, retired));
        // Partitions 10-02 and 10-04 held no row of Ada's: same files. 10-03 held only hers: no file left.
        assertThat(WarehouseRows.liveFiles(layout, Tables.EVENTS)).containsExactly(
                "events/event_date=2025-10-01/" + PART_3,
                "events/event_date=2025-10-02/" + PART_1,
                "events/event_date=2025-10-04/" + PART_2);
        // The one rewritten day holds what the two retired files of that day kept: Grace's view.
        assertThat(WarehouseRows.read(layout.warehouse().resolve(added.get(0))))
                .extracting(r -> r.get(Columns.USER_KEY)).containsExactly(GRACE_KEY);
        // On disk, every file of a warehouse table is live: the retired ones are deleted, no temp file is left.
        List<String> onDisk = new ArrayList<>();
        for (String table : List.of(Tables.EVENTS, Tables.USERS, Tables.TRAINING, Tables.RECORDS, Tables.QUARANTINE)) {
            try (Stream<Path> walk = Files.walk(layout.table(table))) {
                walk.filter(Files::isRegularFile).map(f -> layout.warehouse().relativize(f).toString()).forEach(onDisk::add);
            }
        }
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(new CommitLog(layout).liveFiles());
    }

    @Test
    void aggregateMartsAndTheRunLogAreLeftByteForByte() throws Exception {
        Path adoption = layout.mart("adoption_daily").resolve(ErasureFixture.ADOPTION_DAILY_FILE);
        Path runs = layout.mart("_runs").resolve(ErasureFixture.RUNS_FILE);
        byte[] adoptionBefore = Files.readAllBytes(adoption);
        byte[] runsBefore = Files.readAllBytes(runs);

        Erasure.Report report = erase(ADA_15);

        assertThat(Files.readAllBytes(adoption)).isEqualTo(adoptionBefore);
        assertThat(Files.readAllBytes(runs)).isEqualTo(runsBefore);
        assertThat(report.outcomes()).filteredOn(Erasure.Outcome::aggregate).extracting(Erasure.Outcome::table)
                .containsExactly("marts/adoption_daily");
        // The rewritten mart keeps Spark's marker and nothing staged or retired is left beside the marts.
        try (Stream<Path> list = Files.list(layout.marts())) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("_runs", "adoption_daily", "manager_support", "user_activity");
        }
        try (Stream<Path> list = Files.list(layout.mart("user_activity"))) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("_SUCCESS", ErasureFixture.USER_ACTIVITY_FILE);
        }
    }

    @Test
    void reingestingAnInputFromBeforeTheErasureDoesNotBringHerBack() throws Exception {
        erase(ADA_15);
        List<String> liveAfterErasure = List.copyOf(new CommitLog(layout).liveFiles());

        List<Ingest.InputReport> reports = new Ingest(layout, TestFixtures.pseudonymizer(), ErasureFixture.CLOCK, r -> { })
                .run(List.of(fixture.export, fixture.late));

        // Each input is recognised by its own commit-log entry and skipped: every line counts as a duplicate.
        assertThat(reports).extracting(Ingest.InputReport::input, Ingest.InputReport::committed,
                        Ingest.InputReport::duplicates, Ingest.InputReport::alreadyIngested)
                .containsExactly(
                        tuple(fixture.export.resolve("LightningPageView.csv").toString(), 0L, 3L, true),
                        tuple(fixture.export.resolve("Login.csv").toString(), 0L, 6L, true),
                        tuple(fixture.export.resolve("events.jsonl").toString(), 0L, 3L, true),
                        tuple(fixture.export.resolve("records.csv").toString(), 0L, 2L, true),
                        tuple(fixture.export.resolve("training.csv").toString(), 0L, 2L, true),
                        tuple(fixture.export.resolve("users.csv").toString(), 0L, 2L, true),
                        tuple(fixture.late.toString(), 0L, 6L, true));
        assertThat(new CommitLog(layout).commits()).hasSize(3);
        assertThat(List.copyOf(new CommitLog(layout).liveFiles())).isEqualTo(liveAfterErasure);
        assertThat(everyStoredString()).filteredOn(s -> s.contains(ADA_KEY)).isEmpty();
    }

    @Test
    void anIdThatIsNoSalesforceIdIsKeyedAsIngestKeyedIt() throws Exception {
        Erasure.Report report = erase("u-1042");

        assertThat(report.outcomes()).extracting(Erasure.Outcome::table, Erasure.Outcome::removed, Erasure.Outcome::changed)
                .contains(tuple(Tables.EVENTS, 1L, 0L));
        assertThat(report.removed()).isEqualTo(1);
        assertThat(WarehouseRows.liveFiles(layout, Tables.EVENTS)).containsExactly(
                "events/event_date=2025-10-01/" + PART_1,
                "events/event_date=2025-10-01/" + PART_2,
                "events/event_date=2025-10-02/" + PART_1,
                "events/event_date=2025-10-03/" + PART_2,
                "events/event_date=2025-10-04/" + PART_3);
        assertThat(everyStoredString()).filteredOn(s -> s.contains(U1042_KEY)).isEmpty();
    }

    @Test
    void anErasureInterruptedBetweenTheTwoRenamesOfAMartIsFinishedByTheNextOne() throws Exception {
        // What a crash after "live mart renamed away", before "new mart renamed in", leaves.
        Path live = layout.mart("user_activity");
        Path retired = layout.marts().resolve(MartErasure.RETIRED).resolve("user_activity");
        Files.createDirectories(retired.getParent());
        Files.move(live, retired);
        Path staged = layout.marts().resolve(MartErasure.STAGING).resolve("user_activity").resolve("half-written.parquet");
        Files.createDirectories(staged.getParent());
        Files.write(staged, new byte[] {1, 2, 3});

        erase(ADA_15);

        assertThat(mart("user_activity")).extracting(r -> r.get(Columns.USER_KEY)).containsExactly(GRACE_KEY);
        assertThat(layout.marts().resolve(MartErasure.RETIRED)).doesNotExist();
        assertThat(layout.marts().resolve(MartErasure.STAGING)).doesNotExist();
    }

    @Test
    void theDeDuplicationIndexFollowsTheRewrittenAndRetiredEventsFiles() throws Exception {
        erase(ADA_15);

        // One id file per live events file: 10-01 rewritten as part-3, 10-03 retired with no file left,
        // 10-02 and 10-04 untouched.
        List<String> idFiles = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(layout.eventIds())) {
            walk.filter(Files::isRegularFile).map(f -> layout.eventIds().relativize(f).toString().replace('\\', '/'))
                    .sorted().forEach(idFiles::add);
        }
        assertThat(idFiles).containsExactly(
                "event_date=2025-10-01/" + PART_3.replace(".parquet", ".ids"),
                "event_date=2025-10-02/" + PART_1.replace(".parquet", ".ids"),
                "event_date=2025-10-04/" + PART_2.replace(".parquet", ".ids"));
        // Part 3 holds Grace's view alone: a 24-byte header and the hash of that one event's id.
        Path rewritten = layout.warehouse().resolve("events/event_date=2025-10-01/" + PART_3);
        String graceView = (String) WarehouseRows.read(rewritten).get(0).get(Columns.EVENT_ID);
        EventIdHash hash = EventIdHash.of(graceView);
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(layout.eventIds().resolve("event_date=2025-10-01/"
                + PART_3.replace(".parquet", ".ids"))))).isEqualTo("5550544b49445331"
                + String.format("%016x", Files.size(rewritten)) + "0000000000000001"
                + String.format("%016x%016x", hash.high(), hash.low()));

        // Grace's k-3 of 10-04, sent again in a new file, is still a duplicate; k-7 is new.
        Path again = TestFixtures.write(tmp.resolve("again/again.jsonl"), """
                {"event_id":"k-3","occurred_at":"2025-10-04T09:00:00Z","user_id":"005Kq00000mNoPr","event_type":"login"}
                {"event_id":"k-7","occurred_at":"2025-10-04T10:00:00Z","user_id":"005Kq00000mNoPr","event_type":"logout"}
                """);
        List<Ingest.InputReport> reports = new Ingest(layout, TestFixtures.pseudonymizer(), ErasureFixture.CLOCK, r -> { })
                .run(List.of(again));
        assertThat(reports).extracting(Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(1L, 1L));
    }
}
