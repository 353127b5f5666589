package io.uptake.jobs.freshness;

import static io.uptake.jobs.Frames.ALL_EVENT_COLUMNS;
import static io.uptake.jobs.Frames.RECORDS;
import static io.uptake.jobs.Frames.USERS;
import static io.uptake.jobs.Frames.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uptake.jobs.Frames;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The freshness marts on snapshots small enough to check on paper. Expected ratios are written as the
 * KPIS.md arithmetic (e.g. stale_share_30d = 2 / 3.0) so that they are the same double.
 */
class FreshnessKpisTest {

    private static final String SALES = "Sales";
    private static final String SERVICE = "Service";
    private static final String MARKETING = "Marketing";
    private static final String ALL = Vocabulary.ALL_TEAMS;
    private static final String UNKNOWN = Vocabulary.UNKNOWN_TEAM;
    private static final String OPPORTUNITY = "Opportunity";
    private static final String CASE = "Case";

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("FreshnessKpisTest");
    }

    // ---------------------------------------------------------------- record_freshness

    @Test
    void rowsArePerTeamAndObjectTypePlusOneOrganisationRowPerObjectType() {
        List<Row> rows = freshnessAtDay100();

        assertThat(rows).extracting(r -> r.getAs(Columns.TEAM) + "/" + r.getAs(Columns.OBJECT_TYPE))
                .containsExactlyInAnyOrder(SALES + "/" + OPPORTUNITY, SERVICE + "/" + OPPORTUNITY, SERVICE + "/" + CASE,
                        UNKNOWN + "/" + OPPORTUNITY, ALL + "/" + OPPORTUNITY, ALL + "/" + CASE);
    }

    @Test
    void recordsUpdatedExactlyThirtyDaysBeforeAsOfAreNotStaleButThirtyOneDaysAre() {
        // A = day 100; last updates late in the day, which date() drops: 30, 31, 90 and 91 days.
        List<Row> records = List.of(
                record(OPPORTUNITY, "r30", "s1", at(day(0), 0), at(day(70), 23), 1, 1, null, false, null),
                record(OPPORTUNITY, "r31", "s1", at(day(0), 0), at(day(69), 23), 1, 1, null, false, null),
                record(OPPORTUNITY, "r90", "s1", at(day(0), 0), at(day(10), 23), 1, 1, null, false, null),
                record(OPPORTUNITY, "r91", "s1", at(day(0), 0), at(day(9), 23), 1, 1, null, false, null));

        Freshness sales = freshness(recordFreshness(records, day(100)), SALES, OPPORTUNITY);

        assertThat(sales.stale30d()).isEqualTo(3);          // 31, 90, 91 > 30
        assertThat(sales.stale90d()).isEqualTo(1);          // 91 > 90
        assertThat(sales.staleShare30d()).isEqualTo(3 / 4.0);
        assertThat(sales.medianDaysSinceUpdate()).isEqualTo((31 + 90) / 2.0);
    }

    @Test
    void closedRecordsCountAsRecordsButInNoOpenRecordFigure() {
        // Sales: o1 (30 days), o2 (31 days), o4 (91 days) open; o3 closed, 100 days old, close date before A.
        Freshness sales = freshness(freshnessAtDay100(), SALES, OPPORTUNITY);

        assertThat(sales.records()).isEqualTo(4);
        assertThat(sales.openRecords()).isEqualTo(3);
        assertThat(sales.stale30d()).isEqualTo(2);                   // o2, o4
        assertThat(sales.stale90d()).isEqualTo(1);                   // o4
        assertThat(sales.staleShare30d()).isEqualTo(2 / 3.0);
        assertThat(sales.medianDaysSinceUpdate()).isEqualTo(31.0);   // median of 30, 31, 91
    }

    @Test
    void overdueCountsOpenRecordsWhoseCloseDateIsBeforeAsOf() {
        // o1 closes day 99: overdue; o2 closes day 100 = A: not yet; o4 has no close date; o3 is closed.
        assertThat(freshness(freshnessAtDay100(), SALES, OPPORTUNITY).overdue()).isEqualTo(1);
        assertThat(freshness(freshnessAtDay100(), SERVICE, OPPORTUNITY).overdue()).isZero();
    }

    @Test
    void recordsWithoutRequiredFieldsAreLeftOutOfCompleteness() {
        // Sales: o1 4/4, o2 2/4, o4 1/2; o3 has 0 required fields and is left out.
        Freshness sales = freshness(freshnessAtDay100(), SALES, OPPORTUNITY);
        assertThat(sales.completenessAvg()).isEqualTo((1.0 + 0.5 + 0.5) / 3);
        assertThat(sales.completeShare()).isEqualTo(1 / 3.0);        // only o1
        // Service's only opportunity o5 has 0 required fields: no denominator, null, not 0 or NaN.
        Freshness service = freshness(freshnessAtDay100(), SERVICE, OPPORTUNITY);
        assertThat(service.completenessAvg()).isNull();
        assertThat(service.completeShare()).isNull();
    }

    @Test
    void duplicatesCountForTheCopysOwnTeamAndTheOldestNeverCounts() {
        // Opportunity k1: o1 (s1, day 0), o2 (s2, day 0, same instant: record id o2 > o1), o5 (v1, day 1).
        // o1 is the oldest; o2 counts for Sales, o5 for Service. c1 has k1 too, but is a Case: no group.
        List<Row> rows = freshnessAtDay100();

        assertThat(freshness(rows, SALES, OPPORTUNITY).duplicateRecords()).isEqualTo(1);
        assertThat(freshness(rows, SALES, OPPORTUNITY).duplicateRate()).isEqualTo(1 / 4.0);
        assertThat(freshness(rows, SERVICE, OPPORTUNITY).duplicateRecords()).isEqualTo(1);
        assertThat(freshness(rows, SERVICE, OPPORTUNITY).duplicateRate()).isEqualTo(1 / 1.0);
        assertThat(freshness(rows, SERVICE, CASE).duplicateRecords()).isZero();
        // k2: o7 (day 3) is older than o6 (day 5); o3 and o4 have no dedupe key
        assertThat(freshness(rows, UNKNOWN, OPPORTUNITY).duplicateRecords()).isEqualTo(1);
        assertThat(freshness(rows, ALL, OPPORTUNITY).duplicateRecords()).isEqualTo(3);   // o2, o5, o6
    }

    @Test
    void tieOnCreatedAtIsBrokenByTheSmallerRecordId() {
        // Same key, same instant: "a" is the original whichever owner or input order.
        List<Row> records = List.of(
                record(CASE, "b", "s1", at(day(0), 9), at(day(0), 9), 1, 1, "k", false, null),
                record(CASE, "a", "v1", at(day(0), 9), at(day(0), 9), 1, 1, "k", false, null));

        List<Row> rows = recordFreshness(records, day(1));

        assertThat(freshness(rows, SALES, CASE).duplicateRecords()).isEqualTo(1);
        assertThat(freshness(rows, SERVICE, CASE).duplicateRecords()).isZero();
    }

    @Test
    void ownersMissingFromUsersAndNullOwnersAreTeamUnknown() {
        // o6: owner "ghost", open, 10 days, 5/5, duplicate of o7; o7: no owner, closed, 0/1.
        assertThat(freshness(freshnessAtDay100(), UNKNOWN, OPPORTUNITY))
                .isEqualTo(new Freshness(2, 1, 0, 0, 0 / 1.0, 10.0, 0, (1.0 + 0.0) / 2, 1 / 2.0, 1, 1 / 2.0));
    }

    @Test
    void theOrganisationRowsCoverEveryTeamPerObjectType() {
        List<Row> rows = freshnessAtDay100();

        // Opportunity: o1..o7; open o1, o2, o4, o5, o6 with 30, 31, 91, 0, 10 days (sorted 0, 10, 30, 31, 91);
        // completeness over o1, o2, o4, o6, o7: (1 + 0.5 + 0.5 + 1 + 0) / 5, complete o1 and o6.
        assertThat(freshness(rows, ALL, OPPORTUNITY))
                .isEqualTo(new Freshness(7, 5, 2, 1, 2 / 5.0, 30.0, 1, 3.0 / 5, 2 / 5.0, 3, 3 / 7.0));
        // Case: c1 only, 40 days old, 3/3
        Freshness cases = new Freshness(1, 1, 1, 0, 1 / 1.0, 40.0, 0, 1.0, 1 / 1.0, 0, 0 / 1.0);
        assertThat(freshness(rows, ALL, CASE)).isEqualTo(cases);
        assertThat(freshness(rows, SERVICE, CASE)).isEqualTo(cases);
    }

    @Test
    void medianOfAnEvenCountIsTheAverageOfTheTwoMiddleValues() {
        // open: 10, 20, 40, 50 days; the closed record (1 day) is left out -> (20 + 40) / 2
        List<Row> records = List.of(
                record(OPPORTUNITY, "m1", "s1", at(day(0), 0), at(day(90), 8), 1, 1, null, false, null),
                record(OPPORTUNITY, "m2", "s1", at(day(0), 0), at(day(80), 8), 1, 1, null, false, null),
                record(OPPORTUNITY, "m3", "s1", at(day(0), 0), at(day(60), 8), 1, 1, null, false, null),
                record(OPPORTUNITY, "m4", "s1", at(day(0), 0), at(day(50), 8), 1, 1, null, false, null),
                record(OPPORTUNITY, "m5", "s1", at(day(0), 0), at(day(99), 8), 1, 1, null, true, null));

        assertThat(freshness(recordFreshness(records, day(100)), SALES, OPPORTUNITY).medianDaysSinceUpdate())
                .isEqualTo((20 + 40) / 2.0);
    }

    @Test
    void ratiosAreNullWhenTheirDenominatorIsEmpty() {
        // Marketing's only record is closed and has no required fields: no open records, nothing to rate.
        List<Row> records = List.of(
                record(CASE, "x1", "m1", at(day(0), 0), at(day(0), 0), 0, 0, null, true, day(5)));

        assertThat(freshness(recordFreshness(records, day(100)), MARKETING, CASE))
                .isEqualTo(new Freshness(1, 0, 0, 0, null, null, 0, null, null, 0, 0 / 1.0));
    }

    // ---------------------------------------------------------------- source_freshness

    @Test
    void lagPercentilesAndFailureRateCoverOnlyTheLastSevenDays() {
        // A = day 10, window [day 4, day 10]: elf lags 10, 20, 40, 50 s (the 100 s lag of day 2 is outside).
        // Linear interpolation at p * (n - 1): p50 at 1.5 -> 20 + 0.5 * 20 = 30; p95 at 2.85 -> 40 + 0.85 * 10.
        Source elf = source(sourceFreshnessAtDay10(), "elf");

        assertThat(elf.lagP50Seconds()).isEqualTo(30.0);
        assertThat(elf.lagP95Seconds()).isCloseTo(48.5, within(1e-9));
        // failures in the window: e3 of e2..e5; e1 failed on day 2, outside
        assertThat(elf.failureRate7d()).isEqualTo(1 / 4.0);
        // all four were ingested before day 11 00:00 (e5, the last, at day 10 22:30:50)
        assertThat(elf.backfilled7d()).isZero();
    }

    @Test
    void eventsAfterAsOfCountNowhere() {
        // e6 (day 11, failure, ingested last) is after A; collector has only events after A: no row.
        List<Row> rows = sourceFreshnessAtDay10();

        assertThat(rows).extracting(r -> (String) r.getAs(Columns.SOURCE)).containsExactlyInAnyOrder("elf", "jsonl");
        Source elf = source(rows, "elf");
        assertThat(elf.events()).isEqualTo(5);                                       // e1..e5
        assertThat(elf.lastEventAt()).isEqualTo(instant(day(10), 22, 30, 0));        // e5
        assertThat(elf.lastIngestedAt()).isEqualTo(instant(day(10), 22, 30, 50));    // e5 + 50 s
    }

    @Test
    void hoursSinceLastEventOfAPastAsOfAreMeasuredFromTheEndOfThatDay() {
        // A = day 10, run at day 11 06:00, after A's day ended: the reference is day 11 00:00, not the run.
        // elf's last event day 10 22:30 -> 1.5 h; jsonl's day 1 12:00 -> 9 * 24 + 12 = 228 h
        List<Row> rows = sourceFreshnessAtDay10();

        assertThat(source(rows, "elf").hoursSinceLastEvent()).isEqualTo(1.5);
        assertThat(source(rows, "jsonl").hoursSinceLastEvent()).isEqualTo(9 * 24 + 12.0);
    }

    @Test
    void hoursSinceLastEventOfAnAsOfOfTodayAreMeasuredFromTheRunStart() {
        // A = day 10, run at day 10 23:15, before A's day ends: the reference is the run's start.
        // elf's last event day 10 22:30 -> 0.75 h; jsonl's day 1 12:00 -> 9 * 24 + 11.25 = 227.25 h
        List<Row> rows = sourceFreshnessAtDay10(instant(day(10), 23, 15, 0));

        assertThat(source(rows, "elf").hoursSinceLastEvent()).isEqualTo(0.75);
        assertThat(source(rows, "jsonl").hoursSinceLastEvent()).isEqualTo(9 * 24 + 11.25);
    }

    @Test
    void lagsOfAPastAsOfCountOnlyTheEventsIngestedByTheEndOfThatDay() {
        // A = day 10, run at day 400: the reference is day 11 00:00. Window [day 4, day 10]:
        // b1 (day 4 10:00, 60 s), b2 (day 9 08:00, 120 s), b3 (day 10 23:00, 600 s: 23:10, still day 10)
        // were ingested in time; b4 (day 6) and b5 (day 10 23:59:30, 60 s: day 11 00:00:30) after it, as a
        // backfill a year later would be. b0 (day 3, ingested late) is outside the window and counts nowhere.
        // Lags 60, 120, 600: p50 at 1 -> 120; p95 at 0.95 * 2 = 1.9 -> 120 + 0.9 * (600 - 120) = 552.
        List<Row> events = List.of(
                event("b0", "elf", day(3), 9, 0, 400 * 86_400L, Vocabulary.STATUS_SUCCESS),
                event("b1", "elf", day(4), 10, 0, 60, Vocabulary.STATUS_SUCCESS),
                event("b2", "elf", day(9), 8, 0, 120, Vocabulary.STATUS_SUCCESS),
                event("b3", "elf", day(10), 23, 0, 600, Vocabulary.STATUS_FAILURE),
                event("b4", "elf", day(6), 12, 0, 365 * 86_400L, Vocabulary.STATUS_SUCCESS),
                eventAt("b5", "elf", instant(day(10), 23, 59, 30), 60, Vocabulary.STATUS_SUCCESS));

        Source elf = source(sourceFreshness(events, day(10), instant(day(400), 9, 0, 0)), "elf");

        assertThat(elf.lagP50Seconds()).isEqualTo(120.0);
        assertThat(elf.lagP95Seconds()).isCloseTo(552.0, within(1e-9));
        assertThat(elf.backfilled7d()).isEqualTo(2);                   // b4, b5
        // everything else keeps counting every event: 6 events, failures 1 of the 5 in the window
        assertThat(elf.events()).isEqualTo(6);
        assertThat(elf.failureRate7d()).isEqualTo(1 / 5.0);
        assertThat(elf.lastIngestedAt()).isEqualTo(instant(day(403), 9, 0, 0));    // b0 + 400 days
    }

    @Test
    void lagsAreNullWhenEveryEventOfTheWindowWasIngestedAfterTheAsOfDay() {
        // the demo: A = day 10, the whole sample loaded on day 353, the run at day 353 06:00; reference day 11
        // 00:00. Window events l1 (day 5) and l2 (day 10) are both late; l0 (day 2) is outside the window.
        Instant loaded = instant(day(353), 5, 0, 0);
        List<Row> events = List.of(
                eventAt("l0", "elf", instant(day(2), 8, 0, 0), secondsBetween(instant(day(2), 8, 0, 0), loaded),
                        Vocabulary.STATUS_SUCCESS),
                eventAt("l1", "elf", instant(day(5), 8, 0, 0), secondsBetween(instant(day(5), 8, 0, 0), loaded),
                        Vocabulary.STATUS_SUCCESS),
                eventAt("l2", "elf", instant(day(10), 8, 0, 0), secondsBetween(instant(day(10), 8, 0, 0), loaded),
                        Vocabulary.STATUS_FAILURE));

        Source elf = source(sourceFreshness(events, day(10), instant(day(353), 6, 0, 0)), "elf");

        assertThat(elf).isEqualTo(new Source(3, instant(day(10), 8, 0, 0), loaded, null, null, 1 / 2.0,
                16.0, 2));   // hours: day 10 08:00 to day 11 00:00
    }

    @Test
    void anAsOfOfTodayKeepsEveryEventIngestedBeforeTheRun() {
        // A = day 10, run at day 10 23:15 (reference = the run). t1 (day 10 22:00, 3000 s: 22:50) was ingested
        // before the run; with A's day-end reference it would be the same. Lags 10, 20, 40, 50 of e2..e5 and
        // 3000 of t1: p50 at 2 -> 40; p95 at 0.95 * 4 = 3.8 -> 50 + 0.8 * (3000 - 50) = 2410.
        List<Row> events = List.of(
                event("e2", "elf", day(4), 0, 0, 10, Vocabulary.STATUS_SUCCESS),
                event("e3", "elf", day(6), 12, 0, 20, Vocabulary.STATUS_FAILURE),
                event("e4", "elf", day(8), 12, 0, 40, Vocabulary.STATUS_SUCCESS),
                event("e5", "elf", day(10), 22, 30, 50, Vocabulary.STATUS_SUCCESS),
                event("t1", "elf", day(10), 22, 0, 3000, Vocabulary.STATUS_SUCCESS));

        Source elf = source(sourceFreshness(events, day(10), instant(day(10), 23, 15, 0)), "elf");

        assertThat(elf.lagP50Seconds()).isEqualTo(40.0);
        assertThat(elf.lagP95Seconds()).isCloseTo(2410.0, within(1e-9));
        assertThat(elf.backfilled7d()).isZero();
    }

    @Test
    void freshnessReferenceIsTheEarlierOfTheRunStartAndTheEndOfTheAsOfDay() {
        LocalDate asOf = LocalDate.parse("2025-12-31");
        // the demo: data to 31 Dec 2025, run on 7 Dec 2026 -> the end of 31 Dec, 2026-01-01 00:00
        assertThat(FreshnessKpis.freshnessReference(asOf, Instant.parse("2026-12-07T19:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        // production: run on A itself -> the run's start
        assertThat(FreshnessKpis.freshnessReference(asOf, Instant.parse("2025-12-31T23:59:59Z")))
                .isEqualTo(Instant.parse("2025-12-31T23:59:59Z"));
        // a run starting exactly at the end of A's day: both are the same instant
        assertThat(FreshnessKpis.freshnessReference(asOf, Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void sourceWithoutEventsInTheWindowHasNullLagsAndFailureRate() {
        // hours since day 1 12:00 to day 11 00:00 (the end of A = day 10): 9 * 24 + 12
        // and nothing of the window was ingested late: backfilled_7d is 0, not null
        assertThat(source(sourceFreshnessAtDay10(), "jsonl")).isEqualTo(new Source(1, instant(day(1), 12, 0, 0),
                instant(day(1), 13, 0, 0), null, null, null, 9 * 24 + 12.0, 0));
    }

    // ---------------------------------------------------------------- contract

    @Test
    void goalTotalsSumNumeratorsAndDenominatorsOverObjectTypesNeverAveragingRatios() {
        List<Row> rows = FreshnessKpis.recordTotals(spark.createDataFrame(recordsOfDay100(), RECORDS),
                spark.createDataFrame(users(), USERS), day(100)).collectAsList();

        // __all__: open o1 o2 o4 o5 o6 c1, stale o2 (31) o4 (91) c1 (40); required fields on o1 1, o2 0.5,
        // o4 0.5, o6 1, o7 0, c1 1 (the mean of the per-object means would be (0.6 + 1) / 2 = 0.8);
        // duplicates o2 o5 o6 of 8 records.
        assertThat(totals(rows, ALL)).containsExactly(3 / 6.0, (1 + 0.5 + 0.5 + 1 + 0 + 1) / 6, 3 / 8.0);
        // Service: o5 (open, 0 days, no required fields, a copy) and c1 (open, 40 days, complete, alone in Case)
        assertThat(totals(rows, SERVICE)).containsExactly(1 / 2.0, 1.0, 1 / 2.0);
        assertThat(totals(rows, SALES)).containsExactly(2 / 3.0, (1.0 + 0.5 + 0.5) / 3, 1 / 4.0);
    }

    @Test
    void ownersGetTheSameFiguresOverAllTheirRecordsAndUnknownOwnersKeepTheirKey() {
        List<Row> rows = FreshnessKpis.recordOwners(spark.createDataFrame(recordsOfDay100(), RECORDS),
                spark.createDataFrame(users(), USERS), day(100)).collectAsList();

        // s1 owns o1 (open, 30 days, closes day 99: overdue, 4/4, the original of k1), o3 (closed) and o4
        // (open, 91 days, 1/2): stale 1 of 2 open, completeness (1 + 0.5) / 2.
        assertThat(owner(rows, "s1")).isEqualTo(List.of("Name s1", SALES, 3L, 2L, 1L, 1L, 1 / 2.0, 1L, (1 + 0.5) / 2, 0L));
        // s2 owns o2: 31 days, closes on A (not overdue), 2/4, a copy of k1
        assertThat(owner(rows, "s2")).isEqualTo(List.of("Name s2", SALES, 1L, 1L, 1L, 0L, 1.0, 0L, 0.5, 1L));
        // ghost is not in users: team unknown, no name; o6 is a copy of k2
        List<Object> ghost = owner(rows, "ghost");
        assertThat(ghost.get(0)).isNull();
        assertThat(ghost.subList(1, ghost.size())).isEqualTo(List.of(UNKNOWN, 1L, 1L, 0L, 0L, 0.0, 0L, 1.0, 1L));
    }

    @Test
    void martsHaveTheContractColumnsInOrder() {
        Dataset<Row> records = spark.createDataFrame(List.<Row>of(), RECORDS);
        Dataset<Row> users = spark.createDataFrame(List.<Row>of(), USERS);
        Dataset<Row> events = spark.createDataFrame(List.<Row>of(), ALL_EVENT_COLUMNS);

        assertThat(FreshnessKpis.recordFreshness(records, users, day(0)).columns()).containsExactly(
                Columns.TEAM, Columns.OBJECT_TYPE, Marts.RECORDS, Marts.OPEN_RECORDS, Marts.STALE_30D, Marts.STALE_90D,
                Marts.STALE_SHARE_30D, Marts.MEDIAN_DAYS_SINCE_UPDATE, Marts.OVERDUE, Marts.COMPLETENESS_AVG,
                Marts.COMPLETE_SHARE, Marts.DUPLICATE_RECORDS, Marts.DUPLICATE_RATE);
        assertThat(FreshnessKpis.sourceFreshness(UserDayActivity.sourceDays(events), events, day(0), Instant.EPOCH).columns()).containsExactly(
                Columns.SOURCE, Marts.EVENTS, Marts.LAST_EVENT_AT, Marts.LAST_INGESTED_AT, Marts.LAG_P50_SECONDS,
                Marts.LAG_P95_SECONDS, Marts.FAILURE_RATE_7D, Marts.HOURS_SINCE_LAST_EVENT, Marts.BACKFILLED_7D);
    }

    // ---------------------------------------------------------------- shared fixtures

    /** Users of every record fixture: s1, s2 in Sales, v1 in Service, m1 in Marketing. */
    private static List<Row> users() {
        return List.of(
                user("s1", SALES),
                user("s2", SALES),
                user("v1", SERVICE),
                user("m1", MARKETING));
    }

    /**
     * record_freshness at A = day 100. Days since update: o1 30, o2 31, o3 100 (closed), o4 91, o5 0,
     * o6 10, o7 20 (closed), c1 40.
     */
    private static List<Row> freshnessAtDay100() {
        return recordFreshness(recordsOfDay100(), day(100));
    }

    private static List<Row> recordsOfDay100() {
        return List.of(
                record(OPPORTUNITY, "o1", "s1", at(day(0), 9), at(day(70), 9), 4, 4, "k1", false, day(99)),
                record(OPPORTUNITY, "o2", "s2", at(day(0), 9), at(day(69), 9), 4, 2, "k1", false, day(100)),
                record(OPPORTUNITY, "o3", "s1", at(day(0), 9), at(day(0), 9), 0, 0, null, true, day(50)),
                record(OPPORTUNITY, "o4", "s1", at(day(0), 9), at(day(9), 9), 2, 1, null, false, null),
                record(OPPORTUNITY, "o5", "v1", at(day(1), 9), at(day(100), 9), 0, 0, "k1", false, null),
                record(OPPORTUNITY, "o6", "ghost", at(day(5), 9), at(day(90), 9), 5, 5, "k2", false, null),
                record(OPPORTUNITY, "o7", null, at(day(3), 9), at(day(80), 9), 1, 0, "k2", true, day(80)),
                record(CASE, "c1", "v1", at(day(10), 9), at(day(60), 9), 3, 3, "k1", false, null));
    }

    private static List<Row> recordFreshness(List<Row> records, LocalDate asOf) {
        return FreshnessKpis.recordFreshness(spark.createDataFrame(records, RECORDS),
                spark.createDataFrame(users(), USERS), asOf).collectAsList();
    }

    /** source_freshness at A = day 10, run at day 11 06:00. */
    private static List<Row> sourceFreshnessAtDay10() {
        return sourceFreshnessAtDay10(instant(day(11), 6, 0, 0));
    }

    /** source_freshness at A = day 10, run at {@code runTime}. */
    private static List<Row> sourceFreshnessAtDay10(Instant runTime) {
        List<Row> events = List.of(
                event("e1", "elf", day(2), 10, 0, 100, Vocabulary.STATUS_FAILURE),
                event("e2", "elf", day(4), 0, 0, 10, Vocabulary.STATUS_SUCCESS),
                event("e3", "elf", day(6), 12, 0, 20, Vocabulary.STATUS_FAILURE),
                event("e4", "elf", day(8), 12, 0, 40, Vocabulary.STATUS_SUCCESS),
                event("e5", "elf", day(10), 22, 30, 50, Vocabulary.STATUS_SUCCESS),
                event("e6", "elf", day(11), 1, 0, 5, Vocabulary.STATUS_FAILURE),
                event("j1", "jsonl", day(1), 12, 0, 3600, Vocabulary.STATUS_SUCCESS),
                event("c1", "collector", day(11), 2, 0, 1, Vocabulary.STATUS_SUCCESS));
        return sourceFreshness(events, day(10), runTime);
    }

    private static List<Row> sourceFreshness(List<Row> events, LocalDate asOf, Instant runTime) {
        Dataset<Row> frame = spark.createDataFrame(events, ALL_EVENT_COLUMNS);
        return FreshnessKpis.sourceFreshness(UserDayActivity.sourceDays(frame), frame, asOf, runTime).collectAsList();
    }

    // ---------------------------------------------------------------- rows in, values out

    private static Row user(String key, String team) {
        return RowFactory.create(key, "Name " + key, team, "full", Date.valueOf(day(0)), null, "wave-1");
    }

    private static Row record(String objectType, String id, String owner, Timestamp createdAt, Timestamp modifiedAt,
                              int requiredTotal, int requiredFilled, String dedupeKey, boolean closed,
                              LocalDate closeDate) {
        return RowFactory.create(objectType, id, owner, createdAt, modifiedAt, requiredTotal, requiredFilled, dedupeKey,
                closed, false, null, closeDate == null ? null : Date.valueOf(closeDate), "crm");
    }

    /** An event occurring at {@code date hour:minute} UTC and ingested {@code lagSeconds} later. */
    private static Row event(String id, String source, LocalDate date, int hour, int minute, long lagSeconds,
                             String status) {
        return eventAt(id, source, instant(date, hour, minute, 0), lagSeconds, status);
    }

    /** An event occurring at {@code occurred} and ingested {@code lagSeconds} later. */
    private static Row eventAt(String id, String source, Instant occurred, long lagSeconds, String status) {
        return RowFactory.create(id, Timestamp.from(occurred), Timestamp.from(occurred.plusSeconds(lagSeconds)),
                "u1", null, source, null, "record_view", "sales", null, null, "web", status, null, null,
                Date.valueOf(occurred.atOffset(ZoneOffset.UTC).toLocalDate()));
    }

    private static long secondsBetween(Instant from, Instant to) {
        return to.getEpochSecond() - from.getEpochSecond();
    }

    private static Timestamp at(LocalDate date, int hour) {
        return Timestamp.from(instant(date, hour, 0, 0));
    }

    private static Instant instant(LocalDate date, int hour, int minute, int second) {
        return date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    private record Freshness(long records, long openRecords, long stale30d, long stale90d, Double staleShare30d,
                             Double medianDaysSinceUpdate, long overdue, Double completenessAvg, Double completeShare,
                             long duplicateRecords, Double duplicateRate) {}

    private record Source(long events, Instant lastEventAt, Instant lastIngestedAt, Double lagP50Seconds,
                          Double lagP95Seconds, Double failureRate7d, Double hoursSinceLastEvent, long backfilled7d) {}

    private static Freshness freshness(List<Row> rows, String team, String objectType) {
        Row r = only(rows.stream()
                .filter(x -> team.equals(x.getAs(Columns.TEAM)) && objectType.equals(x.getAs(Columns.OBJECT_TYPE)))
                .toList(), team + "/" + objectType);
        return new Freshness(r.getAs(Marts.RECORDS), r.getAs(Marts.OPEN_RECORDS), r.getAs(Marts.STALE_30D),
                r.getAs(Marts.STALE_90D), r.getAs(Marts.STALE_SHARE_30D), r.getAs(Marts.MEDIAN_DAYS_SINCE_UPDATE),
                r.getAs(Marts.OVERDUE), r.getAs(Marts.COMPLETENESS_AVG), r.getAs(Marts.COMPLETE_SHARE),
                r.getAs(Marts.DUPLICATE_RECORDS), r.getAs(Marts.DUPLICATE_RATE));
    }

    /** display_name, team, records, open, stale 30, stale 90, stale share, overdue, completeness, duplicates. */
    private static List<Object> owner(List<Row> rows, String ownerKey) {
        Row r = only(rows.stream().filter(x -> ownerKey.equals(x.getAs(Columns.OWNER_KEY))).toList(), ownerKey);
        return java.util.Arrays.asList(r.getAs(Columns.DISPLAY_NAME), r.getAs(Columns.TEAM), r.getAs(Marts.RECORDS),
                r.getAs(Marts.OPEN_RECORDS), r.getAs(Marts.STALE_30D), r.getAs(Marts.STALE_90D), r.getAs(Marts.STALE_SHARE_30D),
                r.getAs(Marts.OVERDUE), r.getAs(Marts.COMPLETENESS_AVG), r.getAs(Marts.DUPLICATE_RECORDS));
    }

    /** stale_share_30d, completeness_avg, duplicate_rate of a team's goal totals. */
    private static List<Double> totals(List<Row> rows, String team) {
        Row r = only(rows.stream().filter(x -> team.equals(x.getAs(Columns.TEAM))).toList(), team);
        return List.of(r.getAs(Marts.STALE_SHARE_30D), r.getAs(Marts.COMPLETENESS_AVG), r.getAs(Marts.DUPLICATE_RATE));
    }

    private static Source source(List<Row> rows, String source) {
        Row r = only(rows.stream().filter(x -> source.equals(x.getAs(Columns.SOURCE))).toList(), source);
        return new Source(r.getAs(Marts.EVENTS), ((Timestamp) r.getAs(Marts.LAST_EVENT_AT)).toInstant(),
                ((Timestamp) r.getAs(Marts.LAST_INGESTED_AT)).toInstant(), r.getAs(Marts.LAG_P50_SECONDS),
                r.getAs(Marts.LAG_P95_SECONDS), r.getAs(Marts.FAILURE_RATE_7D), r.getAs(Marts.HOURS_SINCE_LAST_EVENT),
                r.<Long>getAs(Marts.BACKFILLED_7D));
    }

    private static Row only(List<Row> matches, String key) {
        assertThat(matches).as("rows for " + key).hasSize(1);
        return matches.get(0);
    }
}
