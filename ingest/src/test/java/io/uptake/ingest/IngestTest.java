package io.uptake.ingest;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.EVENTS_JSONL;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.LOGIN_CSV;
import static io.uptake.ingest.TestFixtures.NOW;
import static io.uptake.ingest.TestFixtures.PAGE_VIEW_CSV;
import static io.uptake.ingest.TestFixtures.SESS77_KEY;
import static io.uptake.ingest.TestFixtures.USERS_CSV;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {

    private static final String PART_1 = "part-00000000000000000001.parquet";
    private static final String PART_2 = "part-00000000000000000002.parquet";

    @TempDir
    Path tmp;

    private final List<Ingest.InputReport> heard = new ArrayList<>();

    private DataLayout layout() {
        return new DataLayout(tmp.resolve("data"));
    }

    private List<Ingest.InputReport> ingest(Path... inputs) throws IOException, IngestException {
        return new Ingest(layout(), TestFixtures.pseudonymizer(), TestFixtures.CLOCK, heard::add).run(List.of(inputs));
    }

    /** The four fixture files in one directory, walked in name order: LightningPageView, Login, events, users. */
    private Path export() {
        Path dir = tmp.resolve("export");
        write(dir.resolve("Login.csv"), LOGIN_CSV);
        write(dir.resolve("LightningPageView.csv"), PAGE_VIEW_CSV);
        write(dir.resolve("events.jsonl"), EVENTS_JSONL);
        write(dir.resolve("users.csv"), USERS_CSV);
        return dir;
    }

    private List<Map<String, Object>> events() throws IOException {
        return WarehouseRows.rows(layout(), Tables.EVENTS);
    }

    /** An events row without its event_id, which is a content hash for ELF rows. */
    private static Map<String, Object> event(String occurredAt, String userKey, String sessionKey, String source,
                                             String sourceEventType, String eventType, String module, String objectType,
                                             String recordId, String client, String status, String errorCode, Long durationMs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(Columns.OCCURRED_AT, Instant.parse(occurredAt));
        row.put(Columns.INGESTED_AT, NOW);
        row.put(Columns.USER_KEY, userKey);
        row.put(Columns.SESSION_KEY, sessionKey);
        row.put(Columns.SOURCE, source);
        row.put(Columns.SOURCE_EVENT_TYPE, sourceEventType);
        row.put(Columns.EVENT_TYPE, eventType);
        row.put(Columns.MODULE, module);
        row.put(Columns.OBJECT_TYPE, objectType);
        row.put(Columns.RECORD_ID, recordId);
        row.put(Columns.CLIENT, client);
        row.put(Columns.STATUS, status);
        row.put(Columns.ERROR_CODE, errorCode);
        row.put(Columns.DURATION_MS, durationMs);
        return row;
    }

    private static Map<String, Object> withoutEventId(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove(Columns.EVENT_ID);
        return copy;
    }

    @Test
    void reportsReadCommittedDuplicatesAndQuarantinedPerInputAndTheyReconcile() throws Exception {
        Path dir = export();

        List<Ingest.InputReport> reports = ingest(dir);

        assertThat(reports).containsExactly(
                new Ingest.InputReport(dir.resolve("LightningPageView.csv").toString(), "salesforce-elf", 3, 2, 1, 0, false),
                new Ingest.InputReport(dir.resolve("Login.csv").toString(), "salesforce-elf", 6, 2, 0, 4, false),
                new Ingest.InputReport(dir.resolve("events.jsonl").toString(), "jsonl", 3, 1, 1, 1, false),
                new Ingest.InputReport(dir.resolve("users.csv").toString(), "reference:users", 3, 2, 0, 1, false));
        assertThat(heard).isEqualTo(reports);
        // The commit log records the same four numbers per input.
        List<CommitLog.Commit> commits = new CommitLog(layout()).commits();
        assertThat(commits).hasSize(1);
        assertThat(commits.get(0).inputs())
                .extracting(CommitLog.InputEntry::kind, CommitLog.InputEntry::read, CommitLog.InputEntry::committed,
                        CommitLog.InputEntry::duplicates, CommitLog.InputEntry::quarantined)
                .containsExactly(tuple("salesforce-elf", 3L, 2L, 1L, 0L), tuple("salesforce-elf", 6L, 2L, 0L, 4L),
                        tuple("jsonl", 3L, 1L, 1L, 1L), tuple("reference:users", 3L, 2L, 0L, 1L));
        // What is live matches: events 2 + 2 + 1 = 5, quarantine 0 + 4 + 1 + 1 = 6, users 2.
        assertThat(events()).hasSize(5);
        assertThat(WarehouseRows.rows(layout(), Tables.QUARANTINE)).hasSize(6);
        assertThat(WarehouseRows.rows(layout(), Tables.USERS)).hasSize(2);
    }

    @Test
    void aGzipFileFailingItsChecksumIsRefusedByNameAndTheOtherInputsCommit() throws Exception {
        Path dir = export();
        Files.delete(dir.resolve("Login.csv"));
        Path gz = TestFixtures.writeGzipped(dir.resolve("Login.csv.gz"), LOGIN_CSV);
        byte[] bytes = Files.readAllBytes(gz);
        // A gzip file ends with the CRC-32 of its content (4 bytes), then its length: change the CRC.
        bytes[bytes.length - 8] ^= 0x01;
        Files.write(gz, bytes);

        List<Ingest.InputReport> reports = ingest(dir);

        Ingest.InputReport refused = reports.stream().filter(r -> r.input().equals(gz.toString())).findFirst().orElseThrow();
        assertThat(refused.refused()).isEqualTo(gz + " is damaged gzip (Corrupt GZIP trailer): fetch or copy it again");
        assertThat(List.of(refused.read(), refused.committed(), refused.duplicates(), refused.quarantined()))
                .containsOnly(0L);
        // Nothing of Login: only the other inputs' events are live, and the refused bytes are not
        // recorded, so the file can be ingested once it is whole.
        // LightningPageView.csv's 2 and events.jsonl's 1, as in the first test: 3.
        assertThat(events()).hasSize(3);
        assertThat(events()).noneMatch(e -> "Login".equals(e.get(Columns.SOURCE_EVENT_TYPE)));
        assertThat(new CommitLog(layout()).commits().get(0).inputs()).extracting(CommitLog.InputEntry::input)
                .doesNotContain(gz.toString());
    }

    @Test
    void writesEachEventOnceIntoTheFileOfItsUtcDay() throws Exception {
        ingest(export());

        assertThat(WarehouseRows.liveFiles(layout(), Tables.EVENTS)).containsExactly(
                "events/event_date=2025-10-01/" + PART_1,
                "events/event_date=2025-10-02/" + PART_1);
        Path day1 = layout().warehouse().resolve("events/event_date=2025-10-01/" + PART_1);
        Path day2 = layout().warehouse().resolve("events/event_date=2025-10-02/" + PART_1);
        // Rows within a day are sorted by occurred_at. j-1 happened at 10:00+02:00 = 08:00 UTC.
        assertThat(WarehouseRows.read(day1)).map(IngestTest::withoutEventId).containsExactly(
                event("2025-10-01T08:00:00Z", ADA_KEY, null, "salesforce-elf", "Login", "login", "other", null, null,
                        "web", "success", null, null),
                event("2025-10-01T09:00:00Z", ADA_KEY, null, "salesforce-elf", "LightningPageView", "record_view", "sales",
                        "Opportunity", "006Aa00000XyZwQIAV", "web", "success", null, 1250L),
                event("2025-10-01T09:05:00Z", GRACE_KEY, null, "salesforce-elf", "LightningPageView", "record_view", "admin",
                        "User", ADA_KEY, "mobile", "success", null, 600L));
        assertThat(WarehouseRows.read(day2)).map(IngestTest::withoutEventId).containsExactly(
                event("2025-10-02T07:30:00Z", GRACE_KEY, null, "salesforce-elf", "Login", "login", "other", null, null,
                        "web", "failure", "LOGIN_ERROR_INVALID_PASSWORD", null),
                event("2025-10-02T08:00:00Z", GRACE_KEY, SESS77_KEY, "jsonl", "report_run", "report_run", "analytics",
                        null, null, "web", "success", null, null));
        List<Object> ids = events().stream().map(r -> r.get(Columns.EVENT_ID)).toList();
        assertThat(ids).doesNotHaveDuplicates().contains("j-1").hasSize(5);
    }

    @Test
    void quarantinesEveryRejectedLineWithInputLineAndReason() throws Exception {
        Path dir = export();
        String login = dir.resolve("Login.csv").toString();
        String jsonl = dir.resolve("events.jsonl").toString();
        String users = dir.resolve("users.csv").toString();

        ingest(dir);

        assertThat(WarehouseRows.liveFiles(layout(), Tables.QUARANTINE)).containsExactly("quarantine/" + PART_1);
        assertThat(WarehouseRows.rows(layout(), Tables.QUARANTINE))
                .extracting(r -> r.get(Columns.INPUT), r -> r.get(Columns.LINE), r -> r.get(Columns.REASON),
                        r -> r.get(Columns.QUARANTINED_AT))
                .containsExactly(
                        tuple(login, 4L, "Header line repeated as data in " + login + " line 4", NOW),
                        tuple(login, 5L, "Row has 3 fields but the header has 12 in " + login + " line 5", NOW),
                        tuple(login, 6L, "Missing USER_ID for a Login event in " + login + " line 6", NOW),
                        tuple(login, 7L, "Cannot parse TIMESTAMP '20251301090000.000': expected yyyyMMddHHmmss.SSS (one to three digits of fraction, or none) in "
                                + login + " line 7", NOW),
                        tuple(jsonl, 2L, "Missing required field user_id in " + jsonl + " line 2", NOW),
                        tuple(users, 4L, "Unknown license_type 'premium': expected one of [full, integration, platform, "
                                + "read_only] in " + users + " line 4", NOW));
        assertThat(WarehouseRows.rows(layout(), Tables.QUARANTINE))
                .extracting(r -> (String) r.get(Columns.CONTENT_HASH))
                .allMatch(hash -> hash.matches("[0-9a-f]{64}"))
                .doesNotHaveDuplicates();
    }

    @Test
    void secondIngestOfTheSameDirectoryAddsNothing() throws Exception {
        Path dir = export();
        ingest(dir);
        List<String> liveBefore = List.copyOf(new CommitLog(layout()).liveFiles());

        List<Ingest.InputReport> second = ingest(dir);

        // Every line of an input already committed counts as a duplicate: read = 0 + read + 0.
        assertThat(second).containsExactly(
                new Ingest.InputReport(dir.resolve("LightningPageView.csv").toString(), "salesforce-elf", 3, 0, 3, 0, true),
                new Ingest.InputReport(dir.resolve("Login.csv").toString(), "salesforce-elf", 6, 0, 6, 0, true),
                new Ingest.InputReport(dir.resolve("events.jsonl").toString(), "jsonl", 3, 0, 3, 0, true),
                new Ingest.InputReport(dir.resolve("users.csv").toString(), "reference:users", 3, 0, 3, 0, true));
        assertThat(new CommitLog(layout()).commits()).hasSize(1);
        assertThat(List.copyOf(new CommitLog(layout()).liveFiles())).isEqualTo(liveBefore);
        assertThat(events()).hasSize(5);
        assertThat(WarehouseRows.rows(layout(), Tables.QUARANTINE)).hasSize(6);
    }

    private static final String LOGOUT_HOURLY = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","SESSION_TYPE","TIMESTAMP_DERIVED","USER_ID_DERIVED"
            "Logout","20251001090500.000","4M1","005Aa00000BcDeF","U","2025-10-01T09:05:00.000Z","005Aa00000BcDeFIAV"
            "Logout","20251001093000.000","4M2","005Kq00000mNoPr","U","2025-10-01T09:30:00.000Z","005Kq00000mNoPrIAK"
            """;

    /** The same two events as the hourly file, columns in another order, plus one earlier event. */
    private static final String LOGOUT_DAILY = """
            "USER_ID_DERIVED","TIMESTAMP_DERIVED","EVENT_TYPE","USER_ID","REQUEST_ID","TIMESTAMP","SESSION_TYPE"
            "005Aa00000BcDeFIAV","2025-10-01T08:15:00.000Z","Logout","005Aa00000BcDeF","4M0","20251001081500.000","U"
            "005Aa00000BcDeFIAV","2025-10-01T09:05:00.000Z","Logout","005Aa00000BcDeF","4M1","20251001090500.000","U"
            "005Kq00000mNoPrIAK","2025-10-01T09:30:00.000Z","Logout","005Kq00000mNoPr","4M2","20251001093000.000","U"
            """;

    private List<Object> liveUsersAndTimes() throws IOException {
        return events().stream().map(r -> (Object) tuple(r.get(Columns.USER_KEY), r.get(Columns.OCCURRED_AT))).toList();
    }

    @Test
    void anHourlyFileThenADailyFileWithTheSameEventsGiveEachEventOnce() throws Exception {
        Path hourly = write(tmp.resolve("hourly/Logout-2025100109.csv"), LOGOUT_HOURLY);
        Path daily = write(tmp.resolve("daily/Logout-20251001.csv"), LOGOUT_DAILY);

        List<Ingest.InputReport> first = ingest(hourly);
        List<Ingest.InputReport> second = ingest(daily);

        assertThat(first).containsExactly(new Ingest.InputReport(hourly.toString(), "salesforce-elf", 2, 2, 0, 0, false));
        // 3 read = 1 new (08:15) + 2 already live from the hourly file.
        assertThat(second).containsExactly(new Ingest.InputReport(daily.toString(), "salesforce-elf", 3, 1, 2, 0, false));
        // part-1 (hourly: 09:05, 09:30) then part-2 (daily's one new event: 08:15).
        assertThat(WarehouseRows.liveFiles(layout(), Tables.EVENTS)).containsExactly(
                "events/event_date=2025-10-01/" + PART_1, "events/event_date=2025-10-01/" + PART_2);
        assertThat(liveUsersAndTimes()).containsExactly(
                tuple(ADA_KEY, Instant.parse("2025-10-01T09:05:00Z")),
                tuple(GRACE_KEY, Instant.parse("2025-10-01T09:30:00Z")),
                tuple(ADA_KEY, Instant.parse("2025-10-01T08:15:00Z")));
    }

    @Test
    void aDailyFileThenAnHourlyFileWithTheSameEventsInOneRunGiveEachEventOnce() throws Exception {
        Path hourly = write(tmp.resolve("hourly/Logout-2025100109.csv"), LOGOUT_HOURLY);
        Path daily = write(tmp.resolve("daily/Logout-20251001.csv"), LOGOUT_DAILY);

        List<Ingest.InputReport> reports = ingest(daily, hourly);

        assertThat(reports).containsExactly(
                new Ingest.InputReport(daily.toString(), "salesforce-elf", 3, 3, 0, 0, false),
                new Ingest.InputReport(hourly.toString(), "salesforce-elf", 2, 0, 2, 0, false));
        // events/event_date=2025-10-01/part-1 sorted by occurred_at
        assertThat(liveUsersAndTimes()).containsExactly(
                tuple(ADA_KEY, Instant.parse("2025-10-01T08:15:00Z")),
                tuple(ADA_KEY, Instant.parse("2025-10-01T09:05:00Z")),
                tuple(GRACE_KEY, Instant.parse("2025-10-01T09:30:00Z")));
    }

    @Test
    void fifteenAndEighteenCharacterIdsGiveTheUserKeyThatUsersCsvGivesInEitherForm() throws Exception {
        // users.csv lists Ada with 15 and Grace with 18 characters; the events carry the other form.
        Path users = write(tmp.resolve("in/users.csv"), USERS_CSV);
        Path logouts = write(tmp.resolve("in/Logout.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","USER_ID_DERIVED"
                "Logout","20251001170000.000","","005Aa00000BcDeFIAV"
                "Logout","20251001171500.000","005Kq00000mNoPr",""
                """);

        ingest(users, logouts);

        Map<Object, Object> nameByKey = new HashMap<>();
        for (Map<String, Object> user : WarehouseRows.rows(layout(), Tables.USERS)) {
            nameByKey.put(user.get(Columns.USER_KEY), user.get(Columns.DISPLAY_NAME));
        }
        assertThat(nameByKey).containsExactlyInAnyOrderEntriesOf(Map.of(ADA_KEY, "Ada Lovelace", GRACE_KEY, "Grace Hopper"));
        assertThat(events()).extracting(r -> nameByKey.get(r.get(Columns.USER_KEY)))
                .containsExactly("Ada Lovelace", "Grace Hopper");
        // Ada's manager is Grace, listed with 18 characters: the same key again.
        assertThat(WarehouseRows.rows(layout(), Tables.USERS)).extracting(r -> r.get(Columns.MANAGER_KEY))
                .containsExactly(GRACE_KEY, null);
    }

    @Test
    void noRawUserIdEmailNameOrIpAddressIsWrittenToEventsOrQuarantine() throws Exception {
        Path dir = export();
        // A sender that forgot the quotes around a user id: the reason must not quote it back.
        write(dir.resolve("late.jsonl"), """
                {"event_id":"j-9","occurred_at":"2025-10-02T12:00:00Z","user_id":u1042,"event_type":"login"}
                """);

        ingest(dir);

        List<String> secrets = List.of("005Aa00000BcDeF", "005Kq00000mNoPr", "005Zz00000QqQqQ", "u1042",
                "ada.lovelace@example.com", "grace.hopper@example.com", "alan.turing@example.com",
                "Ada Lovelace", "Grace Hopper", "Alan Turing", "10.1.2.3", "192.168.7.21", "10.9.9.9");
        List<String> strings = new ArrayList<>();
        List<Path> files = new ArrayList<>(new CommitLog(layout()).liveFiles(Tables.EVENTS));
        files.addAll(new CommitLog(layout()).liveFiles(Tables.QUARANTINE));
        for (Path file : files) {
            for (Map<String, Object> row : WarehouseRows.read(file)) {
                row.values().stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
            }
        }
        // 2 event files + 1 quarantine file. Non-null strings: events 8 (Ada login) + 10 + 10 (page views with
        // object and record) + 9 (Grace login, error_code) + 9 (j-1, session_key) = 46; quarantine 7 rows
        // (4 Login + 1 events.jsonl + 1 late.jsonl + 1 users.csv) x 3 (input, reason, content_hash) = 21,
        // plus 2 user_keys: Login line 7 (Ada's) and users.csv line 4 (Alan's unknown licence), the rejected
        // lines that still name a user.
        assertThat(files).hasSize(3);
        assertThat(strings).hasSize(46 + 21 + 2);
        for (String secret : secrets) {
            assertThat(strings).as("string values containing %s", secret)
                    .filteredOn(s -> s.toLowerCase().contains(secret.toLowerCase()))
                    .isEmpty();
        }
    }

    @Test
    void aStrayTempFileAndAnUncommittedDataFileAreRemovedByTheNextIngestAndNeverBecomeLive() throws Exception {
        ingest(write(tmp.resolve("in/Login.csv"), LOGIN_CSV));
        Path events = layout().table(Tables.EVENTS);
        Path committed = events.resolve("event_date=2025-10-01").resolve(PART_1);
        // What a crash during commit 2 leaves: a half-written hidden file and a complete file no commit names,
        // here under the very name commit 2 will use; plus an orphan in a partition no commit touches.
        Path halfWritten = events.resolve("event_date=2025-10-01/.part-00000000000000000002.parquet.tmp");
        Files.write(halfWritten, Arrays.copyOf(Files.readAllBytes(committed), 100));
        Path uncommitted = events.resolve("event_date=2025-10-01").resolve(PART_2);
        Files.copy(committed, uncommitted);
        Path orphan = events.resolve("event_date=2025-10-05").resolve(PART_2);
        Files.createDirectories(orphan.getParent());
        Files.copy(committed, orphan);

        List<Ingest.InputReport> reports = ingest(write(tmp.resolve("in/more.jsonl"), """
                {"event_id":"j-5","occurred_at":"2025-10-01T12:00:00Z","user_id":"005Aa00000BcDeF","event_type":"logout"}
                """));

        assertThat(reports).extracting(Ingest.InputReport::committed).containsExactly(1L);
        assertThat(halfWritten).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(WarehouseRows.liveFiles(layout(), Tables.EVENTS)).containsExactly(
                "events/event_date=2025-10-01/" + PART_1,
                "events/event_date=2025-10-01/" + PART_2,
                "events/event_date=2025-10-02/" + PART_1);
        // part-2 of 2025-10-01 now holds commit 2's one event, not the copy of Ada's login.
        assertThat(WarehouseRows.read(uncommitted)).extracting(r -> r.get(Columns.EVENT_ID)).containsExactly("j-5");
        try (Stream<Path> walk = Files.walk(events)) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> layout().warehouse().relativize(p).toString()).sorted())
                    .containsExactly(
                            "events/event_date=2025-10-01/" + PART_1,
                            "events/event_date=2025-10-01/" + PART_2,
                            "events/event_date=2025-10-02/" + PART_1);
        }
        // Login: 2 events, then 1 more.
        assertThat(events()).hasSize(3);
    }

    @Test
    void anOrphanIsRemovedEvenWhenEveryInputWasAlreadyIngested() throws Exception {
        Path login = write(tmp.resolve("in/Login.csv"), LOGIN_CSV);
        ingest(login);
        Path orphan = layout().table(Tables.EVENTS).resolve("event_date=2025-10-01").resolve(PART_2);
        Files.copy(layout().table(Tables.EVENTS).resolve("event_date=2025-10-01").resolve(PART_1), orphan);

        List<Ingest.InputReport> reports = ingest(login);

        assertThat(reports).extracting(Ingest.InputReport::alreadyIngested).containsExactly(true);
        assertThat(orphan).doesNotExist();
        assertThat(events()).hasSize(2);
    }

    @Test
    void aMissingInputStopsTheIngestBeforeAnythingIsCommitted() throws Exception {
        Path login = write(tmp.resolve("in/Login.csv"), LOGIN_CSV);
        Path missing = tmp.resolve("in/nowhere.csv");

        assertThatThrownBy(() -> ingest(login, missing))
                .isInstanceOf(IngestException.class)
                .hasMessage("Input not found: " + missing);
        assertThat(new CommitLog(layout()).commits()).isEmpty();
        assertThat(heard).isEmpty();
    }

    // ------------------------------------------------------------ tables replaced whole, memory

    /** Only Grace: the second version of the users file. */
    private static final String USERS_V2 = """
            user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave
            005Kq00000mNoPrIAK,Grace Hopper,grace.hopper@example.com,Sales North,Sales,Sales Manager,EMEA,,full,150.5,2025-09-01,,wave-1
            """;

    private List<Object> liveUserNames() throws IOException {
        return WarehouseRows.rows(layout(), Tables.USERS).stream().map(r -> r.get(Columns.DISPLAY_NAME)).toList();
    }

    private List<Ingest.InputReport> ingestAt(Instant at, Path... inputs) throws IOException, IngestException {
        return new Ingest(layout(), TestFixtures.pseudonymizer(), Clock.fixed(at, ZoneOffset.UTC),
                heard::add).run(List.of(inputs));
    }

    @Test
    void goingBackToAnEarlierUsersFileLoadsItAgain() throws Exception {
        Path v1 = write(tmp.resolve("v1/users.csv"), USERS_CSV);
        Path v2 = write(tmp.resolve("v2/users.csv"), USERS_V2);
        Path v1Again = write(tmp.resolve("v1-again/users.csv"), USERS_CSV);

        ingest(v1);
        ingest(v2);
        assertThat(liveUserNames()).containsExactly("Grace Hopper");
        List<Ingest.InputReport> back = ingest(v1Again);

        // 3 lines read: Ada and Grace loaded, Alan's unknown licence quarantined again.
        assertThat(back).containsExactly(new Ingest.InputReport(v1Again.toString(), "reference:users", 3, 2, 0, 1, false));
        assertThat(liveUserNames()).containsExactly("Ada Lovelace", "Grace Hopper");
        // The live version's own bytes once more: nothing to do.
        assertThat(ingest(v1).get(0).alreadyIngested()).isTrue();
    }

    @Test
    void twoVersionsOfATableInOneRunReplaceItInTurnAndTheLastWins() throws Exception {
        Path v1 = write(tmp.resolve("v1/users.csv"), USERS_CSV);
        Path v2 = write(tmp.resolve("v2/users.csv"), USERS_V2);

        List<Ingest.InputReport> reports = ingest(v1, v2);

        assertThat(reports).containsExactly(
                new Ingest.InputReport(v1.toString(), "reference:users", 3, 2, 0, 1, false),
                new Ingest.InputReport(v2.toString(), "reference:users", 1, 1, 0, 0, false));
        assertThat(new CommitLog(layout()).commits()).extracting(CommitLog.Commit::seq).containsExactly(1L, 2L);
        assertThat(liveUserNames()).containsExactly("Grace Hopper");
    }

    @Test
    void aReplacedFileStaysOnDiskForTheGracePeriodForReadersThatListedItThenGoes() throws Exception {
        Path v1 = write(tmp.resolve("v1/users.csv"), USERS_CSV);
        Path v2 = write(tmp.resolve("v2/users.csv"), USERS_V2);
        Path first = layout().warehouse().resolve("users/" + PART_1);

        ingestAt(NOW, v1);
        ingestAt(NOW, v2);
        assertThat(first).exists();
        assertThat(WarehouseRows.liveFiles(layout(), Tables.USERS)).containsExactly("users/" + PART_2);

        ingestAt(NOW.plus(Ingest.RETIRED_FILE_GRACE).minusSeconds(1), v2);
        assertThat(first).as("a reader may still be reading it").exists();
        ingestAt(NOW.plus(Ingest.RETIRED_FILE_GRACE), v2);
        assertThat(first).doesNotExist();
        assertThat(WarehouseRows.liveFiles(layout(), Tables.USERS)).containsExactly("users/" + PART_2);
    }

    @Test
    void eventIdsDroppedFromMemoryAfterACommitAreReadBackFromTheDaysFiles() throws Exception {
        Path hourly = write(tmp.resolve("hourly/Logout-2025100109.csv"), LOGOUT_HOURLY);
        Path daily = write(tmp.resolve("daily/Logout-20251001.csv"), LOGOUT_DAILY);
        // Commit after every input and keep no ids in memory between commits.
        Ingest ingest = new Ingest(layout(), TestFixtures.pseudonymizer(), TestFixtures.CLOCK, heard::add,
                new Ingest.Limits(1, 0));

        List<Ingest.InputReport> reports = ingest.run(List.of(daily, hourly));

        assertThat(reports).containsExactly(
                new Ingest.InputReport(daily.toString(), "salesforce-elf", 3, 3, 0, 0, false),
                new Ingest.InputReport(hourly.toString(), "salesforce-elf", 2, 0, 2, 0, false));
        assertThat(liveUsersAndTimes()).containsExactly(
                tuple(ADA_KEY, Instant.parse("2025-10-01T08:15:00Z")),
                tuple(ADA_KEY, Instant.parse("2025-10-01T09:05:00Z")),
                tuple(GRACE_KEY, Instant.parse("2025-10-01T09:30:00Z")));
    }

    @Test
    void theRoiAssumptionsAreCommittedLikeATableAndReplacedByANewVersion() throws Exception {
        RoiAssumptions defaults = RoiAssumptions.defaults();
        String sixty = new RoiAssumptions("USD", 60.0, defaults.revenueAttribution(), defaults.minutesSaved(),
                defaults.scenarios()).toJson();
        Path v1 = write(tmp.resolve("v1/roi_assumptions.json"), defaults.toJson());
        Path v2 = write(tmp.resolve("v2/roi_assumptions.json"), sixty);

        assertThat(ingest(v1)).containsExactly(new Ingest.InputReport(v1.toString(), "config", 0, 0, 0, 0, false));
        assertThat(ingest(v1).get(0).alreadyIngested()).isTrue();
        ingest(v2);

        assertThat(new CommitLog(layout()).liveFiles(Tables.CONFIG)).containsExactly(
                layout().warehouse().resolve("config/roi_assumptions-00000000000000000002.json"));
        assertThat(Files.readString(layout().warehouse().resolve("config/roi_assumptions-00000000000000000002.json")))
                .isEqualTo(sixty);
    }

    @Test
    void roiAssumptionsWithAMistakeAreRefusedNamingTheFieldAndTheLiveVersionStaysWhileTheOtherInputsCommit() throws Exception {
        Path good = write(tmp.resolve("v1/roi_assumptions.json"), RoiAssumptions.defaults().toJson());
        Path bad = write(tmp.resolve("v2/roi_assumptions.json"),
                RoiAssumptions.defaults().toJson().replace("\"revenue_attribution\" : 0.05", "\"revenue_attribution\" : 5"));
        Path login = write(tmp.resolve("v2/Login.csv"), LOGIN_CSV);
        ingest(good);

        List<Ingest.InputReport> reports = ingest(login, bad);

        assertThat(reports).containsExactly(
                new Ingest.InputReport(login.toString(), "salesforce-elf", 6, 2, 0, 4, false),
                new Ingest.InputReport(bad.toString(), "config", 0, 0, 0, 0, 0, false, null,
                        "Invalid ROI assumptions in " + bad + ": revenue_attribution is 5.0: expected a share"
                                + " between 0 and 1 (0.05 credits 5% of won amounts to the CRM)"));
        assertThat(new CommitLog(layout()).liveFiles(Tables.CONFIG)).containsExactly(
                layout().warehouse().resolve("config/roi_assumptions-00000000000000000001.json"));
        assertThat(events()).hasSize(2);
    }

    @Test
    void holdingTooManyEventIdsCommitsBetweenInputsSoTheyCanBeDropped() throws Exception {
        Path hourly = write(tmp.resolve("a/Logout-2025100109.csv"), LOGOUT_HOURLY);
        Path nextDay = write(tmp.resolve("b/Logout-2025100209.csv"), LOGOUT_HOURLY.replace("2025-10-01", "2025-10-02")
                .replace("20251001", "20251002"));
        Path daily = write(tmp.resolve("c/Logout-20251001.csv"), LOGOUT_DAILY);
        // No commit for the batch size; at most 3 ids held.
        Ingest ingest = new Ingest(layout(), TestFixtures.pseudonymizer(), TestFixtures.CLOCK, heard::add,
                new Ingest.Limits(1_000, 3));

        List<Ingest.InputReport> reports = ingest.run(List.of(hourly, nextDay, daily));

        // After nextDay 4 ids are held (2 per day), over 3: commit 1 takes both files. The daily file then
        // reads 2025-10-01's two ids back from commit 1's file and adds its one new event in commit 2.
        assertThat(reports).extracting(Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(2L, 0L), tuple(2L, 0L), tuple(1L, 2L));
        assertThat(new CommitLog(layout()).commits()).extracting(c -> c.inputs().size()).containsExactly(2, 1);
        assertThat(events()).hasSize(5);
    }

    // ------------------------------------------------------------ plausible values, refused files, links

    @Test
    void eventsDatedPastWhatAParquetTimestampHoldsAreQuarantinedWithTheValueAndTheOthersCommitted() throws Exception {
        Path far = write(tmp.resolve("in/far.jsonl"), """
                {"event_id":"f-1","occurred_at":"9999-12-31T00:00:00Z","user_id":"005Kq00000mNoPr","event_type":"login"}
                {"event_id":"f-2","occurred_at":"2025-10-02T08:00:00Z","user_id":"005Kq00000mNoPr","event_type":"login"}
                {"event_id":"f-3","occurred_at":"0001-01-01T00:00:00Z","user_id":"005Kq00000mNoPr","event_type":"login"}
                {"event_id":"f-4","occurred_at":"2025-10-02T09:00:00Z","user_id":"005Aa00000BcDeF","event_type":"logout"}
                """);

        List<Ingest.InputReport> reports = ingest(far);

        // 4 read = 2 committed (lines 2 and 4) + 2 quarantined (lines 1 and 3); NOW is 2025-10-03T06:00Z.
        assertThat(reports).containsExactly(new Ingest.InputReport(far.toString(), "jsonl", 4, 2, 0, 2, false));
        assertThat(events()).extracting(e -> e.get(Columns.OCCURRED_AT)).containsExactly(
                Instant.parse("2025-10-02T08:00:00Z"), Instant.parse("2025-10-02T09:00:00Z"));
        assertThat(WarehouseRows.rows(layout(), Tables.QUARANTINE)).extracting(r -> r.get(Columns.LINE), r -> r.get(Columns.REASON))
                .containsExactly(
                        tuple(1L, "occurred_at 9999-12-31T00:00:00Z is more than a day after the moment of ingest"
                                + " (2025-10-03T06:00:00Z) in " + far + " line 1"),
                        tuple(3L, "occurred_at 0001-01-01T00:00:00Z is before 2000-01-01 in " + far + " line 3"));
    }

    @Test
    void aUsersFileListingAPersonTwiceIsRefusedNamingTheLinesWhileTheOtherInputsCommitAndTheLiveUsersStay() throws Exception {
        ingest(write(tmp.resolve("v1/users.csv"), USERS_CSV));
        Path login = write(tmp.resolve("v2/Login.csv"), LOGIN_CSV);
        // Grace on line 2 in the 18-character form and on line 3 in the 15: one person.
        Path twice = write(tmp.resolve("v2/users.csv"), USERS_V2
                + "005Kq00000mNoPr,Grace Hopper,grace@example.com,Sales South,Sales,Sales Manager,EMEA,,full,150.5,2025-09-01,,wave-2\n");

        List<Ingest.InputReport> reports = ingest(login, twice);

        assertThat(reports).containsExactly(
                new Ingest.InputReport(login.toString(), "salesforce-elf", 6, 2, 0, 4, false),
                new Ingest.InputReport(twice.toString(), "reference:users", 0, 0, 0, 0, 0, false, null,
                        "user_id 005Kq00000mNoPrIAK appears on lines 2 and 3 of " + twice + ": each person must be listed once"));
        assertThat(liveUserNames()).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(events()).hasSize(2);
        // Nothing of the refused file is in the commit, its quarantine included: a fixed file loads in full.
        assertThat(new CommitLog(layout()).commits().get(1).inputs()).extracting(CommitLog.InputEntry::input)
                .containsExactly(login.toString());
        assertThat(WarehouseRows.rows(layout(), Tables.QUARANTINE)).extracting(r -> r.get(Columns.INPUT)).doesNotContain(twice.toString());
    }

    @Test
    void aLinkedInputDirectoryIsFollowedAndALinkBackIntoItIsReportedNotFollowed() throws Exception {
        Path real = tmp.resolve("real");
        write(real.resolve("Login.csv"), LOGIN_CSV);
        Files.createSymbolicLink(real.resolve("again"), real);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        List<Ingest.InputReport> reports = ingest(link);

        assertThat(reports).containsExactly(
                new Ingest.InputReport(link.resolve("Login.csv").toString(), "salesforce-elf", 6, 2, 0, 4, false),
                new Ingest.InputReport(link.resolve("again").toString(), Ingest.SKIPPED_KIND, 0, 0, 0, 0, 0, false,
                        "a symbolic link to " + real.toRealPath() + ", a directory that contains it: a loop, not followed"));
        assertThat(events()).hasSize(2);
    }
}
