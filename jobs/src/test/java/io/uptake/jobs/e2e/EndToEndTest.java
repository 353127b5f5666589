package io.uptake.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.jobs.KpiJob;
import io.uptake.jobs.mart.KpiMarts;
import io.uptake.jobs.mart.Mart;
import io.uptake.sampledata.SamplePatterns;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Vocabulary;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * generate → ingest → jobs on the {@code small} organisation, with the marts checked against
 * {@link RawInputOracle}, which recomputes the adoption figures from the generated files alone.
 */
class EndToEndTest {

    static final Instant RUN_TIME = SampleWarehouse.RUN_TIME;
    static final List<String> ALL_MARTS = List.of(Marts.ADOPTION_DAILY, Marts.MODULE_ADOPTION, Marts.USER_ACTIVITY,
            Marts.LIFECYCLE_WEEKLY, Marts.RECORD_FRESHNESS, Marts.RECORD_OWNERS, Marts.SOURCE_FRESHNESS,
            Marts.TRAINING_GAP, Marts.TEAMS_NEEDING_HELP, Marts.TRAINING_EFFECT, Marts.TRAINING_USERS, Marts.ROI_MONTHLY,
            Marts.ROI_SUMMARY, Marts.ROLLOUT_CURVE, Marts.WAVE_SUMMARY, Marts.GOALS_STATUS, Marts.MANAGER_SUPPORT);

    static SparkSession spark;
    static DataLayout layout;
    static RawInputOracle oracle;
    static KpiJob.Result result;
    static List<Ingest.InputReport> reports;

    @BeforeAll
    static void useTheSampleWarehouse() {
        SampleWarehouse sample = SampleWarehouse.get();
        layout = sample.layout();
        reports = sample.reports();
        oracle = sample.oracle();
        result = sample.result();
        spark = sample.spark();
    }

    @Test
    void everyLineReadIsCommittedAndNothingIsQuarantined() {
        long read = reports.stream().mapToLong(Ingest.InputReport::read).sum();
        long committed = reports.stream().mapToLong(Ingest.InputReport::committed).sum();
        long quarantined = reports.stream().mapToLong(Ingest.InputReport::quarantined).sum();
        assertThat(read).isEqualTo(committed);
        assertThat(quarantined).isZero();
        assertThat(spark.read().parquet(layout.table("events").toString()).count())
                .isEqualTo(oracle.events());
    }

    @Test
    void everyMartOfTheSampleOrganisationHasItsDescriptorsColumnsAndOneRowPerKey() {
        for (Mart mart : KpiMarts.ALL) {
            Dataset<Row> rows = spark.read().parquet(layout.mart(mart.name()).toString());
            assertThat(Arrays.asList(rows.schema().fieldNames())).as(mart.name())
                    .containsExactly(mart.schema().fieldNames());
            assertThat(rows.count()).as(mart.name() + " rows").isPositive();
            long keys = rows.select(mart.keys().stream().map(functions::col).toArray(Column[]::new))
                    .distinct().count();
            assertThat(keys).as(mart.name() + " keys").isEqualTo(rows.count());
        }
    }

    @Test
    void theRunIsAsOfTheLastEventDay() {
        assertThat(result.asOf()).isEqualTo(SamplePatterns.LAST_DAY).isEqualTo(oracle.lastEventDay());
    }

