package io.uptake.jobs.training;

import static io.uptake.jobs.Frames.EVENTS;
import static io.uptake.jobs.Frames.TRAINING;
import static io.uptake.jobs.Frames.USERS;
import static io.uptake.jobs.Frames.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.jobs.Frames;
import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training marts on organisations small enough to check on paper. Expected ratios are written as the
 * KPIS.md arithmetic (e.g. trained_share = 2 / 4.0) so that they are the same double.
 */
class TrainingKpisTest {

    private static final String SALES = "Sales";
    private static final String SERVICE = "Service";
    private static final String ALL = Vocabulary.ALL_TEAMS;
    private static final String OK = Vocabulary.STATUS_SUCCESS;
    private static final String FAILED = Vocabulary.STATUS_FAILURE;
    /** The as-of date of the training_gap fixtures; the 28-day window is [day 13, day 40]. */
    private static final LocalDate A = day(40);

    /** training_gap as teamsNeedingHelp reads it. */
    private static final StructType GAP = new StructType()
            .add(Columns.TEAM, DataTypes.StringType, false)
            .add(Columns.MODULE, DataTypes.StringType, false)
            .add(Marts.LICENSED_USERS, DataTypes.LongType, false)
            .add(Marts.TRAINED_USERS, DataTypes.LongType, false)
            .add(Marts.ACTIVE_USERS, DataTypes.LongType, false)
            .add(Marts.TRAINED_SHARE, DataTypes.DoubleType, true)
            .add(Marts.ERROR_RATE, DataTypes.DoubleType, true)
            .add(Marts.HELP_PER_ACTIVE_USER, DataTypes.DoubleType, true);

