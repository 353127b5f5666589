package io.uptake.jobs.rollout;

import static io.uptake.jobs.Frames.EVENTS;
import static io.uptake.jobs.Frames.GOALS;
import static io.uptake.jobs.Frames.USERS;
import static io.uptake.jobs.Frames.WAVES;
import static io.uptake.jobs.Frames.day;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.jobs.Frames;
import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.ActivityBits;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollout and goals marts on fixtures small enough to check on paper. Expected doubles are written
 * as the arithmetic the code does (e.g. expected = 0.2 + (0.6 - 0.2) * 0.5) so that they are the same double.
 */
class RolloutKpisTest {

    private static final String SALES = "Sales";
    private static final String SERVICE = "Service";
    private static final String MARKETING = "Marketing";
    private static final String ALL = Vocabulary.ALL_TEAMS;

    /** The real users table carries manager_key; Frames.USERS does not, so manager tests add it. */
    private static final StructType USERS_WITH_MANAGER = USERS.add(Columns.MANAGER_KEY, DataTypes.StringType, true);

    /** The columns of the other marts that goalsStatus reads. */
    private static final StructType ADOPTION_DAILY = new StructType()
            .add(Marts.DATE, DataTypes.DateType, false)
            .add(Columns.TEAM, DataTypes.StringType, false)
            .add(Marts.ADOPTION_RATE, DataTypes.DoubleType, true)
            .add(Marts.STICKINESS, DataTypes.DoubleType, true);
    private static final StructType RECORD_TOTALS = new StructType()
            .add(Columns.TEAM, DataTypes.StringType, false)
            .add(Marts.STALE_SHARE_30D, DataTypes.DoubleType, true)
            .add(Marts.COMPLETENESS_AVG, DataTypes.DoubleType, true)
            .add(Marts.DUPLICATE_RATE, DataTypes.DoubleType, true);
    private static final StructType TRAINED_SHARE = new StructType()
            .add(Columns.TEAM, DataTypes.StringType, false)
            .add(Marts.TRAINED_SHARE, DataTypes.DoubleType, true);
    private static final StructType ROI_MONTHLY = new StructType()
            .add(Columns.MONTH, DataTypes.StringType, false)
            .add(Marts.ROI_CUM, DataTypes.DoubleType, true);
    private static final StructType WAVE_SUMMARY = new StructType()
            .add(Columns.WAVE, DataTypes.StringType, false)
            .add(Marts.ADOPTION_RATE_NOW, DataTypes.DoubleType, true);