    @Test
    void adoptionDailyMatchesTheIndependentComputationOnEveryDayForEveryTeam() {
        List<Row> rows = spark.read().parquet(layout.mart(Marts.ADOPTION_DAILY).toString()).collectAsList();
        List<String> teams = new ArrayList<>(oracle.teams());
        teams.add(Vocabulary.ALL_TEAMS);
        long days = oracle.firstEventDay().datesUntil(oracle.lastEventDay().plusDays(1)).count();
        assertThat(rows).hasSize((int) (days * teams.size()));
        for (Row row : rows) {
            LocalDate date = row.<java.sql.Date>getAs(Marts.DATE).toLocalDate();
            String team = row.getAs(Columns.TEAM);
            String where = team + " on " + date;
            long licensed = oracle.licensed(team, date);
            assertThat(row.<Long>getAs(Marts.LICENSED_USERS)).as("licensed_users of " + where).isEqualTo(licensed);
            assertThat(row.<Long>getAs(Marts.DAU)).as("dau of " + where).isEqualTo(oracle.active(team, date, 1));
            assertThat(row.<Long>getAs(Marts.WAU)).as("wau of " + where).isEqualTo(oracle.active(team, date, 7));
            long mau = oracle.active(team, date, 28);
            assertThat(row.<Long>getAs(Marts.MAU)).as("mau of " + where).isEqualTo(mau);
            Double rate = row.getAs(Marts.ADOPTION_RATE);
            if (licensed == 0) {
                assertThat(rate).as("adoption_rate of " + where).isNull();
            } else {
                assertThat(rate).as("adoption_rate of " + where).isEqualTo((double) mau / licensed);
            }
        }
    }

