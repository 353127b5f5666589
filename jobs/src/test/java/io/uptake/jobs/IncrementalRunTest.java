package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.activity.ActivityStore;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code small} sample loaded as it arrives in life: everything but the last day and one file of
 * an early day, then those two days' files. The run after the second load recomputes exactly those two
 * days of daily activity, and its marts are the marts of a full rebuild.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRunTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T06:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate LAST_DAY = LocalDate.parse("2025-12-31");
    private static final LocalDate LATE_DAY = LocalDate.parse("2025-10-15");

    @TempDir
    static Path dir;
    static SparkSession spark;
    static DataLayout layout;
    static Ingest ingest;
    static List<Path> heldBack;
    static Map<String, List<List<Object>>> incrementalMarts;

    @BeforeAll
    static void loadAllButTwoDays() throws Exception {
        spark = Frames.localSpark("IncrementalRunTest");
        Path input = dir.resolve("input");
        GenerateCommand.generate(input, 42, Size.SMALL);
        layout = new DataLayout(dir.resolve("data"));
        ingest = new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), CLOCK, report -> { });
        List<Path> now = new ArrayList<>();
        heldBack = new ArrayList<>();
        try (Stream<Path> files = Files.walk(input)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = input.relativize(file).toString();
                boolean lastDay = name.startsWith("elf/" + LAST_DAY + "/") || name.equals("jsonl/" + LAST_DAY + ".jsonl");
                boolean lateFile = name.equals("elf/" + LATE_DAY + "/Login.csv");
                if (lastDay || lateFile) {
                    heldBack.add(file);
                } else if (!name.equals("README.md")) {
                    now.add(file);
                }
            }
        }
        assertThat(heldBack).hasSizeGreaterThan(2);
        ingest.run(now);
    }

    @Test
    @Order(1)
    void theFirstRunBuildsTheDailyActivityOfEveryDay() throws IOException {
        KpiJob.Result first = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", runClock(1)));

        // The sample's activity runs from 2025-10-03 to 2025-12-31: 90 days. The feed of 2025-12-30
        // already holds events of the first minutes of 2025-12-31 (UTC), so that day exists too.
        assertThat(first.activity().mode()).isEqualTo(ActivityStore.Refresh.FULL);
        assertThat(first.recomputedFrom()).isEmpty();
        assertThat(first.activity().daysChanged()).hasSize(90);
        assertThat(first.activity().daysChanged().first()).isEqualTo(LocalDate.parse("2025-10-03"));
        assertThat(first.activity().daysChanged().last()).isEqualTo(LAST_DAY);
        assertThat(first.activity().monthsRecomputed())
                .containsExactly(YearMonth.of(2025, 10), YearMonth.of(2025, 11), YearMonth.of(2025, 12));
        assertThat(activityFiles()).containsExactly(
                "source_day/activity_month=2025-10/part-000001-000.parquet",
                "source_day/activity_month=2025-11/part-000001-000.parquet",
                "source_day/activity_month=2025-12/part-000001-000.parquet",
                "user_day/activity_month=2025-10/part-000001-000.parquet",
                "user_day/activity_month=2025-11/part-000001-000.parquet",
                "user_day/activity_month=2025-12/part-000001-000.parquet");
    }

    @Test
    @Order(2)
    void aRunAfterNewAndLateEventsRecomputesOnlyTheMonthsOfTheirDays() throws Exception {
        ingest.run(heldBack);

        KpiJob.Result second = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", runClock(2)));

        assertThat(second.activity().mode()).isEqualTo(ActivityStore.Refresh.INCREMENTAL);
        assertThat(second.activity().daysChanged()).containsExactly(LATE_DAY, LAST_DAY);
        // The time series keep their rows before the earliest changed day; the third test checks the result.
        assertThat(second.recomputedFrom()).contains(LATE_DAY);
        assertThat(second.activity().monthsRecomputed()).containsExactly(YearMonth.of(2025, 10), YearMonth.of(2025, 12));
        // November is read as the first run wrote it; October and December are this run's (version 2).
        assertThat(activityFiles()).containsExactly(
                "source_day/activity_month=2025-10/part-000002-000.parquet",
                "source_day/activity_month=2025-11/part-000001-000.parquet",
                "source_day/activity_month=2025-12/part-000002-000.parquet",
                "user_day/activity_month=2025-10/part-000002-000.parquet",
                "user_day/activity_month=2025-11/part-000001-000.parquet",
                "user_day/activity_month=2025-12/part-000002-000.parquet");
        assertThat(second.asOf()).isEqualTo(LAST_DAY);
        incrementalMarts = marts();
        assertThat(runModes()).containsExactly("full", "incremental");
    }

    @Test
    @Order(3)
    void aFullRebuildGivesTheSameMarts() throws IOException {
        KpiJob.Result full = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", runClock(3), true));

        assertThat(full.activity().mode()).isEqualTo(ActivityStore.Refresh.FULL);
        assertThat(full.recomputedFrom()).isEmpty();
        Map<String, List<List<Object>>> rebuilt = marts();
        assertThat(rebuilt.keySet()).isEqualTo(incrementalMarts.keySet()).hasSize(17);
        for (String mart : rebuilt.keySet()) {
            assertSameRows(mart, incrementalMarts.get(mart), rebuilt.get(mart));
        }
    }

    @Test
    @Order(4)
    void aRunWithNothingNewRecomputesNothingAndRemovesWhatADeadRunLeft() throws IOException {
        Path activity = layout.warehouse().resolve(ActivityStore.DIR);
        Path orphan = activity.resolve("user_day/activity_month=2025-11/part-999999-000.parquet");
        Files.writeString(orphan, "left by a run that died before writing its state");
        Path staging = Files.createDirectories(activity.resolve(".staging-999999/user_day"));

        KpiJob.Result again = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", runClock(4)));

        assertThat(again.activity().mode()).isEqualTo(ActivityStore.Refresh.INCREMENTAL);
        assertThat(again.activity().daysChanged()).isEmpty();
        assertThat(again.activity().monthsRecomputed()).isEmpty();
        // Nothing changed and the as-of date is the same: every row of the time series is kept.
        assertThat(again.recomputedFrom()).contains(LAST_DAY.plusDays(1));
        assertThat(orphan).doesNotExist();
        assertThat(staging.getParent()).doesNotExist();
        Map<String, List<List<Object>>> now = marts();
        for (String mart : now.keySet()) {
            assertSameRows(mart, incrementalMarts.get(mart), now.get(mart));
        }
    }

    @Test
    @Order(5)
    void aNewUsersTableRecomputesTheTimeSeriesWhole() throws Exception {
        // Licences and teams count on every day: a person's row changed recomputes every row.
        Path users = dir.resolve("input/reference/users.csv");
        List<String> lines = Files.readAllLines(users);
        Path changed = Files.createDirectories(dir.resolve("changed")).resolve("users.csv");
        Files.write(changed, lines.subList(0, lines.size() - 1));
        ingest.run(List.of(changed));

        KpiJob.Result after = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", runClock(5)));

        assertThat(after.activity().mode()).isEqualTo(ActivityStore.Refresh.INCREMENTAL);
        assertThat(after.activity().otherTablesChanged()).containsExactly(Tables.USERS);
        assertThat(after.recomputedFrom()).isEmpty();
    }

    /** Each run its own time, so run ids differ. */
    private static Clock runClock(int minutes) {
        return Clock.offset(CLOCK, Duration.ofMinutes(minutes));
    }

    private static List<String> runModes() {
        return spark.read().parquet(layout.mart(Marts.RUNS).toString()).orderBy(Marts.STARTED_AT, Marts.RUN_ID)
                .select(Marts.MODE).as(Encoders.STRING()).collectAsList();
    }

    /** The daily activity tables' Parquet files, relative to {@code activity/}, sorted. */
    private static List<String> activityFiles() throws IOException {
        Path activity = layout.warehouse().resolve(ActivityStore.DIR);
        try (Stream<Path> files = Files.walk(activity)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .map(f -> activity.relativize(f).toString()).sorted().toList();
        }
    }

    /**
     * Every published mart's rows, each as its values, sorted by their text. The hours since a source's last
     * event may be measured from each run's own start, so they may differ by the time between the runs, and
     * source_freshness is read without them.
     */
    private static Map<String, List<List<Object>>> marts() throws IOException {
        Map<String, List<List<Object>>> marts = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(layout.marts())) {
            for (Path martDir : dirs.filter(Files::isDirectory).toList()) {
                String mart = martDir.getFileName().toString();
                if (mart.startsWith(".") || mart.equals(Marts.RUNS)) {
                    continue;
                }
                List<List<Object>> rows = new ArrayList<>();
                Dataset<Row> data = spark.read().parquet(martDir.toString());
                if (mart.equals(Marts.SOURCE_FRESHNESS)) {
                    assertThat(data.columns()).contains(Marts.HOURS_SINCE_LAST_EVENT);
                    data = data.drop(Marts.HOURS_SINCE_LAST_EVENT);
                }
                for (Row row : data.collectAsList()) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < row.length(); i++) {
                        values.add(row.get(i));
                    }
                    rows.add(values);
                }
                rows.sort((a, b) -> a.toString().compareTo(b.toString()));
                marts.put(mart, rows);
            }
        }
        return marts;
    }

    /** Same rows; doubles equal to 1e-9 relative, since sums may be added up in another order. */
    private static void assertSameRows(String mart, List<List<Object>> expected, List<List<Object>> actual) {
        assertThat(actual).as(mart + " rows").hasSameSizeAs(expected);
        Map<String, String> differences = new LinkedHashMap<>();
        for (int r = 0; r < expected.size(); r++) {
            List<Object> e = expected.get(r);
            List<Object> a = actual.get(r);
            for (int c = 0; c < e.size(); c++) {
                if (!same(e.get(c), a.get(c))) {
                    differences.put(mart + " row " + r + " column " + c, e.get(c) + " <> " + a.get(c));
                }
            }
        }
        assertThat(differences).as(mart).isEmpty();
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Double e && actual instanceof Double a) {
            return Math.abs(e - a) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(e), Math.abs(a)));
        }
        return String.valueOf(expected).equals(String.valueOf(actual));
    }
}