    /** The job's note for a KPI whose input was not loaded. */
    private static final Map<String, String> UNAVAILABLE = Map.of(Marts.STICKINESS, "the test has no stickiness");

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("RolloutKpisTest");
    }

    // ---------------------------------------------------------------- rollout_curve

    @Test
    void curveStartsAtDayZeroOnGoLiveAndCountsTheWavesLicensedUsersAndTheirMau() {
        List<Row> rows = rolloutCurveAtDay14();

        // early: go-live day 10, A = day 14 -> days 0..4; mid: go-live day 12 -> days 0..2; late: none.
        assertThat(rows).hasSize(5 + 3);
        // day 0 = day 10: e1, e2 (activated day 10) and e4 licensed; only e1, active on day 5 in a pilot
        // (within [10-27, 10]), is in the MAU; the bot never counts.
        assertThat(curve(rows, "early", 0)).isEqualTo(new Curve(day(10), 3, 1, 1 / 3.0));
        // day 1: e4 active on day 11
        assertThat(curve(rows, "early", 1)).isEqualTo(new Curve(day(11), 3, 2, 2 / 3.0));
        // day 2: e3 licensed from day 12; e2 active on day 12
        assertThat(curve(rows, "early", 2)).isEqualTo(new Curve(day(12), 4, 3, 3 / 4.0));
        // day 3: e4 deactivated on day 13 leaves both counts; e3 not active yet
        assertThat(curve(rows, "early", 3)).isEqualTo(new Curve(day(13), 3, 2, 2 / 3.0));
        // day 4: e3 active on day 14
        assertThat(curve(rows, "early", 4)).isEqualTo(new Curve(day(14), 3, 3, 3 / 3.0));
        assertThat(curve(rows, "mid", 0)).isEqualTo(new Curve(day(12), 2, 0, 0 / 2.0));
        assertThat(curve(rows, "mid", 1)).isEqualTo(new Curve(day(13), 2, 1, 1 / 2.0));
        assertThat(curve(rows, "mid", 2)).isEqualTo(new Curve(day(14), 2, 1, 1 / 2.0));
    }

    @Test
    void waveNotYetLiveHasNoCurveRowsButASummaryRowWithNulls() {
        List<Row> summary = waveSummaryAtDay14();

        assertThat(rolloutCurveAtDay14()).noneMatch(r -> "late".equals(r.getAs(Columns.WAVE)));
        // late goes live on day 15; l1 is licensed since day 0, so users = 1
        assertThat(summary(summary, "late")).isEqualTo(new Summary(day(15), 1, null, null, null));
    }

    @Test
    void daysTo50And80PctAreTheFirstDaysReachingTheThresholdAndNullWhenNotReached() {
        List<Row> summary = waveSummaryAtDay14();

        assertThat(summary).hasSize(3);
        // early: rates 1/3, 2/3, 3/4, 2/3, 1 -> >= 0.5 first on day 1, >= 0.8 first on day 4;
        // users licensed on A: e1, e2, e3 (e4 left on day 13)
        assertThat(summary(summary, "early")).isEqualTo(new Summary(day(10), 3, 1, 4, 3 / 3.0));
        // mid: rates 0, 1/2, 1/2 -> exactly 0.5 counts on day 1, 0.8 never reached
        assertThat(summary(summary, "mid")).isEqualTo(new Summary(day(12), 2, 1, null, 1 / 2.0));
    }

    @Test
    void rolloutMartsHaveTheContractColumnsInOrder() {
        assertThat(curveFrame().columns()).containsExactly(Columns.WAVE, Marts.DAY, Marts.DATE, Marts.LICENSED_USERS,
                Marts.MAU, Marts.ADOPTION_RATE);
        assertThat(RolloutKpis.waveSummary(curveFrame(), rolloutWaves(), rolloutHumans(), day(14)).columns())
                .containsExactly(Columns.WAVE, Columns.GO_LIVE_DATE, Marts.USERS, Marts.DAYS_TO_50PCT,
                        Marts.DAYS_TO_80PCT, Marts.ADOPTION_RATE_NOW);
    }

    // ---------------------------------------------------------------- goals_status

    // Every goal below runs from day 0 to day 20 unless said otherwise; A = day 10, so elapsed = 10 / 20 = 0.5.
    // With baseline 0.2 and target 0.6: expected = 0.2 + (0.6 - 0.2) * 0.5 = 0.4, 10% of |0.6 - 0.2| = 0.04.

    @Test
    void goalWhoseTargetIsReachedIsDone() {
        Row g = goal(goalsStatusAtDay10(), "all-adoption");

        // __all__ adoption_rate on A is 0.625 >= 0.6 (the 0.9 of day 9 is not A)
        assertThat(status(g)).isEqualTo(new Status(0.625, 0.2 + (0.6 - 0.2) * 0.5, Marts.GOAL_DONE, null));
    }

    @Test
    void goalAtOrBeyondExpectedIsGreenAtMostTenPercentShortIsAmberFurtherShortIsRed() {
        List<Row> rows = goalsStatusAtDay10();
        double expected = 0.2 + (0.6 - 0.2) * 0.5;

        // Marketing 0.45 >= 0.4
        assertThat(status(goal(rows, "marketing-adoption"))).isEqualTo(new Status(0.45, expected, Marts.GOAL_GREEN, null));
        // Sales 0.36 = 0.4 - 0.04: exactly 10% short
        assertThat(status(goal(rows, "sales-adoption"))).isEqualTo(new Status(0.36, expected, Marts.GOAL_AMBER, null));
        // Service 0.359 = 0.4 - 0.041: more than 10% short
        assertThat(status(goal(rows, "service-adoption"))).isEqualTo(new Status(0.359, expected, Marts.GOAL_RED, null));
    }

    @Test
    void elapsedIsClampedToZeroBeforeTheStartAndToOneAfterTheDueDate() {
        List<Row> rows = goalsStatusAtDay10();

        // starts on day 12 > A: elapsed 0, expected = baseline 0.2; Marketing 0.45 is beyond it
        assertThat(status(goal(rows, "not-started"))).isEqualTo(new Status(0.45, 0.2, Marts.GOAL_GREEN, null));
        // due on day 5 < A: elapsed 1, expected = target 0.6; 0.6 - 0.45 = 0.15 > 0.04
        assertThat(status(goal(rows, "overdue"))).isEqualTo(new Status(0.45, 0.6, Marts.GOAL_RED, null));
    }

    @Test
    void staleShareAndDuplicateRateAreLowerIsBetter() {
        List<Row> rows = goalsStatusAtDay10();

        // __all__: stale share 0.275; baseline 0.4, target 0.2: expected = 0.4 + (0.2 - 0.4) * 0.5 = 0.3,
        // and 0.275 is below it: green.
        assertThat(status(goal(rows, "all-stale")))
                .isEqualTo(new Status(11 / 40.0, 0.4 + (0.2 - 0.4) * 0.5, Marts.GOAL_GREEN, null));
        // Sales: duplicate rate 0.025 <= target 0.05: done
        assertThat(status(goal(rows, "sales-duplicates")))
                .isEqualTo(new Status(1 / 40.0, 0.1 + (0.05 - 0.1) * 0.5, Marts.GOAL_DONE, null));
    }

    @Test
    void completenessIsHigherIsBetter() {
        // Sales 0.825; baseline 0.5, target 0.9: expected 0.7; 0.825 is beyond it (lower-is-better would make it red).
        assertThat(status(goal(goalsStatusAtDay10(), "sales-completeness")))
                .isEqualTo(new Status((0.9 * 30 + 0.6 * 10) / 40, 0.5 + (0.9 - 0.5) * 0.5, Marts.GOAL_GREEN, null));
    }

    @Test
    void trainedShareRoiAndWaveGoalsReadTheirMarts() {
        List<Row> rows = goalsStatusAtDay10();

        // Service: trained_share 0.5 >= expected 0.4
        assertThat(status(goal(rows, "service-trained"))).isEqualTo(new Status(4 / 8.0, 0.2 + (0.6 - 0.2) * 0.5,
                Marts.GOAL_GREEN, null));
        // A = 2025-03-13: roi_cum of "2025-03" is 0.1; baseline -1, target 0.5: expected -1 + 1.5 * 0.5 = -0.25
        assertThat(status(goal(rows, "roi"))).isEqualTo(new Status(0.1, -1.0 + (0.5 - -1.0) * 0.5, Marts.GOAL_GREEN, null));
        // wave early: adoption_rate_now 0.75 >= 0.6
        assertThat(status(goal(rows, "early-adoption"))).isEqualTo(new Status(0.75, 0.2 + (0.6 - 0.2) * 0.5,
                Marts.GOAL_DONE, null));
    }

    @Test
    void unknownKpiAndUnknownTeamGiveAProblemInsteadOfAStatus() {
        List<Row> rows = goalsStatusAtDay10();

        assertThat(status(goal(rows, "nps"))).isEqualTo(new Status(null, 0.2 + (0.6 - 0.2) * 0.5, null,
                "unknown KPI 'nps': expected one of adoption_rate, stickiness, stale_share_30d, completeness_avg, "
                        + "duplicate_rate, trained_share, roi_cum"));
        assertThat(status(goal(rows, "finance-adoption"))).isEqualTo(new Status(null, 0.2 + (0.6 - 0.2) * 0.5, null,
                "unknown team 'Finance' in scope 'team:Finance': expected one of Marketing, Sales, Service"));
    }

    @Test
    void unsupportedScopesAndMissingValuesGiveAProblem() {
        List<Row> rows = goalsStatusAtDay10();

        assertThat(goal(rows, "region").<String>getAs(Marts.PROBLEM))
                .isEqualTo("unknown scope 'region:EMEA': expected all, team:<name> or wave:<name>");
        assertThat(goal(rows, "sales-roi").<String>getAs(Marts.PROBLEM))
                .isEqualTo("KPI 'roi_cum' is organisation-wide only: use scope 'all', not 'team:Sales'");
        assertThat(goal(rows, "early-stickiness").<String>getAs(Marts.PROBLEM))
                .isEqualTo("KPI 'stickiness' is not available for a wave scope ('wave:early'): "
                        + "wave goals support adoption_rate only");
        assertThat(status(goal(rows, "late-adoption"))).isEqualTo(new Status(null, 0.2 + (0.6 - 0.2) * 0.5, null,
                "no value of 'adoption_rate' for scope 'wave:late' on 2025-03-13: nobody in its denominator, "
                        + "no data, or a wave not live yet"));
        assertThat(goal(rows, "atlantis").<String>getAs(Marts.PROBLEM))
                .isEqualTo("unknown wave 'atlantis' in scope 'wave:atlantis': expected one of early, late");
        // adoption_daily has a stickiness of 0.25 for __all__, but the job said its input is missing
        assertThat(status(goal(rows, "all-stickiness"))).isEqualTo(new Status(null, 0.2 + (0.6 - 0.2) * 0.5, null,
                "no value of 'stickiness': the test has no stickiness"));
    }

    @Test
    void goalsStatusKeepsTheGoalColumnsAndAddsCurrentExpectedStatusProblem() {
        assertThat(goalsFrameAtDay10().columns()).containsExactly(Columns.GOAL_ID, Columns.KPI, Columns.SCOPE,
                Columns.BASELINE, Columns.TARGET, Columns.START_DATE, Columns.DUE_DATE, Marts.CURRENT, Marts.EXPECTED,
                Marts.GOAL_STATUS, Marts.PROBLEM);
        assertThat(goalsStatusAtDay10()).hasSize(20);
    }

    // ---------------------------------------------------------------- manager_support

    @Test
    void managerViewsCountEveryReportRunAndDashboardViewOfTheLast28Days() {
        // A = day 30, window [day 3, day 30]: the report_run of day 3, the dashboard_view of day 30, the API run
        // and the failed view of day 10 count (KPIS.md: all their events); day 2 is outside, record_view is no view.
        assertThat(manager(managerSupportAtDay30(), "boss")).isEqualTo(new Manager("Name boss", SALES, 4, 1 / 2.0));
    }

    @Test
    void teamAdoptionRateIsMauOverLicensedDirectReportsAndNullWhenNoneIsLicensed() {
        List<Row> rows = managerSupportAtDay30();

        // boss: r1 (active day 20) and r2 (never) licensed; r3 left on A, bot is an integration -> 1 / 2 above.
        // lead: f1 is activated the day after A, so nobody is licensed; lead viewed nothing.
        assertThat(manager(rows, "lead")).isEqualTo(new Manager("Name lead", SERVICE, 0, null));
        // only users named as someone's manager are managers; "gone" is not a user
        assertThat(rows).extracting(r -> (String) r.getAs(Columns.MANAGER_KEY)).containsExactlyInAnyOrder("boss", "lead");
    }

    @Test
    void managerSupportHasTheContractColumnsInOrder() {
        assertThat(managerSupportFrameAtDay30().columns()).containsExactly(Columns.MANAGER_KEY, Columns.DISPLAY_NAME,
                Columns.TEAM, Marts.OWN_ANALYTICS_VIEWS_28D, Marts.TEAM_ADOPTION_RATE);
    }

    // ---------------------------------------------------------------- rollout fixtures, A = day 14

    private static Dataset<Row> rolloutHumans() {
        return KpiConventions.humans(spark.createDataFrame(List.of(
                user("e1", SALES, day(10), null, "early"),
                user("e2", SALES, day(10), null, "early"),
                user("e3", SERVICE, day(12), null, "early"),
                user("e4", SERVICE, day(0), day(13), "early"),
                integration("bot", "early"),
                user("m1", SALES, day(0), null, "mid"),
                user("m2", SALES, day(0), null, "mid"),
                user("l1", SALES, day(0), null, "late")), USERS));
    }

    private static Dataset<Row> rolloutWaves() {
        return spark.createDataFrame(List.of(
                RowFactory.create("early", Date.valueOf(day(10))),
                RowFactory.create("mid", Date.valueOf(day(12))),
                RowFactory.create("late", Date.valueOf(day(15)))), WAVES);
    }

    private static Dataset<Row> curveFrame() {
        Dataset<Row> humans = rolloutHumans();
        Dataset<Row> events = spark.createDataFrame(List.of(
                web("e1", day(5)), web("e2", day(12)), web("e3", day(14)), web("e4", day(11)),
                web("bot", day(10)), web("bot", day(14)),
                web("m1", day(13)),
                web("l1", day(14))), EVENTS);
        Dataset<Row> people = ActivityBits.people(humans,
                UserDayActivity.activeUserDayModules(UserDayActivity.aggregate(events), humans, day(14)), Frames.DAY0);
        return RolloutKpis.rolloutCurve(people, rolloutWaves(), Frames.DAY0, day(14));
    }

    private static List<Row> rolloutCurveAtDay14() {
        return curveFrame().collectAsList();
    }

    private static List<Row> waveSummaryAtDay14() {
        return RolloutKpis.waveSummary(curveFrame(), rolloutWaves(), rolloutHumans(), day(14)).collectAsList();
    }

    // ---------------------------------------------------------------- goals fixtures, A = day 10

    private static Dataset<Row> goalsFrameAtDay10() {
        Dataset<Row> goals = spark.createDataFrame(List.of(
                goalRow("all-adoption", Marts.ADOPTION_RATE, "all", 0.2, 0.6, day(0), day(20)),
                goalRow("marketing-adoption", Marts.ADOPTION_RATE, "team:Marketing", 0.2, 0.6, day(0), day(20)),
                goalRow("sales-adoption", Marts.ADOPTION_RATE, "team:Sales", 0.2, 0.6, day(0), day(20)),
                goalRow("service-adoption", Marts.ADOPTION_RATE, "team:Service", 0.2, 0.6, day(0), day(20)),
                goalRow("not-started", Marts.ADOPTION_RATE, "team:Marketing", 0.2, 0.6, day(12), day(20)),
                goalRow("overdue", Marts.ADOPTION_RATE, "team:Marketing", 0.2, 0.6, day(0), day(5)),
                goalRow("all-stale", Marts.STALE_SHARE_30D, "all", 0.4, 0.2, day(0), day(20)),
                goalRow("sales-duplicates", Marts.DUPLICATE_RATE, "team:Sales", 0.1, 0.05, day(0), day(20)),
                goalRow("sales-completeness", Marts.COMPLETENESS_AVG, "team:Sales", 0.5, 0.9, day(0), day(20)),
                goalRow("service-trained", Marts.TRAINED_SHARE, "team:Service", 0.2, 0.6, day(0), day(20)),
                goalRow("roi", Marts.ROI_CUM, "all", -1.0, 0.5, day(0), day(20)),
                goalRow("early-adoption", Marts.ADOPTION_RATE, "wave:early", 0.2, 0.6, day(0), day(20)),
                goalRow("nps", "nps", "all", 0.2, 0.6, day(0), day(20)),
                goalRow("finance-adoption", Marts.ADOPTION_RATE, "team:Finance", 0.2, 0.6, day(0), day(20)),
                goalRow("region", Marts.ADOPTION_RATE, "region:EMEA", 0.2, 0.6, day(0), day(20)),
                goalRow("sales-roi", Marts.ROI_CUM, "team:Sales", 0.2, 0.6, day(0), day(20)),
                goalRow("early-stickiness", Marts.STICKINESS, "wave:early", 0.2, 0.6, day(0), day(20)),
                goalRow("late-adoption", Marts.ADOPTION_RATE, "wave:late", 0.2, 0.6, day(0), day(20)),
                goalRow("atlantis", Marts.ADOPTION_RATE, "wave:atlantis", 0.2, 0.6, day(0), day(20)),
                goalRow("all-stickiness", Marts.STICKINESS, "all", 0.2, 0.6, day(0), day(20))), GOALS);
        Dataset<Row> adoption = spark.createDataFrame(List.of(
                RowFactory.create(Date.valueOf(day(9)), ALL, 0.9, 0.5),
                RowFactory.create(Date.valueOf(day(10)), ALL, 0.625, 0.25),
                RowFactory.create(Date.valueOf(day(10)), SALES, 0.36, 0.25),
                RowFactory.create(Date.valueOf(day(10)), SERVICE, 0.359, 0.25),
                RowFactory.create(Date.valueOf(day(10)), MARKETING, 0.45, 0.25)), ADOPTION_DAILY);
        Dataset<Row> records = spark.createDataFrame(List.of(
                RowFactory.create(ALL, 11 / 40.0, 0.7, 1 / 80.0),
                RowFactory.create(SALES, 0.2, 0.825, 1 / 40.0)), RECORD_TOTALS);
        Dataset<Row> training = spark.createDataFrame(List.of(
                RowFactory.create(SERVICE, 0.5),
                RowFactory.create(SALES, 1.0)), TRAINED_SHARE);
        Dataset<Row> roi = spark.createDataFrame(List.of(
                RowFactory.create("2025-02", -0.5),
                RowFactory.create("2025-03", 0.1)), ROI_MONTHLY);
        Dataset<Row> waves = spark.createDataFrame(List.of(
                RowFactory.create("early", 0.75),
                RowFactory.create("late", null)), WAVE_SUMMARY);
        return RolloutKpis.goalsStatus(goals, adoption, records, training, roi, waves, UNAVAILABLE, day(10));
    }

    private static List<Row> goalsStatusAtDay10() {
        return goalsFrameAtDay10().collectAsList();
    }

    // ---------------------------------------------------------------- manager fixtures, A = day 30

    private static Dataset<Row> managerSupportFrameAtDay30() {
        Dataset<Row> users = spark.createDataFrame(List.of(
                managed(user("boss", SALES, day(0), null, "early"), null),
                managed(user("r1", SALES, day(0), null, "early"), "boss"),
                managed(user("r2", SALES, day(0), null, "early"), "boss"),
                managed(user("r3", SALES, day(0), day(30), "early"), "boss"),
                managed(integration("bot", "early"), "boss"),
                managed(user("lead", SERVICE, day(0), null, "early"), "boss-of-lead-is-nobody"),
                managed(user("f1", SERVICE, day(31), null, "early"), "lead"),
                managed(user("x1", SERVICE, day(0), null, "early"), "gone")), USERS_WITH_MANAGER);
        Dataset<Row> humans = KpiConventions.humans(users);
        Dataset<Row> events = spark.createDataFrame(List.of(
                event("boss", day(3), "report_run", "web", Vocabulary.STATUS_SUCCESS),
                event("boss", day(30), "dashboard_view", "mobile", Vocabulary.STATUS_SUCCESS),
                event("boss", day(2), "report_run", "web", Vocabulary.STATUS_SUCCESS),
                event("boss", day(10), "report_run", "api", Vocabulary.STATUS_SUCCESS),
                event("boss", day(10), "dashboard_view", "web", Vocabulary.STATUS_FAILURE),
                event("boss", day(10), "record_view", "web", Vocabulary.STATUS_SUCCESS),
                event("r1", day(20), "record_update", "web", Vocabulary.STATUS_SUCCESS),
                event("r3", day(29), "record_update", "web", Vocabulary.STATUS_SUCCESS),
                event("bot", day(29), "record_update", "web", Vocabulary.STATUS_SUCCESS),
                event("f1", day(30), "record_update", "web", Vocabulary.STATUS_SUCCESS)), EVENTS);
        Dataset<Row> userDays = UserDayActivity.aggregate(events);
        Dataset<Row> activeDays = UserDayActivity.activeUserDays(
                UserDayActivity.activeUserDayModules(userDays, humans, day(30)));
        return RolloutKpis.managerSupport(users, humans, userDays, activeDays, day(30));
    }

    private static List<Row> managerSupportAtDay30() {
        return managerSupportFrameAtDay30().collectAsList();
    }

    // ---------------------------------------------------------------- rows in, values out

    private static Row user(String key, String team, LocalDate activatedAt, LocalDate deactivatedAt, String wave) {
        return RowFactory.create(key, "Name " + key, team, "full", Date.valueOf(activatedAt),
                deactivatedAt == null ? null : Date.valueOf(deactivatedAt), wave);
    }

    private static Row integration(String key, String wave) {
        return RowFactory.create(key, "Name " + key, SALES, Vocabulary.LICENSE_INTEGRATION, Date.valueOf(day(0)),
                null, wave);
    }

    /** A USERS row extended with manager_key. */
    private static Row managed(Row user, String managerKey) {
        Object[] values = new Object[user.size() + 1];
        for (int i = 0; i < user.size(); i++) {
            values[i] = user.get(i);
        }
        values[user.size()] = managerKey;
        return RowFactory.create(values);
    }

    private static Row event(String key, LocalDate date, String type, String client, String status) {
        return RowFactory.create(key, Date.valueOf(date), type, "analytics", client, status);
    }

    /** A successful web record_update in sales: an active event. */
    private static Row web(String key, LocalDate date) {
        return RowFactory.create(key, Date.valueOf(date), "record_update", "sales", "web", Vocabulary.STATUS_SUCCESS);
    }

    private static Row goalRow(String id, String kpi, String scope, double baseline, double target, LocalDate start,
                               LocalDate due) {
        return RowFactory.create(id, kpi, scope, baseline, target, Date.valueOf(start), Date.valueOf(due));
    }

    private record Curve(LocalDate date, long licensedUsers, long mau, Double adoptionRate) {}

    private record Summary(LocalDate goLive, long users, Integer daysTo50, Integer daysTo80, Double rateNow) {}

    private record Status(Double current, Double expected, String status, String problem) {}

    private record Manager(String displayName, String team, long views, Double teamAdoptionRate) {}

    private static Curve curve(List<Row> rows, String wave, int day) {
        Row r = only(rows.stream()
                .filter(x -> wave.equals(x.getAs(Columns.WAVE)) && ((Number) x.getAs(Marts.DAY)).intValue() == day)
                .toList(), wave + "/" + day);
        return new Curve(((Date) r.getAs(Marts.DATE)).toLocalDate(), r.getAs(Marts.LICENSED_USERS), r.getAs(Marts.MAU),
                r.getAs(Marts.ADOPTION_RATE));
    }

    private static Summary summary(List<Row> rows, String wave) {
        Row r = only(rows.stream().filter(x -> wave.equals(x.getAs(Columns.WAVE))).toList(), wave);
        return new Summary(((Date) r.getAs(Columns.GO_LIVE_DATE)).toLocalDate(), r.getAs(Marts.USERS),
                intOrNull(r.getAs(Marts.DAYS_TO_50PCT)), intOrNull(r.getAs(Marts.DAYS_TO_80PCT)),
                r.getAs(Marts.ADOPTION_RATE_NOW));
    }

    private static Row goal(List<Row> rows, String goalId) {
        return only(rows.stream().filter(x -> goalId.equals(x.getAs(Columns.GOAL_ID))).toList(), goalId);
    }

    private static Status status(Row r) {
        return new Status(r.getAs(Marts.CURRENT), r.getAs(Marts.EXPECTED), r.getAs(Marts.GOAL_STATUS),
                r.getAs(Marts.PROBLEM));
    }

    private static Manager manager(List<Row> rows, String managerKey) {
        Row r = only(rows.stream().filter(x -> managerKey.equals(x.getAs(Columns.MANAGER_KEY))).toList(), managerKey);
        return new Manager(r.getAs(Columns.DISPLAY_NAME), r.getAs(Columns.TEAM), r.getAs(Marts.OWN_ANALYTICS_VIEWS_28D),
                r.getAs(Marts.TEAM_ADOPTION_RATE));
    }

    private static Integer intOrNull(Number n) {
        return n == null ? null : n.intValue();
    }

    private static Row only(List<Row> rows, String what) {
        assertThat(rows).as(what).hasSize(1);
        return rows.get(0);
    }
}
