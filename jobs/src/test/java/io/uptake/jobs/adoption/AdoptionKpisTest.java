package io.uptake.jobs.adoption;

import static io.uptake.jobs.Frames.EVENTS;
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
import java.time.DayOfWeek;
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
 * The adoption marts on organisations small enough to check on paper. Every expected ratio is written
 * as the KPIS.md arithmetic (e.g. stickiness = sum of dau / 28.0 / mau) so that it is the same double.
 */
class AdoptionKpisTest {

    private static final String SALES = "Sales";
    private static final String SERVICE = "Service";
    private static final String MARKETING = "Marketing";
    private static final String ALL = Vocabulary.ALL_TEAMS;

    /** What KpiJob passes to userActivity as valueDays: (user_key, date) of value-creating edits. */
    private static final StructType VALUE_DAYS = new StructType()
            .add(Columns.USER_KEY, DataTypes.StringType, false)
            .add(Marts.DATE, DataTypes.DateType, false);

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("AdoptionKpisTest");
    }

    // ---------------------------------------------------------------- adoption_daily

    @Test
    void licensedUsersCountFromTheActivationDayAndNotOnTheDeactivationDay() {
        // a2 starts on day 1; s1 is deactivated on day 2, the day of its last event.
        List<Row> users = List.of(
                user("a1", SALES, day(0), null),
                user("a2", SALES, day(1), null),
                user("s1", SERVICE, day(0), day(2)));
        List<Row> events = List.of(
                web("a1", day(0)),
                web("s1", day(1)),
                web("s1", day(2)));

        List<Row> rows = adoptionDaily(users, events, day(0), day(2));

        assertThat(rows).hasSize(9); // 3 dates x (Sales, Service, __all__)
        assertThat(daily(rows, day(0), SALES)).isEqualTo(new Daily(1, 1, 1, 1, 1 / 1.0, 1 / 28.0 / 1));
        assertThat(daily(rows, day(0), SERVICE)).isEqualTo(new Daily(1, 0, 0, 0, 0 / 1.0, null));
        assertThat(daily(rows, day(0), ALL)).isEqualTo(new Daily(2, 1, 1, 1, 1 / 2.0, 1 / 28.0 / 1));
        // day 1: a2 now licensed; a1 still in WAU/MAU from day 0.
        assertThat(daily(rows, day(1), SALES)).isEqualTo(new Daily(2, 0, 1, 1, 1 / 2.0, (1 + 0) / 28.0 / 1));
        assertThat(daily(rows, day(1), SERVICE)).isEqualTo(new Daily(1, 1, 1, 1, 1 / 1.0, (0 + 1) / 28.0 / 1));
        assertThat(daily(rows, day(1), ALL)).isEqualTo(new Daily(3, 1, 2, 2, 2 / 3.0, (1 + 1) / 28.0 / 2));
        // day 2: s1 is deactivated, so its event that day makes nobody active and nobody licensed.
        assertThat(daily(rows, day(2), SALES)).isEqualTo(new Daily(2, 0, 1, 1, 1 / 2.0, (1 + 0 + 0) / 28.0 / 1));
        assertThat(daily(rows, day(2), SERVICE)).isEqualTo(new Daily(0, 0, 0, 0, null, null));
        assertThat(daily(rows, day(2), ALL)).isEqualTo(new Daily(2, 0, 1, 1, 1 / 2.0, (1 + 1 + 0) / 28.0 / 1));
    }

    @Test
    void integrationUsersNeverCount() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                integration("bot", SALES, day(0)));
        List<Row> events = List.of(
                web("ann", day(0)),
                web("bot", day(0)),
                web("bot", day(1)));

        List<Row> rows = adoptionDaily(users, events, day(0), day(1));

        // Only ann: licensed 1 on both days, active on day 0 only.
        assertThat(rows).hasSize(4);
        assertThat(daily(rows, day(0), SALES)).isEqualTo(new Daily(1, 1, 1, 1, 1 / 1.0, 1 / 28.0 / 1));
        assertThat(daily(rows, day(1), SALES)).isEqualTo(new Daily(1, 0, 1, 1, 1 / 1.0, (1 + 0) / 28.0 / 1));
        assertThat(daily(rows, day(1), ALL)).isEqualTo(new Daily(1, 0, 1, 1, 1 / 1.0, (1 + 0) / 28.0 / 1));
    }

    @Test
    void failedEventsApiEventsAndEventsOfUnknownUsersAreNotActivity() {
        List<Row> users = List.of(
                user("ann", SALES, day(0), null),
                user("bob", SALES, day(0), null),
                user("cat", SALES, day(0), null),
                user("dan", SALES, day(0), null));
        List<Row> events = List.of(
                event("ann", day(0), "record_update", "sales", "web", "failure"),
                event("bob", day(0), "record_update", "sales", "api", "success"),
                event("cat", day(0), "record_update", "sales", "mobile", "success"),
                event("dan", day(0), "record_view", "sales", "web", "success"),
                event("ghost", day(0), "record_view", "sales", "web", "success"));

        List<Row> rows = adoptionDaily(users, events, day(0), day(0));

        // Active: cat (mobile) and dan (web); ghost is in no numerator and no denominator.
        assertThat(rows).hasSize(2);
        assertThat(daily(rows, day(0), SALES)).isEqualTo(new Daily(4, 2, 2, 2, 2 / 4.0, 2 / 28.0 / 2));
        assertThat(daily(rows, day(0), ALL)).isEqualTo(new Daily(4, 2, 2, 2, 2 / 4.0, 2 / 28.0 / 2));
    }

    @Test
    void wauReachesBackSixDaysAndMauTwentySevenDays() {
        // Each user's only active day, seen from day 28: today, date-6, date-7, date-27, date-28.
        List<Row> users = List.of(
                user("today", SALES, day(0), null),
                user("minus6", SALES, day(0), null),
                user("minus7", SALES, day(0), null),
                user("minus27", SALES, day(0), null),
                user("minus28", SALES, day(0), null));
        List<Row> events = List.of(
                web("today", day(28)),
                web("minus6", day(22)),
                web("minus7", day(21)),
                web("minus27", day(1)),
                web("minus28", day(0)));

        List<Row> rows = adoptionDaily(users, events, day(0), day(28));

        assertThat(rows).hasSize(29 * 2);
        // day 28: WAU = today, minus6; MAU adds minus7, minus27; the 28 days [day 1, day 28] hold dau 1 on
        // days 1, 21, 22 and 28, so stickiness = 4 / 28 / 4 (day 0's dau of minus28 is outside).
        assertThat(daily(rows, day(28), SALES)).isEqualTo(new Daily(5, 1, 2, 4, 4 / 5.0, 4 / 28.0 / 4));
        // day 27: WAU [21, 27] = minus7, minus6; MAU [0, 27] = minus28, minus27, minus7, minus6.
        assertThat(daily(rows, day(27), SALES)).isEqualTo(new Daily(5, 0, 2, 4, 4 / 5.0, 4 / 28.0 / 4));
        // day 7: WAU [1, 7] = minus27 only (day 0 is date-7); MAU = minus28, minus27.
        assertThat(daily(rows, day(7), SALES)).isEqualTo(new Daily(5, 0, 1, 2, 2 / 5.0, 2 / 28.0 / 2));
    }

    @Test
    void stickinessCountsDaysBeforeTheFirstEventDateAsZero() {
        // Sales: dau 1, 1, 1. Service: s1 active on days 0 and 2, s2 never, so dau 1, 0, 1.
        List<Row> users = List.of(
                user("a1", SALES, day(0), null),
                user("s1", SERVICE, day(0), null),
                user("s2", SERVICE, day(0), null));
        List<Row> events = List.of(
                web("a1", day(0)), web("a1", day(1)), web("a1", day(2)),
                web("s1", day(0)), web("s1", day(2)));

        List<Row> rows = adoptionDaily(users, events, day(0), day(2));

        assertThat(daily(rows, day(0), SALES).stickiness()).isEqualTo(1 / 28.0 / 1);
        assertThat(daily(rows, day(1), SALES).stickiness()).isEqualTo(2 / 28.0 / 1);
        assertThat(daily(rows, day(2), SALES).stickiness()).isEqualTo(3 / 28.0 / 1);
        assertThat(daily(rows, day(2), SERVICE)).isEqualTo(new Daily(2, 1, 1, 1, 1 / 2.0, (1 + 0 + 1) / 28.0 / 1));
        // organisation: dau 2, 1, 2 and mau 2 on day 2
        assertThat(daily(rows, day(2), ALL)).isEqualTo(new Daily(3, 2, 2, 2, 2 / 3.0, (2 + 1 + 2) / 28.0 / 2));
    }

    @Test
    void allTeamsRowIsTheOrganisationNotTheAverageOfTeams() {
        List<Row> users = List.of(
                user("a1", SALES, day(0), null),
                user("a2", SALES, day(0), null),
                user("s1", SERVICE, day(0), null));
        List<Row> events = List.of(web("a1", day(0)), web("s1", day(0)));

        List<Row> rows = adoptionDaily(users, events, day(0), day(0));

        assertThat(rows).hasSize(3);
        assertThat(daily(rows, day(0), SALES)).isEqualTo(new Daily(2, 1, 1, 1, 1 / 2.0, 1 / 28.0 / 1));
        assertThat(daily(rows, day(0), SERVICE)).isEqualTo(new Daily(1, 1, 1, 1, 1 / 1.0, 1 / 28.0 / 1));
        // 2 of 3 licensed users, not the mean (0.5 + 1.0) / 2 of the team rates
        assertThat(daily(rows, day(0), ALL)).isEqualTo(new Daily(3, 2, 2, 2, 2 / 3.0, 2 / 28.0 / 2));
    }

    @Test
    void ratiosAreNullWhenNobodyIsLicensed() {
        // m1 is activated on day 5, after the dates; its day-1 event happens before its licence.
        List<Row> users = List.of(
                user("a1", SALES, day(0), null),
                user("m1", MARKETING, day(5), null));
        List<Row> events = List.of(web("m1", day(1)));

        List<Row> rows = adoptionDaily(users, events, day(0), day(1));

        assertThat(rows).hasSize(6);
        assertThat(daily(rows, day(1), MARKETING)).isEqualTo(new Daily(0, 0, 0, 0, null, null));
        // Sales has a licensed user but no MAU: adoption_rate is a real 0, stickiness has no denominator.
        assertThat(daily(rows, day(1), SALES)).isEqualTo(new Daily(1, 0, 0, 0, 0 / 1.0, null));
        assertThat(daily(rows, day(1), ALL)).isEqualTo(new Daily(1, 0, 0, 0, 0 / 1.0, null));
    }

    // ---------------------------------------------------------------- module_adoption

    @Test
    void moduleAdoptionCountsLicensedUsersActiveInTheModuleInTheLast28Days() {
        List<Row> rows = moduleAdoptionAtDay28();

        assertThat(rows).hasSize(4 * 6); // (Sales, Service, Marketing, __all__) x 6 modules
        assertThat(rows).extracting(r -> ((Date) r.getAs(Marts.DATE)).toLocalDate()).containsOnly(day(28));
        // Sales: a1 (sales on A) and a2 (sales on A-27); a2's service event on A-28 is too old.
        assertThat(module(rows, SALES, "sales")).isEqualTo(new ModuleRow(2, 2, 2 / 2.0));
        assertThat(module(rows, SALES, "service")).isEqualTo(new ModuleRow(2, 0, 0 / 2.0));
        assertThat(module(rows, SALES, "admin")).isEqualTo(new ModuleRow(2, 0, 0 / 2.0));
        // Service: s1 only; s2 is deactivated on A, so its sales activity does not count.
        assertThat(module(rows, SERVICE, "service")).isEqualTo(new ModuleRow(1, 1, 1 / 1.0));
        assertThat(module(rows, SERVICE, "sales")).isEqualTo(new ModuleRow(1, 0, 0 / 1.0));
        // s1's marketing event failed and its analytics event came through the API.
        assertThat(module(rows, SERVICE, "marketing")).isEqualTo(new ModuleRow(1, 0, 0 / 1.0));
        assertThat(module(rows, SERVICE, "analytics")).isEqualTo(new ModuleRow(1, 0, 0 / 1.0));
        // __all__: 3 licensed (a1, a2, s1); the bot and the unknown user count nowhere.
        assertThat(module(rows, ALL, "sales")).isEqualTo(new ModuleRow(3, 2, 2 / 3.0));
        assertThat(module(rows, ALL, "service")).isEqualTo(new ModuleRow(3, 1, 1 / 3.0));
        assertThat(module(rows, ALL, "marketing")).isEqualTo(new ModuleRow(3, 0, 0 / 3.0));
        assertThat(module(rows, ALL, "analytics")).isEqualTo(new ModuleRow(3, 0, 0 / 3.0));
        assertThat(module(rows, ALL, "admin")).isEqualTo(new ModuleRow(3, 0, 0 / 3.0));
        assertThat(module(rows, ALL, "other")).isEqualTo(new ModuleRow(3, 0, 0 / 3.0));
    }

    @Test
    void moduleAdoptionRateIsNullForATeamWithNobodyLicensed() {
        List<Row> rows = moduleAdoptionAtDay28();

        // m1 is activated the day after A.
        for (String module : Vocabulary.MODULES) {
            assertThat(module(rows, MARKETING, module)).as(module).isEqualTo(new ModuleRow(0, 0, null));
        }
    }

    // ---------------------------------------------------------------- user_activity

    @Test
    void userStatusAtAsOfIsNeverActiveActiveDormantOrUnlicensed() {
        List<Row> rows = userActivityAtDay40();

        assertThat(rows).extracting(r -> (String) r.getAs(Columns.USER_KEY))
                .containsExactlyInAnyOrder("never", "active", "dormant", "leaver", "future", "late", "pilot");
        // failed and API events only
        assertThat(activity(rows, "never")).isEqualTo(new Activity(Marts.STATUS_NEVER_ACTIVE, null, null, 0, null));
        // active on days 5, 13 and 40: two of them in [A-27, A]
        assertThat(activity(rows, "active")).isEqualTo(new Activity(Marts.STATUS_ACTIVE, day(5), day(40), 2, 13L - 10));
        // only active on day 12 = A-28
        assertThat(activity(rows, "dormant")).isEqualTo(new Activity(Marts.STATUS_DORMANT, day(12), day(12), 0, 12L - 2));
        // deactivated on A itself, active the day before
        assertThat(activity(rows, "leaver")).isEqualTo(new Activity(Marts.STATUS_UNLICENSED, day(39), day(39), 1, 39L - 0));
        // activated the day after A
        assertThat(activity(rows, "future")).isEqualTo(new Activity(Marts.STATUS_UNLICENSED, null, null, 0, null));
    }

    @Test
    void userActivityCarriesTheUsersOwnColumns() {
        Row leaver = row(userActivityAtDay40(), "leaver");

        assertThat((String) leaver.getAs(Columns.DISPLAY_NAME)).isEqualTo("Name leaver");
        assertThat((String) leaver.getAs(Columns.TEAM)).isEqualTo(SERVICE);
        assertThat((String) leaver.getAs(Columns.LICENSE_TYPE)).isEqualTo("full");
        assertThat(((Date) leaver.getAs(Columns.ACTIVATED_AT)).toLocalDate()).isEqualTo(day(0));
    }

    @Test
    void daysToFirstValueStartAtTheLaterOfActivationAndGoLive() {
        List<Row> rows = userActivityAtDay40();

        // wave-1 goes live on day 10, after activation on day 0: first edit on day 13 -> 3 days
        assertThat(activity(rows, "active").daysToFirstValue()).isEqualTo(13L - 10);
        // wave-2 goes live on day 2, after activation on day 0: first edit on day 12 -> 10 days
        assertThat(activity(rows, "dormant").daysToFirstValue()).isEqualTo(12L - 2);
        // activated on day 20, after wave-2's go-live on day 2: first edit the same day -> 0 days
        assertThat(activity(rows, "late").daysToFirstValue()).isEqualTo(20L - 20);
        // wave-9 is not in waves: the start is the activation day 0
        assertThat(activity(rows, "leaver").daysToFirstValue()).isEqualTo(39L - 0);
    }

    @Test
    void daysToFirstValueIsNullWhenThereIsNoValueEventYet() {
        List<Row> rows = userActivityAtDay40();

        assertThat(activity(rows, "never").daysToFirstValue()).isNull();
        assertThat(activity(rows, "future").daysToFirstValue()).isNull();
    }

    @Test
    void daysToFirstValueMeasuresToTheFirstValueEventEvenBeforeGoLive() {
        // KPIS.md: "to the first record_create or record_update"; pilot edited on day 4, go-live was day 10.
        assertThat(activity(userActivityAtDay40(), "pilot"))
                .isEqualTo(new Activity(Marts.STATUS_DORMANT, day(4), day(12), 0, 4L - 10));
    }

    // ---------------------------------------------------------------- lifecycle_weekly

    @Test
    void lifecycleSortsUsersIntoNewReturningResurrectingAndDormantByMondayWeeks() {
        // Data from Wednesday day 2 to Wednesday day 23: weeks start on Mondays day 0, 7, 14, 21.
        List<Row> users = List.of(
                user("p", SALES, day(0), null),
                user("q", SALES, day(0), null),
                user("r", SERVICE, day(0), null),
                user("s", SERVICE, day(0), null),
                integration("bot", SALES, day(0)));
        List<Row> events = List.of(
                web("p", day(6)), web("p", day(7)), web("p", day(22)), // Sunday, Monday: weeks 0 and 1; week 3
                web("q", day(9)),                                      // week 1
                web("r", day(2)), web("r", day(16)),                   // weeks 0 and 2
                web("bot", day(2)), web("bot", day(9)), web("bot", day(16)), web("bot", day(22)));
        Inputs in = inputs(users, events, day(23));

        List<Row> rows = AdoptionKpis.lifecycleWeekly(in.people(), Frames.DAY0, day(2), day(23)).collectAsList();

        assertThat(rows).hasSize(4 * 3);
        assertThat(rows).extracting(r -> ((Date) r.getAs(Marts.WEEK_START)).toLocalDate())
                .allMatch(d -> d.getDayOfWeek() == DayOfWeek.MONDAY)
                .containsOnly(day(0), day(7), day(14), day(21));
        // Sales: p new, returning, dormant, resurrecting; q new in week 1, dormant in week 2.
        assertThat(lifecycle(rows, day(0), SALES)).isEqualTo(new Lifecycle(1, 0, 0, 0));
        assertThat(lifecycle(rows, day(7), SALES)).isEqualTo(new Lifecycle(1, 1, 0, 0));
        assertThat(lifecycle(rows, day(14), SALES)).isEqualTo(new Lifecycle(0, 0, 0, 2));
        assertThat(lifecycle(rows, day(21), SALES)).isEqualTo(new Lifecycle(0, 0, 1, 0));
        // Service: r new, dormant, resurrecting, dormant; s never counts.
        assertThat(lifecycle(rows, day(0), SERVICE)).isEqualTo(new Lifecycle(1, 0, 0, 0));
        assertThat(lifecycle(rows, day(7), SERVICE)).isEqualTo(new Lifecycle(0, 0, 0, 1));
        assertThat(lifecycle(rows, day(14), SERVICE)).isEqualTo(new Lifecycle(0, 0, 1, 0));
        assertThat(lifecycle(rows, day(21), SERVICE)).isEqualTo(new Lifecycle(0, 0, 0, 1));
        // the organisation is the sum, without the integration bot
        assertThat(lifecycle(rows, day(0), ALL)).isEqualTo(new Lifecycle(2, 0, 0, 0));
        assertThat(lifecycle(rows, day(7), ALL)).isEqualTo(new Lifecycle(1, 1, 0, 1));
        assertThat(lifecycle(rows, day(14), ALL)).isEqualTo(new Lifecycle(0, 0, 1, 2));
        assertThat(lifecycle(rows, day(21), ALL)).isEqualTo(new Lifecycle(0, 0, 1, 1));
    }

    // ---------------------------------------------------------------- contract

    @Test
    void martsHaveTheContractColumnsInOrder() {
        Inputs in = inputs(List.of(user("a1", SALES, day(0), null)), List.of(web("a1", day(0))), day(0));
        Dataset<Row> waves = spark.createDataFrame(List.<Row>of(), WAVES);
        Dataset<Row> valueDays = spark.createDataFrame(List.<Row>of(), VALUE_DAYS);

        assertThat(AdoptionKpis.adoptionDaily(in.people(), Frames.DAY0, day(0), day(0)).columns()).containsExactly(Marts.DATE, Columns.TEAM, Marts.LICENSED_USERS, Marts.DAU, Marts.WAU,
                Marts.MAU, Marts.ADOPTION_RATE, Marts.STICKINESS);
        assertThat(AdoptionKpis.moduleAdoption(in.humans(), in.activeModules(), day(0)).columns())
                .containsExactly(Marts.DATE, Columns.TEAM, Columns.MODULE, Marts.LICENSED_USERS, Marts.ACTIVE_USERS,
                        Marts.ADOPTION_RATE);
        assertThat(AdoptionKpis.userActivity(in.humans(), in.activeDays(), valueDays, waves, day(0)).columns())
                .containsExactly(Columns.USER_KEY, Columns.DISPLAY_NAME, Columns.TEAM, Columns.LICENSE_TYPE,
                        Columns.ACTIVATED_AT, Marts.FIRST_ACTIVE_AT, Marts.LAST_ACTIVE_AT, Marts.ACTIVE_DAYS_28D,
                        Marts.USER_STATUS, Marts.DAYS_TO_FIRST_VALUE);
        assertThat(AdoptionKpis.lifecycleWeekly(in.people(), Frames.DAY0, day(0), day(0)).columns())
                .containsExactly(Marts.WEEK_START, Columns.TEAM, Marts.NEW, Marts.RETURNING, Marts.RESURRECTING,
                        Marts.DORMANT);
    }

    // ---------------------------------------------------------------- shared fixtures

    /** module_adoption at A = day 28. */
    private static List<Row> moduleAdoptionAtDay28() {
        List<Row> users = List.of(
                user("a1", SALES, day(0), null),
                user("a2", SALES, day(0), null),
                user("s1", SERVICE, day(0), null),
                user("s2", SERVICE, day(0), day(28)),
                user("m1", MARKETING, day(29), null),
                integration("bot", SALES, day(0)));
        List<Row> events = List.of(
                event("a1", day(28), "record_update", "sales", "web", "success"),
                event("a2", day(1), "record_view", "sales", "mobile", "success"),
                event("a2", day(0), "record_view", "service", "web", "success"),
                event("s1", day(10), "search", "service", "web", "success"),
                event("s1", day(10), "report_run", "marketing", "web", "failure"),
                event("s1", day(10), "api_call", "analytics", "api", "success"),
                event("s2", day(20), "record_update", "sales", "web", "success"),
                event("m1", day(27), "record_update", "marketing", "web", "success"),
                event("bot", day(28), "record_create", "admin", "web", "success"),
                event("ghost", day(28), "record_create", "other", "web", "success"));
        Inputs in = inputs(users, events, day(28));
        return AdoptionKpis.moduleAdoption(in.humans(), in.activeModules(), day(28)).collectAsList();
    }

    /** user_activity at A = day 40; wave-1 goes live on day 10, wave-2 on day 2, wave-9 is unknown. */
    private static List<Row> userActivityAtDay40() {
        List<Row> users = List.of(
                user("never", SALES, day(0), null, "wave-2"),
                user("active", SALES, day(0), null, "wave-1"),
                user("dormant", SALES, day(0), null, "wave-2"),
                user("leaver", SERVICE, day(0), day(40), "wave-9"),
                user("future", SERVICE, day(41), null, "wave-1"),
                user("late", SERVICE, day(20), null, "wave-2"),
                user("pilot", SERVICE, day(0), null, "wave-1"),
                integration("bot", SALES, day(0)));
        List<Row> events = List.of(
                event("never", day(30), "record_update", "sales", "web", "failure"),
                event("never", day(30), "record_update", "sales", "api", "success"),
                web("active", day(5)), web("active", day(13)), web("active", day(40)),
                web("dormant", day(12)),
                web("leaver", day(39)),
                web("late", day(20)),
                web("pilot", day(4)), web("pilot", day(12)),
                web("bot", day(40)));
        List<Row> valueDays = List.of(
                valueDay("active", day(13)), valueDay("active", day(40)),
                valueDay("dormant", day(12)),
                valueDay("leaver", day(39)),
                valueDay("late", day(20)),
                valueDay("pilot", day(4)), valueDay("pilot", day(12)),
                valueDay("bot", day(40)));
        Dataset<Row> waves = spark.createDataFrame(List.of(
                RowFactory.create("wave-1", Date.valueOf(day(10))),
                RowFactory.create("wave-2", Date.valueOf(day(2)))), WAVES);
        Inputs in = inputs(users, events, day(40));
        return AdoptionKpis.userActivity(in.humans(), in.activeDays(),
                spark.createDataFrame(valueDays, VALUE_DAYS), waves, day(40)).collectAsList();
    }

    private record Inputs(Dataset<Row> humans, Dataset<Row> activeModules, Dataset<Row> activeDays, Dataset<Row> people) {}

    /** The shared user-day activity, built as KpiJob builds it. */
    private static Inputs inputs(List<Row> users, List<Row> events, LocalDate asOf) {
        Dataset<Row> humans = KpiConventions.humans(spark.createDataFrame(users, USERS));
        Dataset<Row> activeModules = UserDayActivity.activeUserDayModules(
                UserDayActivity.aggregate(spark.createDataFrame(events, EVENTS)), humans, asOf);
        // Day 0 of the day sets is DAY0, the first date any fixture has an event on.
        return new Inputs(humans, activeModules, UserDayActivity.activeUserDays(activeModules),
                ActivityBits.people(humans, activeModules, Frames.DAY0));
    }

    private static List<Row> adoptionDaily(List<Row> users, List<Row> events, LocalDate first, LocalDate asOf) {
        Inputs in = inputs(users, events, asOf);
        return AdoptionKpis.adoptionDaily(in.people(), Frames.DAY0, first, asOf).collectAsList();
    }

    // ---------------------------------------------------------------- rows in, values out

    private static Row user(String key, String team, LocalDate activatedAt, LocalDate deactivatedAt) {
        return user(key, team, activatedAt, deactivatedAt, "wave-1");
    }

    private static Row user(String key, String team, LocalDate activatedAt, LocalDate deactivatedAt, String wave) {
        return RowFactory.create(key, "Name " + key, team, "full", Date.valueOf(activatedAt),
                deactivatedAt == null ? null : Date.valueOf(deactivatedAt), wave);
    }

    private static Row integration(String key, String team, LocalDate activatedAt) {
        return RowFactory.create(key, "Name " + key, team, Vocabulary.LICENSE_INTEGRATION, Date.valueOf(activatedAt),
                null, "wave-1");
    }

    private static Row event(String key, LocalDate date, String type, String module, String client, String status) {
        return RowFactory.create(key, Date.valueOf(date), type, module, client, status);
    }

    /** A successful web record_update in sales: an active event. */
    private static Row web(String key, LocalDate date) {
        return event(key, date, "record_update", "sales", "web", Vocabulary.STATUS_SUCCESS);
    }

    private static Row valueDay(String key, LocalDate date) {
        return RowFactory.create(key, Date.valueOf(date));
    }

    private record Daily(long licensedUsers, long dau, long wau, long mau, Double adoptionRate, Double stickiness) {}

    private record ModuleRow(long licensedUsers, long activeUsers, Double adoptionRate) {}

    private record Activity(String status, LocalDate firstActiveAt, LocalDate lastActiveAt, long activeDays28d,
                            Long daysToFirstValue) {}

    private record Lifecycle(long newUsers, long returning, long resurrecting, long dormant) {}

    private static Daily daily(List<Row> rows, LocalDate date, String team) {
        Row r = only(rows.stream()
                .filter(x -> ((Date) x.getAs(Marts.DATE)).toLocalDate().equals(date) && team.equals(x.getAs(Columns.TEAM)))
                .toList(), date + "/" + team);
        return new Daily(r.getAs(Marts.LICENSED_USERS), r.getAs(Marts.DAU), r.getAs(Marts.WAU), r.getAs(Marts.MAU),
                r.getAs(Marts.ADOPTION_RATE), r.getAs(Marts.STICKINESS));
    }

    private static ModuleRow module(List<Row> rows, String team, String module) {
        Row r = only(rows.stream()
                .filter(x -> team.equals(x.getAs(Columns.TEAM)) && module.equals(x.getAs(Columns.MODULE)))
                .toList(), team + "/" + module);
        return new ModuleRow(r.getAs(Marts.LICENSED_USERS), r.getAs(Marts.ACTIVE_USERS), r.getAs(Marts.ADOPTION_RATE));
    }

    private static Row row(List<Row> rows, String userKey) {
        return only(rows.stream().filter(x -> userKey.equals(x.getAs(Columns.USER_KEY))).toList(), userKey);
    }

    private static Activity activity(List<Row> rows, String userKey) {
        Row r = row(rows, userKey);
        Number days = r.getAs(Marts.DAYS_TO_FIRST_VALUE);
        return new Activity(r.getAs(Marts.USER_STATUS), localDate(r.getAs(Marts.FIRST_ACTIVE_AT)),
                localDate(r.getAs(Marts.LAST_ACTIVE_AT)), r.getAs(Marts.ACTIVE_DAYS_28D),
                days == null ? null : days.longValue());
    }

    private static Lifecycle lifecycle(List<Row> rows, LocalDate weekStart, String team) {
        Row r = only(rows.stream()
                .filter(x -> ((Date) x.getAs(Marts.WEEK_START)).toLocalDate().equals(weekStart)
                        && team.equals(x.getAs(Columns.TEAM)))
                .toList(), weekStart + "/" + team);
        return new Lifecycle(r.getAs(Marts.NEW), r.getAs(Marts.RETURNING), r.getAs(Marts.RESURRECTING),
                r.getAs(Marts.DORMANT));
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Row only(List<Row> matches, String key) {
        assertThat(matches).as("rows for " + key).hasSize(1);
        return matches.get(0);
    }
}
