package io.uptake.jobs.adoption;

import static io.uptake.jobs.Figures.flag;
import static io.uptake.jobs.Figures.ratio;
import static io.uptake.jobs.KpiConventions.WEEK_DAYS;
import static io.uptake.jobs.KpiConventions.WINDOW_DAYS;
import static io.uptake.jobs.KpiConventions.licensedOn;
import static io.uptake.jobs.KpiConventions.windowStart;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.ActivityBits;
import io.uptake.jobs.activity.DayBits;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The adoption marts of KPIS.md, as pure functions of the shared user-day activity. */
public final class AdoptionKpis {

    private static final String ACTIVE = "active";
    private static final String LAST_ACTIVE = "last_active";
    private static final String LICENSED = "licensed";

    private AdoptionKpis() {}

    /**
     * {@code adoption_daily}: per (date, team) for every date from {@code first} to {@code asOf}, plus
     * team {@code __all__}. licensed_users: users licensed on the date; dau / wau / mau: licensed users
     * with an active day in [date, date], [date-6, date], [date-27, date]; adoption_rate = mau /
     * licensed_users; stickiness = (sum of dau over [date-27, date]) / 28 / mau, days before the first
     * date counting as 0. Ratios with a zero denominator are null.
     *
     * @param people {@link ActivityBits#people}, whose day sets start at {@code origin}
     */
    public static Dataset<Row> adoptionDaily(Dataset<Row> people, LocalDate origin, LocalDate first, LocalDate asOf) {
        return adoptionDaily(people, origin, first, first, asOf);
    }

    /**
     * The rows of {@code adoption_daily} from {@code from} to {@code asOf} only, as {@link #adoptionDaily}
     * gives them: the DAUs of the 27 days before {@code from} are counted too, for its stickiness.
     */
    public static Dataset<Row> adoptionDaily(Dataset<Row> people, LocalDate origin, LocalDate first, LocalDate from,
                                             LocalDate asOf) {
        WindowSpec window = Window.partitionBy(Columns.TEAM).orderBy(Marts.DATE).rowsBetween(-(WINDOW_DAYS - 1), 0);
        LocalDate counted = windowStart(from).isBefore(first) ? first : windowStart(from);
        return dailyCounts(people, Columns.TEAM, new TeamAndAll(), origin, counted, asOf)
                .withColumn(Marts.ADOPTION_RATE, ratio(col(Marts.MAU), col(Marts.LICENSED_USERS)))
                .withColumn(Marts.STICKINESS,
                        ratio(sum(Marts.DAU).over(window).divide(lit((double) WINDOW_DAYS)), col(Marts.MAU)))
                .filter(col(Marts.DATE).geq(lit(from)));
    }

    /** The groups a person counts in: some of their columns' values; none to leave them out. */
    @FunctionalInterface
    public interface Groups extends Serializable {
        List<String> of(Row person);
    }

    /** A person's team, and {@code __all__}. */
    private static final class TeamAndAll implements Groups {
        @Override
        public List<String> of(Row person) {
            return List.of(person.getAs(Columns.TEAM), Vocabulary.ALL_TEAMS);
        }
    }

