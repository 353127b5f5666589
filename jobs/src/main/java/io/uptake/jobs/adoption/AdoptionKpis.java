package io.uptake.jobs.adoption;

import static io.uptake.jobs.Figures.flag;
import static io.uptake.jobs.Figures.ratio;
import static io.uptake.jobs.activity.UserDayActivity.licensedOn;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.next_day;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** The adoption marts of KPIS.md, as pure functions of the shared user-day activity. */
public final class AdoptionKpis {

    private static final String ACTIVE = "active";
    private static final String LAST_ACTIVE = "last_active";
    private static final String LICENSED = "licensed";

    private AdoptionKpis() {}

    /**
     * {@code adoption_daily}: per (date, team) for every date of {@code dates}, plus team {@code __all__}.
     * licensed_users: users licensed on the date; dau / wau / mau: licensed users with an active day in
     * [date, date], [date-6, date], [date-27, date]; adoption_rate = mau / licensed_users;
     * stickiness = (sum of dau over [date-27, date]) / 28 / mau, days before the first date counting as 0.
     * Ratios with a zero denominator are null.
     */
    public static Dataset<Row> adoptionDaily(Dataset<Row> humans, Dataset<Row> activeUserDays, Dataset<Row> dates) {
        WindowSpec last28 = Window.partitionBy(Columns.TEAM).orderBy(Marts.DATE).rowsBetween(-27, 0);
        return dailyCounts(humans, activeUserDays, dates,
                        explode(array(col(Columns.TEAM), lit(Vocabulary.ALL_TEAMS))).as(Columns.TEAM))
                .withColumn(Marts.ADOPTION_RATE, ratio(col(Marts.MAU), col(Marts.LICENSED_USERS)))
                .withColumn(Marts.STICKINESS,
                        ratio(sum(Marts.DAU).over(last28).divide(lit(28.0)), col(Marts.MAU)));
    }

    /**
     * Per (date, group) for every date of {@code dates}: licensed_users, dau, wau and mau as in
     * {@code adoption_daily}, for any grouping of the users ({@code group}: an aliased expression over
     * the columns of {@code humans}, e.g. the team and {@code __all__}, or the rollout wave). A group
     * appears on a date only if one of its users is in {@code humans}.
     */
    public static Dataset<Row> dailyCounts(Dataset<Row> humans, Dataset<Row> activeUserDays, Dataset<Row> dates,
                                           Column group) {
        WindowSpec byUser = Window.partitionBy(Columns.USER_KEY).orderBy(Marts.DATE)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column licensed = licensedOn(col(Marts.DATE));
        Column date = col(Marts.DATE);
        Dataset<Row> perUserDay = humans
                .crossJoin(dates)
                .join(activeUserDays.withColumn(ACTIVE, lit(true)), new String[] {Columns.USER_KEY, Marts.DATE}, "left")
                .withColumn(LAST_ACTIVE, max(when(col(ACTIVE), date)).over(byUser))
                .withColumn(LICENSED, licensed)
                .select(
                        date,
                        group,
                        flag(col(LICENSED)).as(Marts.LICENSED_USERS),
                        flag(col(LICENSED).and(coalesce(col(ACTIVE), lit(false)))).as(Marts.DAU),
                        flag(col(LICENSED).and(col(LAST_ACTIVE).geq(date_sub(date, 6)))).as(Marts.WAU),
                        flag(col(LICENSED).and(col(LAST_ACTIVE).geq(date_sub(date, 27)))).as(Marts.MAU));
        String groupName = perUserDay.columns()[1];
        return perUserDay
                .groupBy(Marts.DATE, groupName)
                .agg(sum(Marts.LICENSED_USERS).as(Marts.LICENSED_USERS), sum(Marts.DAU).as(Marts.DAU),
                        sum(Marts.WAU).as(Marts.WAU), sum(Marts.MAU).as(Marts.MAU));
    }

