package io.uptake.jobs.activity;

import static io.uptake.jobs.Frames.DAY0;
import static io.uptake.jobs.Frames.EVENTS;
import static io.uptake.jobs.Frames.USERS;
import static io.uptake.jobs.Frames.day;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.jobs.Frames;
import io.uptake.jobs.KpiConventions;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserDayActivityTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("UserDayActivityTest");
    }

    @Test
    void humansAreEveryUserExceptIntegrationUsers() {
        Dataset<Row> users = users(
                user("full", "full", day(0), null),
                user("platform", "platform", day(0), null),
                user("reader", "read_only", day(0), null),
                user("bot", "integration", day(0), null));

        List<String> keys = KpiConventions.humans(users).orderBy(Columns.USER_KEY)
                .select(Columns.USER_KEY).as(Encoders.STRING()).collectAsList();

        assertThat(keys).containsExactly("full", "platform", "reader");
    }

    @Test
    void licensedOnIncludesTheActivationDayAndExcludesTheDeactivationDay() {
        // "leaver" is licensed on day 1 and day 2 only; "stayer" from day 2 on, with no end.
        Dataset<Row> users = users(
                user("leaver", "full", day(1), day(3)),
                user("stayer", "full", day(2), null));

        List<Row> rows = users.crossJoin(UserDayActivity.dates(spark, day(0), day(4)))
                .select(col(Columns.USER_KEY), col(Marts.DATE),
                        KpiConventions.licensedOn(col(Marts.DATE)).as("licensed"))
                .orderBy(Columns.USER_KEY, Marts.DATE)
                .collectAsList();

        assertThat(rows).extracting(r -> r.getString(0) + " " + r.getDate(1) + " " + r.getBoolean(2))
                .containsExactly(
                        "leaver 2025-03-03 false",
                        "leaver 2025-03-04 true",
                        "leaver 2025-03-05 true",
                        "leaver 2025-03-06 false",
                        "leaver 2025-03-07 false",
                        "stayer 2025-03-03 false",
                        "stayer 2025-03-04 false",
                        "stayer 2025-03-05 true",
                        "stayer 2025-03-06 true",
                        "stayer 2025-03-07 true");
    }

    @Test
    void theUserDayTableCountsEveryEventItsFailuresAndItsActiveEventsPerUserDayModuleAndType() {
        Dataset<Row> events = events(
                event("ann", day(0), "record_update", "sales", "web", "success"),
                event("ann", day(0), "record_update", "sales", "mobile", "success"),
                event("ann", day(0), "record_update", "sales", "web", "failure"),
                event("ann", day(0), "record_update", "sales", "api", "success"),
                event("ann", day(0), "search", "sales", "web", "success"),
                event("ann", day(1), "record_update", "sales", "api", "failure"),
                event("ghost", day(1), "error", "service", "web", "failure"));

        List<Row> rows = UserDayActivity.aggregate(events)
                .orderBy(Columns.EVENT_DATE, Columns.USER_KEY, Columns.MODULE, Columns.EVENT_TYPE).collectAsList();

        // events / failures / active (success from web or mobile); unknown users stay in the table.
        assertThat(rows).extracting(r -> r.getAs(Columns.EVENT_DATE) + " " + r.getAs(Columns.USER_KEY) + " "
                        + r.getAs(Columns.MODULE) + " " + r.getAs(Columns.EVENT_TYPE) + " " + r.getAs(UserDayActivity.EVENTS)
                        + "/" + r.getAs(UserDayActivity.FAILURES) + "/" + r.getAs(UserDayActivity.ACTIVE_EVENTS))
                .containsExactly(
                        "2025-03-03 ann sales record_update 4/1/2",
                        "2025-03-03 ann sales search 1/0/1",
                        "2025-03-04 ann sales record_update 1/1/0",
                        "2025-03-04 ghost service error 1/1/0");
    }

    @Test
    void activeUserDayModulesKeepOnlySuccessfulWebAndMobileEventsOfKnownHumansUpToAsOf() {
        Dataset<Row> humans = KpiConventions.humans(users(
                user("ann", "full", day(0), null),
                user("bob", "full", day(0), null),
                user("bot", "integration", day(0), null)));
        Dataset<Row> events = events(
                event("ann", day(0), "record_view", "sales", "web", "success"),
                event("ann", day(0), "record_update", "sales", "mobile", "success"),
                event("ann", day(0), "report_run", "analytics", "web", "success"),
                event("ann", day(1), "record_update", "sales", "web", "failure"),
                event("ann", day(1), "api_call", "sales", "api", "success"),
                event("ann", day(3), "record_view", "sales", "web", "success"),
                event("bob", day(1), "search", "service", "mobile", "success"),
                event("bot", day(1), "record_create", "sales", "web", "success"),
                event("ghost", day(1), "record_create", "sales", "web", "success"));

        // as-of day 2: ann's day-3 event is in the future; ann's day-1 events failed or came through the API.
        List<Row> rows = UserDayActivity.activeUserDayModules(UserDayActivity.aggregate(events), humans, day(2))
                .orderBy(Columns.USER_KEY, Marts.DATE, Columns.MODULE)
                .collectAsList();

        assertThat(rows).extracting(r -> r.getAs(Columns.USER_KEY) + " " + r.getAs(Marts.DATE) + " "
                        + r.getAs(Columns.MODULE) + " " + r.getAs("events"))
                .containsExactly(
                        "ann 2025-03-03 analytics 1",
                        "ann 2025-03-03 sales 2",
                        "bob 2025-03-04 service 1");
    }

    @Test
    void activeUserDaysHaveOneRowPerUserAndDayWhateverTheModules() {
        Dataset<Row> humans = KpiConventions.humans(users(user("ann", "full", day(0), null)));
        Dataset<Row> events = events(
                event("ann", day(0), "record_update", "sales", "web", "success"),
                event("ann", day(0), "report_run", "analytics", "web", "success"),
                event("ann", day(2), "search", "service", "mobile", "success"));

        List<Row> rows = UserDayActivity.activeUserDays(UserDayActivity.activeUserDayModules(UserDayActivity.aggregate(events), humans, day(2)))
                .orderBy(Columns.USER_KEY, Marts.DATE)
                .collectAsList();

        assertThat(rows).extracting(r -> r.getAs(Columns.USER_KEY) + " " + r.getAs(Marts.DATE))
                .containsExactly("ann 2025-03-03", "ann 2025-03-05");
    }

    @Test
    void valueDaysAreDaysWithASuccessfulRecordCreateOrUpdateFromWebOrMobile() {
        Dataset<Row> events = events(
                event("ann", day(0), "record_view", "sales", "web", "success"),
                event("ann", day(1), "record_update", "sales", "web", "failure"),
                event("ann", day(1), "record_create", "sales", "api", "success"),
                event("ann", day(2), "record_update", "sales", "mobile", "success"),
                event("ann", day(2), "record_create", "service", "web", "success"),
                event("bob", day(1), "record_create", "sales", "web", "success"),
                event("bob", day(4), "record_update", "sales", "web", "success"));

        // as-of day 3: bob's day-4 edit is in the future; ann's day-1 edits failed or came through the API.
        List<Row> rows = UserDayActivity.valueDays(UserDayActivity.aggregate(events), day(3)).orderBy(Columns.USER_KEY, Marts.DATE).collectAsList();

        assertThat(rows).extracting(r -> r.getAs(Columns.USER_KEY) + " " + r.getAs(Marts.DATE))
                .containsExactly("ann 2025-03-05", "bob 2025-03-04");
    }

    @Test
    void datesListEveryDayFromFirstToLastInclusive() {
        List<Row> rows = UserDayActivity.dates(spark, day(0), day(3)).collectAsList();

        assertThat(rows).extracting(r -> ((Date) r.getAs(Marts.DATE)).toLocalDate())
                .containsExactly(day(0), day(1), day(2), day(3));
    }

    @Test
    void theTeamDirectoryGivesEachTeamItsMostCommonDepartmentAndItsWaves() {
        StructType withDepartment = USERS.add(Columns.DEPARTMENT, DataTypes.StringType, true);
        List<Row> rows = UserDayActivity.teamDirectory(spark.createDataFrame(List.of(
                RowFactory.create("a1", "A1", "Alpha", "full", Date.valueOf(DAY0), null, "wave-2", "Sales"),
                RowFactory.create("a2", "A2", "Alpha", "full", Date.valueOf(DAY0), null, "wave-1", "Sales"),
                RowFactory.create("a3", "A3", "Alpha", "full", Date.valueOf(DAY0), null, "wave-1", "Service"),
                // one each: the first department by name; no wave is no wave
                RowFactory.create("b1", "B1", "Beta", "full", Date.valueOf(DAY0), null, null, "Support"),
                RowFactory.create("b2", "B2", "Beta", "full", Date.valueOf(DAY0), null, "wave-3", "Operations")),
                withDepartment)).collectAsList();

        assertThat(rows).extracting(r -> r.getAs(Columns.TEAM) + " " + r.getAs(Columns.DEPARTMENT) + " "
                        + r.getList(r.fieldIndex(UserDayActivity.WAVES)))
                .containsExactly("Alpha Sales [wave-1, wave-2]", "Beta Operations [wave-3]");
    }

    private static Row user(String key, String licenseType, LocalDate activatedAt, LocalDate deactivatedAt) {
        return RowFactory.create(key, "Name " + key, "Sales", licenseType, Date.valueOf(activatedAt),
                deactivatedAt == null ? null : Date.valueOf(deactivatedAt), null);
    }

    private static Row event(String key, LocalDate date, String type, String module, String client, String status) {
        return RowFactory.create(key, Date.valueOf(date), type, module, client, status);
    }

    private static Dataset<Row> users(Row... rows) {
        return spark.createDataFrame(List.of(rows), USERS);
    }

    private static Dataset<Row> events(Row... rows) {
        return spark.createDataFrame(List.of(rows), EVENTS);
    }
}