    /**
     * Per (date, group) for every date from {@code from} to {@code to}: licensed_users, dau, wau and mau
     * as in {@code adoption_daily}, for any grouping of the people ({@code groups}: e.g. the team and
     * {@code __all__}, or the rollout wave), counted from each person's day set: one pass over a person's
     * days, whatever the window. A group appears on every date when one of its people is in
     * {@code people}. Columns: date, {@code groupColumn}, licensed_users, dau, wau, mau.
     */
    public static Dataset<Row> dailyCounts(Dataset<Row> people, String groupColumn, Groups groups, LocalDate origin,
                                           LocalDate from, LocalDate to) {
        StructType schema = new StructType()
                .add(Marts.DATE, DataTypes.DateType, false)
                .add(groupColumn, DataTypes.StringType, true)
                .add(Marts.LICENSED_USERS, DataTypes.LongType, false)
                .add(Marts.DAU, DataTypes.LongType, false)
                .add(Marts.WAU, DataTypes.LongType, false)
                .add(Marts.MAU, DataTypes.LongType, false);
        int first = ActivityBits.index(origin, from);
        int last = ActivityBits.index(origin, to);
        return people
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> countDays(rows, groups, origin, first, last),
                        Encoders.row(schema))
                .groupBy(Marts.DATE, groupColumn)
                .agg(sum(Marts.LICENSED_USERS).as(Marts.LICENSED_USERS), sum(Marts.DAU).as(Marts.DAU),
                        sum(Marts.WAU).as(Marts.WAU), sum(Marts.MAU).as(Marts.MAU));
    }

    /** The counts of {@link #dailyCounts} over one partition of people: four per group and day. */
    private static Iterator<Row> countDays(Iterator<Row> people, Groups groups, LocalDate origin, int first, int last) {
        int days = last - first + 1;
        Map<String, long[]> counts = new LinkedHashMap<>();
        while (people.hasNext()) {
            Row person = people.next();
            List<String> of = groups.of(person);
            if (of.isEmpty()) {
                continue;
            }
            List<long[]> targets = of.stream().map(g -> counts.computeIfAbsent(g, k -> new long[Math.max(days, 0) * 4])).toList();
            DayBits active = ActivityBits.days(person);
            int activated = ActivityBits.index(origin, person, Columns.ACTIVATED_AT, Integer.MAX_VALUE);
            int deactivated = ActivityBits.index(origin, person, Columns.DEACTIVATED_AT, Integer.MAX_VALUE);
            int lastActive = active.lastOnOrBefore(first - 1);
            for (int d = first; d <= last; d++) {
                if (active.get(d)) {
                    lastActive = d;
                }
                if (activated <= d && d < deactivated) {
                    int at = (d - first) * 4;
                    for (long[] c : targets) {
                        c[at]++;
                        c[at + 1] += lastActive == d ? 1 : 0;
                        c[at + 2] += lastActive >= 0 && lastActive >= d - (WEEK_DAYS - 1) ? 1 : 0;
                        c[at + 3] += lastActive >= 0 && lastActive >= d - (WINDOW_DAYS - 1) ? 1 : 0;
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((group, c) -> {
            for (int d = 0; d < days; d++) {
                rows.add(RowFactory.create(Date.valueOf(origin.plusDays(first + d)), group,
                        c[d * 4], c[d * 4 + 1], c[d * 4 + 2], c[d * 4 + 3]));
            }
        });
        return rows.iterator();
    }

    /**
     * {@code module_adoption} at {@code asOf}: per (team, module) for every module, plus {@code __all__}.
     * licensed_users: licensed on asOf; active_users: of them, with an active event in the module in
     * [asOf-27, asOf]; adoption_rate = active_users / licensed_users.
     */
    public static Dataset<Row> moduleAdoption(Dataset<Row> humans, Dataset<Row> activeUserDayModules, LocalDate asOf) {
        Dataset<Row> activeInModule = activeUserDayModules
                .filter(KpiConventions.inWindow(col(Marts.DATE), asOf))
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
                        count(when(col(Marts.DATE).geq(lit(windowStart(asOf))), true)).as(Marts.ACTIVE_DAYS_28D));
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
                .when(col(Marts.LAST_ACTIVE_AT).geq(lit(windowStart(asOf))), lit(Marts.STATUS_ACTIVE))
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
     *
     * @param people {@link ActivityBits#people}, whose day sets start at {@code origin} and end at asOf
     */
    public static Dataset<Row> lifecycleWeekly(Dataset<Row> people, LocalDate origin, LocalDate firstDate,
                                               LocalDate asOf) {
        return lifecycleWeekly(people, origin, firstDate, firstDate, asOf);
    }

    /**
     * The rows of {@code lifecycle_weekly} from the week of {@code from} to the week of {@code asOf} only,
     * as {@link #lifecycleWeekly} gives them: a person's earlier weeks are read from their day set.
     */
    public static Dataset<Row> lifecycleWeekly(Dataset<Row> people, LocalDate origin, LocalDate firstDate,
                                               LocalDate from, LocalDate asOf) {
        StructType schema = new StructType()
                .add(Marts.WEEK_START, DataTypes.DateType, false)
                .add(Columns.TEAM, DataTypes.StringType, true)
                .add(Marts.NEW, DataTypes.LongType, false)
                .add(Marts.RETURNING, DataTypes.LongType, false)
                .add(Marts.RESURRECTING, DataTypes.LongType, false)
                .add(Marts.DORMANT, DataTypes.LongType, false);
        // Weeks before the first event date's are not in the series: nobody was active in them.
        LocalDate firstWeek = monday(from.isBefore(firstDate) ? firstDate : from);
        int weeks = (int) ChronoUnit.WEEKS.between(firstWeek, monday(asOf)) + 1;
        Groups teams = new TeamAndAll();
        return people
                .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> countWeeks(rows, teams, origin, firstWeek, weeks),
                        Encoders.row(schema))
                .groupBy(Marts.WEEK_START, Columns.TEAM)
                .agg(sum(Marts.NEW).as(Marts.NEW), sum(Marts.RETURNING).as(Marts.RETURNING),
                        sum(Marts.RESURRECTING).as(Marts.RESURRECTING), sum(Marts.DORMANT).as(Marts.DORMANT));
    }

    /** The counts of {@link #lifecycleWeekly} over one partition of people: four per team and week. */
    private static Iterator<Row> countWeeks(Iterator<Row> people, Groups groups, LocalDate origin, LocalDate firstWeek,
                                            int weeks) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        int start = ActivityBits.index(origin, firstWeek);
        while (people.hasNext()) {
            Row person = people.next();
            List<long[]> targets = groups.of(person).stream()
                    .map(g -> counts.computeIfAbsent(g, k -> new long[weeks * 4])).toList();
            DayBits active = ActivityBits.days(person);
            boolean lastWeek = active.any(start - WEEK_DAYS, start - 1);
            boolean before = active.any(Integer.MIN_VALUE, start - 1);
            for (int w = 0; w < weeks; w++) {
                int monday = start + w * WEEK_DAYS;
                boolean now = active.any(monday, monday + WEEK_DAYS - 1);
                for (long[] c : targets) {
                    c[w * 4] += now && !before ? 1 : 0;
                    c[w * 4 + 1] += now && lastWeek ? 1 : 0;
                    c[w * 4 + 2] += now && !lastWeek && before ? 1 : 0;
                    c[w * 4 + 3] += !now && lastWeek ? 1 : 0;
                }
                before |= now;
                lastWeek = now;
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((team, c) -> {
            for (int w = 0; w < weeks; w++) {
                rows.add(RowFactory.create(Date.valueOf(firstWeek.plusWeeks(w)), team,
                        c[w * 4], c[w * 4 + 1], c[w * 4 + 2], c[w * 4 + 3]));
            }
        });
        return rows.iterator();
    }

    /** The Monday on or before a date. */
    static LocalDate monday(LocalDate date) {
        return date.minusDays(date.getDayOfWeek().getValue() - 1L);
    }
}