    /**
     * {@code module_adoption} at {@code asOf}: per (team, module) for every module, plus {@code __all__}.
     * licensed_users: licensed on asOf; active_users: of them, with an active event in the module in
     * [asOf-27, asOf]; adoption_rate = active_users / licensed_users.
     */
    public static Dataset<Row> moduleAdoption(Dataset<Row> humans, Dataset<Row> activeUserDayModules, LocalDate asOf) {
        Dataset<Row> activeInModule = activeUserDayModules
                .filter(col(Marts.DATE).between(lit(asOf.minusDays(27)), lit(asOf)))
                .select(Columns.USER_KEY, Columns.MODULE).distinct()
                .withColumn(ACTIVE, lit(true));
        Column[] modules = Vocabulary.MODULES.stream().map(m -> lit(m)).toArray(Column[]::new);
        return humans
                .withColumn(LICENSED, licensedOn(lit(asOf)))
                .select(col(Columns.USER_KEY), col(Columns.TEAM), col(LICENSED), explode(array(modules)).as(Columns.MODULE))
                .join(activeInModule, new String[] {Columns.USER_KEY, Columns.MODULE}, "left")
                .select(
                        explode(array(col(Columns.TEAM), lit(Vocabulary.ALL_TEAMS))).as(Columns.TEAM),
                        col(Columns.MODULE),
                        flag(col(LICENSED)).as(Marts.LICENSED_USERS),
                        flag(col(LICENSED).and(coalesce(col(ACTIVE), lit(false)))).as(Marts.ACTIVE_USERS))
                .groupBy(Columns.TEAM, Columns.MODULE)
                .agg(sum(Marts.LICENSED_USERS).as(Marts.LICENSED_USERS), sum(Marts.ACTIVE_USERS).as(Marts.ACTIVE_USERS))
                .select(lit(asOf).as(Marts.DATE), col(Columns.TEAM), col(Columns.MODULE), col(Marts.LICENSED_USERS),
                        col(Marts.ACTIVE_USERS), ratio(col(Marts.ACTIVE_USERS), col(Marts.LICENSED_USERS)).as(Marts.ADOPTION_RATE));
    }

    /**
     * {@code user_activity}: one row per human user at {@code asOf}. status: {@code unlicensed} when not
     * licensed on asOf, else {@code never_active} (no active day up to asOf), {@code active} (an
     * active day in [asOf-27, asOf]) or {@code dormant}. days_to_first_value: days from the later of
     * activated_at and the wave's go_live_date to the first successful web or mobile record_create
     * or record_update (negative when that edit came earlier, e.g. in a pilot); null if none yet.
     * {@code valueDays} holds (user_key, date) of such edits.
     */
    public static Dataset<Row> userActivity(Dataset<Row> humans, Dataset<Row> activeUserDays, Dataset<Row> valueDays,
                                            Dataset<Row> waves, LocalDate asOf) {
        Dataset<Row> stats = activeUserDays
                .groupBy(Columns.USER_KEY)
                .agg(min(Marts.DATE).as(Marts.FIRST_ACTIVE_AT), max(Marts.DATE).as(Marts.LAST_ACTIVE_AT),
                        count(when(col(Marts.DATE).geq(lit(asOf.minusDays(27))), true)).as(Marts.ACTIVE_DAYS_28D));
        String start = "value_start";
        Dataset<Row> starts = humans
                .join(waves.select(Columns.WAVE, Columns.GO_LIVE_DATE), Columns.WAVE, "left")
                .select(col(Columns.USER_KEY),
                        greatest(col(Columns.ACTIVATED_AT), coalesce(col(Columns.GO_LIVE_DATE), col(Columns.ACTIVATED_AT))).as(start));
        Dataset<Row> firstValue = valueDays
                .join(starts, Columns.USER_KEY)
                .groupBy(Columns.USER_KEY, start)
                .agg(min(Marts.DATE).as("first_value"))
                .select(col(Columns.USER_KEY), datediff(col("first_value"), col(start)).as(Marts.DAYS_TO_FIRST_VALUE));
        Column status = when(licensedOn(lit(asOf)).notEqual(lit(true)), lit(Marts.STATUS_UNLICENSED))
                .when(col(Marts.LAST_ACTIVE_AT).isNull(), lit(Marts.STATUS_NEVER_ACTIVE))
                .when(col(Marts.LAST_ACTIVE_AT).geq(lit(asOf.minusDays(27))), lit(Marts.STATUS_ACTIVE))
                .otherwise(lit(Marts.STATUS_DORMANT));
        return humans
                .join(stats, Columns.USER_KEY, "left")
                .join(firstValue, Columns.USER_KEY, "left")
                .select(col(Columns.USER_KEY), col(Columns.DISPLAY_NAME), col(Columns.TEAM), col(Columns.LICENSE_TYPE),
                        col(Columns.ACTIVATED_AT), col(Marts.FIRST_ACTIVE_AT), col(Marts.LAST_ACTIVE_AT),
                        coalesce(col(Marts.ACTIVE_DAYS_28D), lit(0L)).as(Marts.ACTIVE_DAYS_28D),
                        status.as(Marts.USER_STATUS), col(Marts.DAYS_TO_FIRST_VALUE));
    }