    /** adoption_daily as teamsNeedingHelp reads it. */
    private static final StructType ADOPTION = new StructType()
            .add(Marts.DATE, DataTypes.DateType, false)
            .add(Columns.TEAM, DataTypes.StringType, false)
            .add(Marts.ADOPTION_RATE, DataTypes.DoubleType, true);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("TrainingKpisTest");
    }

    // ---------------------------------------------------------------- training_gap

    @Test
    void trainingCompletedAfterTheAsOfDateIsNotCounted() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("bob", SALES, day(0), null),
                user("cat", SALES, day(0), null));
        List<Row> training = List.of(
                course("ann", "SAL-101", "sales", A),            // on A: counts
                course("bob", "SAL-101", "sales", day(41)),      // the day after A: does not
                course("cat", "SVC-101", "service", day(10)));   // long before A, other module

        List<Row> rows = trainingGap(users, List.of(), training);

        assertThat(rows).hasSize(2 * Vocabulary.MODULES.size()); // (Sales, __all__) x 6 modules
        // sales: 3 licensed, 1 trained (ann), nobody active: ann is trained-not-using.
        assertThat(gap(rows, SALES, "sales")).isEqualTo(new Gap(3, 1, 0, 1, 0, 1 / 3.0, 0 / 3.0, null, null));
        assertThat(gap(rows, SALES, "service")).isEqualTo(new Gap(3, 1, 0, 1, 0, 1 / 3.0, 0 / 3.0, null, null));
        assertThat(gap(rows, SALES, "marketing")).isEqualTo(new Gap(3, 0, 0, 0, 0, 0 / 3.0, 0 / 3.0, null, null));
    }

    @Test
    void aUserDeactivatedInsideTheWindowCountsInNoFigure() {
        // dan leaves on day 30, inside [day 13, day 40]; eve leaves on A itself: neither is licensed on A.
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("dan", SALES, day(0), day(30)),
                user("eve", SALES, day(0), A));
        List<Row> events = List.of(
                event("ann", day(40), "record_update", "sales", "web", OK),
                event("dan", day(20), "record_update", "sales", "web", OK),
                event("dan", day(21), "record_update", "sales", "web", FAILED),
                event("dan", day(22), "help_view", "sales", "web", OK),
                event("eve", day(39), "error", "sales", "web", FAILED));
        List<Row> training = List.of(course("dan", "SAL-101", "sales", day(5)));

        List<Row> rows = trainingGap(users, events, training);

        // Only ann: licensed 1, active 1 and untrained; her 1 event has no failure: 0 / 1; 0 help views / 1.
        assertThat(gap(rows, SALES, "sales")).isEqualTo(new Gap(1, 0, 1, 0, 1, 0 / 1.0, 1 / 1.0, 0 / 1.0, 0 / 1.0));
        assertThat(gap(rows, ALL, "sales")).isEqualTo(new Gap(1, 0, 1, 0, 1, 0 / 1.0, 1 / 1.0, 0 / 1.0, 0 / 1.0));
    }

    @Test
    void trainedNotUsingAndUsingUntrainedArePerModuleAndPerWindow() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("bob", SALES, day(0), null),
                user("cat", SALES, day(0), null),
                user("dan", SALES, day(0), null));
        List<Row> events = List.of(
                event("ann", day(30), "record_view", "sales", "mobile", OK),
                event("bob", day(12), "record_view", "sales", "web", OK),     // outside the window
                event("cat", day(13), "record_view", "sales", "web", OK),     // inside
                event("dan", day(35), "record_view", "service", "web", OK),
                event("dan", day(35), "record_update", "sales", "api", OK),   // api is not an active event
                event("dan", day(36), "record_update", "sales", "web", FAILED)); // a failure is not either
        List<Row> training = List.of(
                course("ann", "SAL-101", "sales", day(1)),
                course("bob", "SAL-101", "sales", day(2)));

        List<Row> rows = trainingGap(users, events, training);

        // sales: trained ann, bob; active ann, cat -> trained-not-using bob, using-untrained cat.
        // Events in the window, any client: ann 1, cat 1, dan's api update and failure 2 = 4, of which 1 failed.
        assertThat(gap(rows, SALES, "sales")).isEqualTo(new Gap(4, 2, 2, 1, 1, 2 / 4.0, 2 / 4.0, 1 / 4.0, 0 / 2.0));
        // service: dan active and untrained.
        assertThat(gap(rows, SALES, "service")).isEqualTo(new Gap(4, 0, 1, 0, 1, 0 / 4.0, 1 / 4.0, 0 / 1.0, 0 / 1.0));
    }

    @Test
    void errorRateAndHelpPerActiveUserCountEveryEventOfTheLicensedUsersInTheLast28Days() {
        List<Row> users = List.of(
                user("sue", SERVICE, day(0), null),
                user("tom", SERVICE, day(0), null));
        List<Row> events = List.of(
                event("sue", day(13), "record_update", "service", "web", OK),
                event("sue", day(20), "record_update", "service", "web", FAILED),
                event("sue", day(40), "help_view", "service", "mobile", OK),
                event("sue", day(40), "knowledge_view", "service", "web", OK),
                event("sue", day(12), "record_update", "service", "web", FAILED),   // before the window
                event("sue", day(41), "record_update", "service", "web", FAILED),   // after A
                event("sue", day(20), "record_update", "service", "api", FAILED),   // api counts too
                event("tom", day(30), "error", "service", "web", FAILED),
                event("tom", day(30), "help_view", "service", "web", FAILED));      // a failed help view is still help-seeking

        List<Row> rows = trainingGap(users, events, List.of());

        // Events in [13, 40]: sue 5 (api included) + tom 2 = 7; failures: sue 2 + tom 2 = 4 -> 4 / 7.
        // Help: sue's help_view + knowledge_view + tom's failed help_view = 3; active: sue only -> 3 / 1.
        assertThat(gap(rows, SERVICE, "service")).isEqualTo(new Gap(2, 0, 1, 0, 1, 0 / 2.0, 1 / 2.0, 4 / 7.0, 3 / 1.0));
        // No sales event at all: both ratios have a zero denominator.
        assertThat(gap(rows, SERVICE, "sales")).isEqualTo(new Gap(2, 0, 0, 0, 0, 0 / 2.0, 0 / 2.0, null, null));
    }

    @Test
    void aTeamWithNoLicensedUserHasNullRatiosNotZeros() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("old", "Gone", day(0), day(5)));
        List<Row> events = List.of(event("old", day(3), "record_update", "sales", "web", OK));
        List<Row> training = List.of(course("old", "SAL-101", "sales", day(1)));

        List<Row> rows = trainingGap(users, events, training);

        assertThat(rows).hasSize(3 * Vocabulary.MODULES.size()); // (Gone, Sales, __all__) x 6
        for (String module : Vocabulary.MODULES) {
            assertThat(gap(rows, "Gone", module)).isEqualTo(new Gap(0, 0, 0, 0, 0, null, null, null, null));
        }
    }

    @Test
    void theOrganisationRowAddsUpEveryTeam() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("sue", SERVICE, day(0), null),
                integration("bot", SALES, day(0)));
        List<Row> events = List.of(
                event("ann", day(30), "record_update", "sales", "web", OK),
                event("ann", day(31), "record_update", "sales", "web", FAILED),
                event("sue", day(32), "record_view", "sales", "web", OK),
                event("sue", day(32), "help_view", "sales", "web", OK),
                event("sue", day(33), "knowledge_view", "sales", "mobile", OK),
                event("bot", day(33), "record_update", "sales", "web", FAILED)); // integration: never counted
        List<Row> training = List.of(course("ann", "SAL-101", "sales", day(1)));

        List<Row> rows = trainingGap(users, events, training);

        assertThat(rows).hasSize(3 * Vocabulary.MODULES.size());
        assertThat(gap(rows, SALES, "sales")).isEqualTo(new Gap(1, 1, 1, 0, 0, 1 / 1.0, 1 / 1.0, 1 / 2.0, 0 / 1.0));
        assertThat(gap(rows, SERVICE, "sales")).isEqualTo(new Gap(1, 0, 1, 0, 1, 0 / 1.0, 1 / 1.0, 0 / 3.0, 2 / 1.0));
        // __all__: 2 licensed, 1 trained, 2 active; events 2 + 3 = 5 with 1 failure; 2 help views / 2 active.
        assertThat(gap(rows, ALL, "sales")).isEqualTo(new Gap(2, 1, 2, 0, 1, 1 / 2.0, 2 / 2.0, 1 / 5.0, 2 / 2.0));
        assertThat(gap(rows, ALL, "admin")).isEqualTo(new Gap(2, 0, 0, 0, 0, 0 / 2.0, 0 / 2.0, null, null));
    }

    // ---------------------------------------------------------------- teams_needing_help

    @Test
    void teamsAreRankedByScoreThenByNameWithReasonsBiggestFirst() {
        List<Row> gaps = List.of(
                gapRow(ALL, "service", 30, 20, 30, 0.05, 1.0),
                gapRow(ALL, "sales", 30, 25, 20, 0.10, 0.5),
                // Desk's main module is service (20 active > 5).
                gapRow("Desk", "service", 20, 8, 20, 0.10, 2.0),
                gapRow("Desk", "sales", 20, 5, 5, 0.50, 9.0),
                // Alpha and Beta score the same; Beta's service ties sales on active users, sales has more trained.
                gapRow("Alpha", "sales", 4, 2, 4, 0.10, 0.5),
                gapRow("Beta", "sales", 4, 2, 4, 0.10, 0.5),
                gapRow("Beta", "service", 4, 0, 4, 0.50, 5.0),
                gapRow("Strong", "sales", 10, 10, 10, 0.05, 0.25),
                gapRow("Strong", "service", 10, 0, 0, null, null));
        List<Row> adoption = List.of(
                adoptionRow(A, ALL, 0.7),
                adoptionRow(A, "Desk", 0.5),
                adoptionRow(A, "Alpha", 1.0),
                adoptionRow(A, "Beta", 1.0),
                adoptionRow(A, "Strong", 1.0),
                adoptionRow(day(39), "Strong", 0.0)); // not A: ignored

        List<Row> rows = TrainingKpis.teamsNeedingHelp(
                spark.createDataFrame(gaps, GAP), spark.createDataFrame(adoption, ADOPTION), A).collectAsList();

        // Desk in service: untrained 1 - 8/20 = 0.6 -> 0.35 * 0.6 = 0.21;
        //   errors (0.10 - 0.05) / 0.10 = 0.5 -> 0.25 * 0.5 = 0.125; help (2.0 / 1.0 - 1) / 2 = 0.5 -> 0.15 * 0.5 = 0.075;
        //   inactive 1 - 0.5 = 0.5 -> 0.25 * 0.5 = 0.125; score = 100 * (0.21 + 0.125 + 0.075 + 0.125) = 53.5.
        //   Errors and inactive both add 0.125: errors come first by the fixed order.
        // Alpha and Beta in sales: untrained 1 - 2/4 = 0.5 -> 0.175; errors and help equal the organisation's
        //   (excess 0, ratio 1 -> 0); adoption 1.0 -> 0; score 17.5, Alpha before Beta by name.
        // Strong in sales: trained, errors and help below the organisation's, adoption 1.0 -> 0.
        assertThat(rows).extracting(r -> r.getAs(Columns.TEAM), r -> r.getAs(Marts.SCORE), r -> r.getAs(Marts.RANK))
                .containsExactlyInAnyOrder(
                        tuple("Desk", 53.5, 1),
                        tuple("Alpha", 17.5, 2),
                        tuple("Beta", 17.5, 3),
                        tuple("Strong", 0.0, 4));
        assertThat(reasons(rows, "Desk")).containsExactly(
                "60% of the team's users are untrained in service (12 of 20)",
                "error rate in service 10.0%, 5.0 points above the organisation's 5.0%",
                "50% of licensed users not active in the last 28 days (adoption rate 50%, organisation 70%)",
                "2.0 help views per active user in service, 2.0\u00d7 the organisation's 1.0");
        assertThat(reasons(rows, "Alpha")).containsExactly("50% of the team's users are untrained in sales (2 of 4)");
        assertThat(reasons(rows, "Beta")).containsExactly("50% of the team's users are untrained in sales (2 of 4)");
        assertThat(reasons(rows, "Strong")).isEmpty();
    }

    @Test
    void bigExcessesAreCappedSmallOnesGiveNoReasonAndMissingFiguresAddNothing() {
        List<Row> gaps = List.of(
                gapRow(ALL, "service", 10, 10, 10, 0.02, 0.5),
                // errors 48 points above -> capped at 1; help 2.0 / 0.5 = 4x -> capped at 1.
                gapRow("Hot", "service", 5, 5, 5, 0.5, 2.0),
                // errors 0.1 point above: (0.021 - 0.02) / 0.10 = 0.01 -> 0.25 point, under the 1 point of a reason
                gapRow("Mild", "service", 5, 5, 5, 0.021, 0.5),
                // no adoption_daily row and no licensed user: nothing is known, score 0.
                gapRow("Empty", "service", 0, 0, 0, null, null));
        List<Row> adoption = List.of(adoptionRow(A, ALL, 1.0), adoptionRow(A, "Hot", 1.0), adoptionRow(A, "Mild", 1.0));

        List<Row> rows = TrainingKpis.teamsNeedingHelp(
                spark.createDataFrame(gaps, GAP), spark.createDataFrame(adoption, ADOPTION), A).collectAsList();

        // Hot: 100 * (0.35 * 0 + 0.25 * 1 + 0.15 * 1 + 0.25 * 0) = 40.0.
        assertThat(score(rows, "Hot")).isEqualTo(40.0);
        assertThat(reasons(rows, "Hot")).containsExactly(
                "error rate in service 50.0%, 48.0 points above the organisation's 2.0%",
                "2.0 help views per active user in service, 4.0\u00d7 the organisation's 0.5");
        // 0.25 point, rounded half up to one decimal
        assertThat(score(rows, "Mild")).isEqualTo(0.3);
        assertThat(reasons(rows, "Mild")).isEmpty();
        assertThat(score(rows, "Empty")).isEqualTo(0.0);
        assertThat(reasons(rows, "Empty")).isEmpty();
        assertThat(rows).hasSize(3);
    }

    // ---------------------------------------------------------------- training_effect

    @Test
    void trainingEffectComparesThe28DaysBeforeAndAfterCompletionWithoutTheCompletionDay() {
        LocalDate asOf = day(60);
        List<Row> users = List.of(
                user("ann", SALES, day(-40), null),
                user("bob", SALES, day(-40), null),
                user("cat", SALES, day(-40), null),
                user("dan", SALES, day(-40), null),
                user("eve", SERVICE, day(-40), null));
        List<Row> events = List.of(
                // ann completes on day 20: before = [day -8, day 19], after = [day 21, day 48].
                web("ann", day(-9), "sales"),   // C-29: outside
                web("ann", day(-8), "sales"),   // C-28: before
                web("ann", day(19), "sales"),   // C-1: before
                web("ann", day(19), "sales"),   // same day again: still one day
                web("ann", day(20), "sales"),   // C: neither
                web("ann", day(21), "sales"),   // C+1: after
                web("ann", day(48), "sales"),   // C+28: after
                web("ann", day(49), "sales"),   // C+29: outside
                web("ann", day(22), "service"), // other module
                // bob completes on day 30: three days after, none before.
                web("bob", day(31), "sales"),
                web("bob", day(35), "sales"),
                web("bob", day(40), "sales"),
                web("cat", day(34), "sales"),
                web("eve", day(45), "service"));
        List<Row> training = List.of(
                course("ann", "SAL-101", "sales", day(20)),
                course("ann", "SAL-101", "sales", day(40)),   // a second completion: the first one counts
                course("bob", "SAL-101", "sales", day(30)),   // 30 + 28 = 58 <= 60: counts
                course("cat", "SAL-101", "sales", day(33)),   // 33 + 28 = 61 > 60: trained, too recent to measure
                course("dan", "SAL-101", "sales", day(61)),   // after A: not trained yet
                course("eve", "SVC-101", "service", day(50)));

        Dataset<Row> humans = KpiConventions.humans(spark.createDataFrame(users, USERS));
        Dataset<Row> active = UserDayActivity.activeUserDayModules(UserDayActivity.aggregate(spark.createDataFrame(events, EVENTS)), humans, asOf);
        List<Row> rows = TrainingKpis.trainingEffect(spark.createDataFrame(training, TRAINING), active, asOf).collectAsList();

        assertThat(rows).hasSize(2);
        // SAL-101: trained ann, bob, cat = 3; measured ann (before 2, after 2) and bob (before 0, after 3):
        // before (2 + 0) / 2 = 1.0, after (2 + 3) / 2 = 2.5, lift 2.5 - 1.0 = 1.5.
        assertThat(effect(rows, "SAL-101")).isEqualTo(new Effect("sales", 3, (2 + 0) / 2.0, (2 + 3) / 2.0, 1.5));
        // SVC-101: eve completed on day 50, 50 + 28 = 78 > 60: nobody to measure yet.
        assertThat(effect(rows, "SVC-101")).isEqualTo(new Effect("service", 1, null, null, null));
    }

    @Test
    void trainedShareForGoalsCountsPeopleTrainedInAnyModuleOnceAmongThoseLicensedOnA() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("bob", SALES, day(0), null),
                user("cat", SALES, day(0), null),
                user("dan", SALES, day(0), day(40)),     // leaves on A: not licensed, his training does not count
                user("fay", SERVICE, day(41), null),     // activated after A: Service has nobody licensed
                integration("bot", SALES, day(0)));
        List<Row> training = List.of(
                course("ann", "SAL-101", "sales", day(1)),
                course("ann", "ANL-101", "analytics", day(2)),   // a second module: ann still counts once
                course("bob", "SVC-101", "service", day(40)),    // on A, in another module than his team's: counts
                course("cat", "SAL-101", "sales", day(41)),      // after A
                course("dan", "SAL-101", "sales", day(3)),
                course("bot", "SAL-101", "sales", day(3)));
        Dataset<Row> humans = KpiConventions.humans(spark.createDataFrame(users, USERS));

        List<Row> rows = TrainingKpis.trainedShare(humans, spark.createDataFrame(training, TRAINING), A).collectAsList();

        // Sales and __all__: ann and bob of ann, bob, cat. Service has no row: nobody licensed, no share.
        assertThat(rows).extracting(r -> r.getAs(Columns.TEAM) + "=" + r.getAs(Marts.TRAINED_SHARE))
                .containsExactlyInAnyOrder(SALES + "=" + 2 / 3.0, ALL + "=" + 2 / 3.0);
    }

    @Test
    void theUserListsBehindTheGapNameEachPersonTrainedNotUsingOrUsingUntrained() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("bob", SALES, day(0), null),
                user("cat", SALES, day(0), null),
                user("dan", SALES, day(0), day(40)));   // leaves on A: on no list
        List<Row> events = List.of(
                web("bob", day(30), "sales"),
                web("cat", day(30), "sales"),
                web("dan", day(30), "sales"),
                web("ann", day(12), "sales"));          // outside the window
        List<Row> training = List.of(
                course("ann", "SAL-101", "sales", day(1)),
                course("cat", "SAL-101", "sales", day(1)),
                course("cat", "SVC-101", "service", day(41)));   // after A: not trained yet
        Dataset<Row> humans = KpiConventions.humans(spark.createDataFrame(users, USERS));
        Dataset<Row> active = UserDayActivity.activeUserDayModules(UserDayActivity.aggregate(spark.createDataFrame(events, EVENTS)), humans, A);

        List<Row> rows = TrainingKpis.userLists(humans, active, spark.createDataFrame(training, TRAINING), A)
                .collectAsList();

        // ann trained, not active in the window; bob active, untrained; cat both: on no list.
        assertThat(rows).extracting(r -> r.getAs(Columns.DISPLAY_NAME) + " " + r.getAs(Columns.MODULE) + " "
                        + r.getAs(TrainingKpis.LIST))
                .containsExactlyInAnyOrder("Name ann sales trained_not_using", "Name bob sales using_untrained");
        // the same people as the mart's counts
        assertThat(gap(trainingGap(users, events, training), SALES, "sales"))
                .extracting(Gap::trainedNotUsing, Gap::usingUntrained).containsExactly(1L, 1L);
    }

    // ---------------------------------------------------------------- helpers

    private static List<Row> trainingGap(List<Row> users, List<Row> events, List<Row> training) {
        Dataset<Row> humans = KpiConventions.humans(spark.createDataFrame(users, USERS));
        Dataset<Row> userDays = UserDayActivity.aggregate(spark.createDataFrame(events, EVENTS));
        Dataset<Row> active = UserDayActivity.activeUserDayModules(userDays, humans, A);
        return TrainingKpis.trainingGap(humans, userDays, active, spark.createDataFrame(training, TRAINING), A)
                .collectAsList();
    }

    private static Row user(String key, String team, LocalDate activatedAt, LocalDate deactivatedAt) {
        return RowFactory.create(key, "Name " + key, team, "full", Date.valueOf(activatedAt),
                deactivatedAt == null ? null : Date.valueOf(deactivatedAt), "wave-1");
    }

    private static Row integration(String key, String team, LocalDate activatedAt) {
        return RowFactory.create(key, "Name " + key, team, Vocabulary.LICENSE_INTEGRATION, Date.valueOf(activatedAt),
                null, "wave-1");
    }

    private static Row event(String key, LocalDate date, String type, String module, String client, String status) {
        return RowFactory.create(key, Date.valueOf(date), type, module, client, status);
    }

    /** A successful web record_update: an active event in the module. */
    private static Row web(String key, LocalDate date, String module) {
        return event(key, date, "record_update", module, "web", OK);
    }

    private static Row course(String key, String courseId, String module, LocalDate completedAt) {
        return RowFactory.create(key, courseId, module, Date.valueOf(completedAt), "classroom", 90, 4.0);
    }

    private static Row gapRow(String team, String module, long licensed, long trained, long active,
                              Double errorRate, Double helpPerActiveUser) {
        return RowFactory.create(team, module, licensed, trained, active,
                licensed == 0 ? null : trained / (double) licensed, errorRate, helpPerActiveUser);
    }

    private static Row adoptionRow(LocalDate date, String team, Double adoptionRate) {
        return RowFactory.create(Date.valueOf(date), team, adoptionRate);
    }

    private record Gap(long licensedUsers, long trainedUsers, long activeUsers, long trainedNotUsing,
                       long usingUntrained, Double trainedShare, Double usingShare, Double errorRate,
                       Double helpPerActiveUser) {}

    private static Gap gap(List<Row> rows, String team, String module) {
        Row r = only(rows.stream()
                .filter(x -> team.equals(x.getAs(Columns.TEAM)) && module.equals(x.getAs(Columns.MODULE))).toList(),
                team + "/" + module);
        return new Gap(r.getAs(Marts.LICENSED_USERS), r.getAs(Marts.TRAINED_USERS), r.getAs(Marts.ACTIVE_USERS),
                r.getAs(Marts.TRAINED_NOT_USING), r.getAs(Marts.USING_UNTRAINED), r.getAs(Marts.TRAINED_SHARE),
                r.getAs(Marts.USING_SHARE), r.getAs(Marts.ERROR_RATE), r.getAs(Marts.HELP_PER_ACTIVE_USER));
    }

    private static Row team(List<Row> rows, String team) {
        return only(rows.stream().filter(x -> team.equals(x.getAs(Columns.TEAM))).toList(), team);
    }

    private static double score(List<Row> rows, String team) {
        return team(rows, team).getAs(Marts.SCORE);
    }

    private static List<String> reasons(List<Row> rows, String team) {
        return team(rows, team).getList(team(rows, team).fieldIndex(Marts.REASONS));
    }

    private record Effect(String module, long trainedUsers, Double before, Double after, Double lift) {}

    private static Effect effect(List<Row> rows, String courseId) {
        Row r = only(rows.stream().filter(x -> courseId.equals(x.getAs(Columns.COURSE_ID))).toList(), courseId);
        return new Effect(r.getAs(Columns.MODULE), r.getAs(Marts.TRAINED_USERS), r.getAs(Marts.AVG_ACTIVE_DAYS_BEFORE),
                r.getAs(Marts.AVG_ACTIVE_DAYS_AFTER), r.getAs(Marts.LIFT));
    }

    private static Row only(List<Row> matches, String key) {
        assertThat(matches).as("rows for " + key).hasSize(1);
        return matches.get(0);
    }
}