    @Test
    void userStatusesMatchTheIndependentComputationForEveryTeam() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (Row row : spark.read().parquet(layout.mart(Marts.USER_ACTIVITY).toString()).collectAsList()) {
            counts.computeIfAbsent(row.getAs(Columns.TEAM), t -> new HashMap<>())
                    .merge(row.getAs(Marts.USER_STATUS), 1L, Long::sum);
        }
        for (String team : oracle.teams()) {
            assertThat(counts.get(team)).as("statuses of " + team).isEqualTo(oracle.statusCounts(team, result.asOf()));
        }
    }

    @Test
    void thePlantedPatternsShowInTheMarts() {
        Map<String, Double> rate = new HashMap<>();
        for (Row row : spark.read().parquet(layout.mart(Marts.ADOPTION_DAILY).toString())
                .filter(Marts.DATE + " = DATE'" + result.asOf() + "'").collectAsList()) {
            rate.put(row.getAs(Columns.TEAM), row.getAs(Marts.ADOPTION_RATE));
        }
        // The strong team leads, the decaying team trails everyone at the as-of date.
        assertThat(rate.get(SamplePatterns.STRONG_TEAM)).isGreaterThan(0.9);
        assertThat(rate.get(SamplePatterns.DECAYING_TEAM)).isLessThan(0.4);
        assertThat(rate.keySet()).doesNotContain(SamplePatterns.INTEGRATION_TEAM);
    }

    @Test
    void theStrugglingTeamRanksFirstForHelpAndTheStrongTeamLast() {
        List<Row> rows = mart(Marts.TEAMS_NEEDING_HELP);
        Map<String, Row> byTeam = new HashMap<>();
        rows.forEach(r -> byTeam.put(r.getAs(Columns.TEAM), r));
        assertThat(byTeam.keySet()).containsExactlyInAnyOrderElementsOf(oracle.teams());
        Row struggling = byTeam.get(SamplePatterns.STRUGGLING_TEAM);
        assertThat(struggling.<Integer>getAs(Marts.RANK)).isEqualTo(1);
        List<String> reasons = struggling.getList(struggling.fieldIndex(Marts.REASONS));
        assertThat(reasons).anyMatch(r -> r.endsWith("untrained in service ("
                + oracle.untrainedIn(SamplePatterns.STRUGGLING_TEAM, "service", result.asOf()) + " of "
                + oracle.licensed(SamplePatterns.STRUGGLING_TEAM, result.asOf()) + ")"));
        assertThat(reasons).anyMatch(r -> r.startsWith("error rate in service "));
        assertThat(byTeam.get(SamplePatterns.STRONG_TEAM).<Integer>getAs(Marts.RANK)).isEqualTo(rows.size());
    }

    @Test
    void theSnapshotsTrainingUserListsAddUpToTheGapAndItsDirectoryNamesEveryTeam() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(layout.snapshot().toFile());
        Map<String, Long> listed = new HashMap<>();
        snapshot.path(Snapshot.MARTS).path(Marts.TRAINING_USERS).forEach(u -> listed.merge(u.path(Columns.TEAM).asText() + "/"
                + u.path(Columns.MODULE).asText() + "/" + u.path("list").asText(), 1L, Long::sum));
        for (Row gap : mart(Marts.TRAINING_GAP)) {
            String key = gap.getAs(Columns.TEAM) + "/" + gap.getAs(Columns.MODULE) + "/";
            if (!Vocabulary.ALL_TEAMS.equals(gap.getAs(Columns.TEAM))) {
                assertThat(listed.getOrDefault(key + Marts.TRAINED_NOT_USING, 0L)).as(key)
                        .isEqualTo(gap.<Long>getAs(Marts.TRAINED_NOT_USING));
                assertThat(listed.getOrDefault(key + Marts.USING_UNTRAINED, 0L)).as(key)
                        .isEqualTo(gap.<Long>getAs(Marts.USING_UNTRAINED));
            }
        }
        List<String> teams = new ArrayList<>();
        snapshot.path(Snapshot.DIRECTORY).forEach(t -> teams.add(t.path(Columns.TEAM).asText()));
        assertThat(teams).isEqualTo(oracle.teams());
    }

    @Test
    void theStrugglingTeamIsOverFortyPercentUntrainedInServiceAndFailsMoreThanTheOrganisation() {
        Row team = only(mart(Marts.TRAINING_GAP), SamplePatterns.STRUGGLING_TEAM, "service");
        Row organisation = only(mart(Marts.TRAINING_GAP), Vocabulary.ALL_TEAMS, "service");
        long licensed = oracle.licensed(SamplePatterns.STRUGGLING_TEAM, result.asOf());
        long untrained = oracle.untrainedIn(SamplePatterns.STRUGGLING_TEAM, "service", result.asOf());
        assertThat(team.<Long>getAs(Marts.LICENSED_USERS)).isEqualTo(licensed);
        assertThat(team.<Double>getAs(Marts.TRAINED_SHARE)).isEqualTo((double) (licensed - untrained) / licensed)
                .isLessThan(0.6);
        assertThat(team.<Double>getAs(Marts.ERROR_RATE)).isGreaterThan(organisation.<Double>getAs(Marts.ERROR_RATE));
    }

    @Test
    void theStaleTeamHasTheStalestRecordsAndTheDuplicatesOfTheLegacyImport() {
        Map<String, long[]> byTeam = new HashMap<>();
        for (Row r : mart(Marts.RECORD_FRESHNESS)) {
            long[] sums = byTeam.computeIfAbsent(r.getAs(Columns.TEAM), t -> new long[4]);
            sums[0] += r.<Long>getAs(Marts.OPEN_RECORDS);
            sums[1] += r.<Long>getAs(Marts.STALE_90D);
            sums[2] += r.<Long>getAs(Marts.RECORDS);
            sums[3] += r.<Long>getAs(Marts.DUPLICATE_RECORDS);
        }
        long[] stale = byTeam.remove(SamplePatterns.STALE_TEAM);
        long[] all = byTeam.remove(Vocabulary.ALL_TEAMS);
        for (Map.Entry<String, long[]> other : byTeam.entrySet()) {
            long[] o = other.getValue();
            assertThat((double) stale[1] / stale[0]).as("share stale 90 days vs " + other.getKey())
                    .isGreaterThan((double) o[1] / o[0]);
            assertThat((double) stale[3] / stale[2]).as("duplicate rate vs " + other.getKey())
                    .isGreaterThan((double) o[3] / o[2]);
        }
        // Every duplicate group holds a record of the legacy import; the copy (the younger record) counts
        // for its own owner's team, which is another team's when the import predates that team's original.
        assertThat(oracle.duplicateGroupsWithout(SamplePatterns.DUPLICATE_SOURCE)).isZero();
        assertThat(all[3]).isEqualTo(oracle.duplicateCopies()).isPositive();
        assertThat(stale[3]).isEqualTo(oracle.duplicateCopiesOwnedBy(SamplePatterns.STALE_TEAM)).isPositive();
    }

    @Test
    void theLaggingWaveMissesFiftyPercentAtDayThirtyWhileTheOthersReachItInTwoWeeks() {
        for (Row wave : mart(Marts.WAVE_SUMMARY)) {
            Integer days = wave.getAs(Marts.DAYS_TO_50PCT);
            if (SamplePatterns.LAGGING_WAVE.equals(wave.getAs(Columns.WAVE))) {
                assertThat(days == null || days >= 30).as("days to 50% of " + wave).isTrue();
            } else {
                assertThat(days).as("days to 50% of " + wave).isNotNull().isLessThanOrEqualTo(14);
            }
        }
    }

    @Test
    void theHeavyApiUserCountsInSourceFreshnessButInNoPersonFigure() {
        long events = mart(Marts.SOURCE_FRESHNESS).stream().mapToLong(r -> r.<Long>getAs(Marts.EVENTS)).sum();
        assertThat(events).isEqualTo(oracle.events());
        assertThat(oracle.eventsOf(SamplePatterns.HEAVY_API_USER)).isPositive();
        for (String mart : List.of(Marts.USER_ACTIVITY, Marts.MANAGER_SUPPORT)) {
            assertThat(mart(mart)).as(mart).noneMatch(r -> SamplePatterns.HEAVY_API_USER.equals(r.getAs(Columns.DISPLAY_NAME)));
        }
    }

    @Test
    void hoursSinceTheLastEventAreMeasuredFromTheEndOfTheAsOfDay() {
        // A = 2025-12-31, the injected clock runs at 2026-01-01 06:00: the earlier of the two is the end of A's
        // day, 2026-01-01 00:00, six hours before the run
        Instant endOfAsOf = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(result.asOf()).isEqualTo(LocalDate.parse("2025-12-31"));
        assertThat(RUN_TIME).isEqualTo(endOfAsOf.plusSeconds(6 * 3600));
        for (Row source : mart(Marts.SOURCE_FRESHNESS)) {
            Instant last = source.<java.sql.Timestamp>getAs(Marts.LAST_EVENT_AT).toInstant();
            assertThat(source.<Double>getAs(Marts.HOURS_SINCE_LAST_EVENT)).as(source.<String>getAs(Columns.SOURCE))
                    .isCloseTo((endOfAsOf.toEpochMilli() - last.toEpochMilli()) / 3_600_000.0, within(1e-9));
        }
    }

    @Test
    void noIngestionLagIsReportedForASampleLoadedAfterTheAsOfDay() {
        // The sample is ingested by the injected clock, so every event's ingested_at is 2026-01-01 06:00, after
        // the reference of A = 2025-12-31 (its day's end, 2026-01-01 00:00): no event of 25..31 Dec was ingested
        // by then, the lags have nothing to measure, and every event of those seven days is backfilled.
        LocalDate asOf = LocalDate.parse("2025-12-31");
        assertThat(result.asOf()).isEqualTo(asOf);
        List<Row> sources = mart(Marts.SOURCE_FRESHNESS);
        assertThat(sources.stream().mapToLong(r -> r.<Long>getAs(Marts.BACKFILLED_7D)).sum()).isPositive();
        for (Row source : sources) {
            String name = source.getAs(Columns.SOURCE);
            assertThat(source.<java.sql.Timestamp>getAs(Marts.LAST_INGESTED_AT).toInstant()).as(name).isEqualTo(RUN_TIME);
            assertThat(source.<Double>getAs(Marts.LAG_P50_SECONDS)).as(name).isNull();
            assertThat(source.<Double>getAs(Marts.LAG_P95_SECONDS)).as(name).isNull();
            assertThat(source.<Long>getAs(Marts.BACKFILLED_7D)).as(name)
                    .isEqualTo(oracle.eventsOf(name, asOf.minusDays(6), asOf));
        }
    }

    @Test
    void theProjectPaysBackMidWayInTheBaseCaseAndNotInTheLowOne() {
        List<Row> months = mart(Marts.ROI_MONTHLY);
        Map<String, String> payback = new HashMap<>();
        mart(Marts.ROI_SUMMARY).forEach(r -> payback.put(r.getAs(Marts.SCENARIO), r.getAs(Marts.PAYBACK_MONTH)));
        String first = months.get(0).getAs(Columns.MONTH);
        String last = months.get(months.size() - 1).getAs(Columns.MONTH);
        assertThat(payback.get("base")).isGreaterThan(first).isLessThan(last);
        assertThat(payback.get("low")).isNull();
        assertThat(payback.get("high")).isLessThanOrEqualTo(payback.get("base"));
    }

    @Test
    void theGoalsShowTheStrongTeamDoneAndTheStaleTeamRed() {
        Map<String, String> status = new HashMap<>();
        for (Row goal : mart(Marts.GOALS_STATUS)) {
            assertThat(goal.<String>getAs(Marts.PROBLEM)).as(goal.<String>getAs(Columns.GOAL_ID)).isNull();
            status.put(goal.getAs(Columns.SCOPE) + " " + goal.getAs(Columns.KPI), goal.getAs(Marts.GOAL_STATUS));
        }
        assertThat(status.get("team:" + SamplePatterns.STRONG_TEAM + " adoption_rate")).isEqualTo(Marts.GOAL_DONE);
        assertThat(status.get("team:" + SamplePatterns.STALE_TEAM + " stale_share_30d")).isEqualTo(Marts.GOAL_RED);
    }

    @Test
    void theSnapshotHoldsEveryMartRowAndTheRunIsRecorded() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(layout.snapshot().toFile());
        assertThat(snapshot.path(Snapshot.RUN_ID).asText()).isEqualTo(result.runId());
        assertThat(snapshot.path(Snapshot.AS_OF).asText()).isEqualTo(result.asOf().toString());
        assertThat(result.rowsWritten().keySet()).containsExactlyInAnyOrderElementsOf(ALL_MARTS);
        for (String mart : ALL_MARTS) {
            assertThat((long) snapshot.path(Snapshot.MARTS).path(mart).size()).as(mart)
                    .isEqualTo(result.rowsWritten().get(mart));
        }
        assertThat(result.warnings()).isEmpty();
        assertThat(snapshot.path(Snapshot.UNAVAILABLE).size()).isZero();
        assertThat(snapshot.path(Snapshot.ROI_ASSUMPTIONS).path(Snapshot.ROI_ASSUMPTIONS_SOURCE).asText())
                .startsWith("config/roi_assumptions-");
        assertThat(snapshot.path(Snapshot.ROI_ASSUMPTIONS).path("hourly_rate").asDouble()).isEqualTo(55.0);
        List<String> teams = new ArrayList<>();
        snapshot.path(Snapshot.TEAMS).forEach(t -> teams.add(t.asText()));
        assertThat(teams).isEqualTo(oracle.teams());
        Row run = spark.read().parquet(layout.mart(Marts.RUNS).toString()).first();
        assertThat(run.<String>getAs(Marts.RUN_ID)).isEqualTo(result.runId());
        assertThat(run.<String>getAs(Marts.MODE)).isEqualTo("full");
        assertThat(run.<java.sql.Date>getAs(Marts.AS_OF).toLocalDate()).isEqualTo(result.asOf());
    }

    private static List<Row> mart(String mart) {
        return spark.read().parquet(layout.mart(mart).toString()).collectAsList();
    }

    private static Row only(List<Row> rows, String team, String module) {
        List<Row> matches = rows.stream()
                .filter(r -> team.equals(r.getAs(Columns.TEAM)) && module.equals(r.getAs(Columns.MODULE))).toList();
        assertThat(matches).as(team + "/" + module).hasSize(1);
        return matches.get(0);
    }
}