    /**
     * {@code lifecycle_weekly}: per (week_start Monday, team) from the week of {@code firstDate} to the
     * week of {@code asOf}, over human users: new (active this week, never before), returning (active
     * this week and last week), resurrecting (active this week, not last week, some earlier week),
     * dormant (active last week, not this week). A week counts activity up to asOf.
     */
    public static Dataset<Row> lifecycleWeekly(Dataset<Row> humans, Dataset<Row> activeUserDays, LocalDate firstDate,
                                               LocalDate asOf) {
        Dataset<Row> weeks = humans.sparkSession().range(1).select(explode(sequence(
                lit(monday(firstDate)), lit(monday(asOf)), expr("interval 1 week"))).as(Marts.WEEK_START));
        Dataset<Row> activeWeeks = activeUserDays
                .select(col(Columns.USER_KEY), weekStart(col(Marts.DATE)).as(Marts.WEEK_START)).distinct()
                .withColumn(ACTIVE, lit(true));
        WindowSpec byUser = Window.partitionBy(Columns.USER_KEY).orderBy(Marts.WEEK_START);
        Column active = coalesce(col(ACTIVE), lit(false));
        Column lastWeek = coalesce(lag(col(ACTIVE), 1).over(byUser), lit(false));
        Column before = coalesce(max(col(ACTIVE)).over(byUser.rowsBetween(Window.unboundedPreceding(), -1)), lit(false));
        return humans.select(Columns.USER_KEY, Columns.TEAM)
                .crossJoin(weeks)
                .join(activeWeeks, new String[] {Columns.USER_KEY, Marts.WEEK_START}, "left")
                .select(col(Marts.WEEK_START), col(Columns.TEAM),
                        active.as("a"), lastWeek.as("l"), before.as("b"))
                .select(col(Marts.WEEK_START),
                        explode(array(col(Columns.TEAM), lit(Vocabulary.ALL_TEAMS))).as(Columns.TEAM),
                        flag(col("a").and(col("b").notEqual(lit(true)))).as(Marts.NEW),
                        flag(col("a").and(col("l"))).as(Marts.RETURNING),
                        flag(col("a").and(col("l").notEqual(lit(true))).and(col("b"))).as(Marts.RESURRECTING),
                        flag(col("a").notEqual(lit(true)).and(col("l"))).as(Marts.DORMANT))
                .groupBy(Marts.WEEK_START, Columns.TEAM)
                .agg(sum(Marts.NEW).as(Marts.NEW), sum(Marts.RETURNING).as(Marts.RETURNING),
                        sum(Marts.RESURRECTING).as(Marts.RESURRECTING), sum(Marts.DORMANT).as(Marts.DORMANT));
    }

    /** The Monday on or before a date. */
    static LocalDate monday(LocalDate date) {
        return date.minusDays(date.getDayOfWeek().getValue() - 1L);
    }

    private static Column weekStart(Column date) {
        return date_sub(next_day(date, "Mon"), 7);
    }
}
