package io.uptake.jobs.activity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.uptake.jobs.KpiConventions;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The shared building blocks of every adoption KPI, computed once per run: the user-day and
 * source-day tables and the active user-days of people ({@link KpiConventions} says who and what counts).
 */
public final class UserDayActivity {

    private UserDayActivity() {}

    /** Columns of the {@link #aggregate user-day table} besides the events' own. */
    public static final String EVENTS = Marts.EVENTS;
    public static final String FAILURES = "failures";
    public static final String ACTIVE_EVENTS = "active_events";
    /** Columns of the {@link #sourceDays source-day table}. */
    public static final String LAST_OCCURRED_AT = "last_occurred_at";
    public static final String LAST_INGESTED_AT = "last_ingested_at";

    /**
     * The user-day table every event-based KPI reads instead of the events: one row per (event_date,
     * user_key, module, event_type) with {@code events} (all of them, any client and status),
     * {@code failures} (status {@code failure}) and {@code active_events} (KPIS.md's active events:
     * status {@code success}, client {@code web} or {@code mobile}). Nothing is filtered: users unknown
     * to {@code users} and integration users stay, so the table depends on the events alone and one day
     * of it changes only when that day's events do.
     */
    public static Dataset<Row> aggregate(Dataset<Row> events) {
        return events
                .groupBy(Columns.EVENT_DATE, Columns.USER_KEY, Columns.MODULE, Columns.EVENT_TYPE)
                .agg(count(lit(1)).as(EVENTS),
                        count(when(col(Columns.STATUS).equalTo(lit(Vocabulary.STATUS_FAILURE)), true)).as(FAILURES),
                        count(when(KpiConventions.activeEvent(), true)).as(ACTIVE_EVENTS));
    }

    /**
     * The source-day table: one row per (event_date, source) with the number of events and the latest
     * occurred_at and ingested_at, all clients and statuses.
     */
    public static Dataset<Row> sourceDays(Dataset<Row> events) {
        return events
                .groupBy(Columns.EVENT_DATE, Columns.SOURCE)
                .agg(count(lit(1)).as(EVENTS),
                        max(Columns.OCCURRED_AT).as(LAST_OCCURRED_AT),
                        max(Columns.INGESTED_AT).as(LAST_INGESTED_AT));
    }

    /**
     * Active events of human users, one row per (user_key, date, module) with the number of events:
     * status {@code success} and client {@code web} or {@code mobile}; events of users unknown to
     * {@code users} and of integration users are dropped.
     *
     * @param userDays the {@link #aggregate user-day table}
     */
    public static Dataset<Row> activeUserDayModules(Dataset<Row> userDays, Dataset<Row> humans, LocalDate asOf) {
        return activeEventCounts(userDays, humans, asOf)
                .groupBy(col(Columns.USER_KEY), col(Columns.EVENT_DATE).as(Marts.DATE), col(Columns.MODULE))
                .agg(sum(EVENTS).as(EVENTS));
    }

    /**
     * Active events of human users up to {@code asOf}: user_key, event_date, module, event_type and the
     * number of such {@code events} (always at least 1).
     *
     * @param userDays the {@link #aggregate user-day table}
     */
    public static Dataset<Row> activeEventCounts(Dataset<Row> userDays, Dataset<Row> humans, LocalDate asOf) {
        return userDays
                .filter(col(ACTIVE_EVENTS).gt(lit(0)).and(col(Columns.EVENT_DATE).leq(lit(asOf))))
                .join(humans.select(Columns.USER_KEY), Columns.USER_KEY, "left_semi")
                .select(col(Columns.USER_KEY), col(Columns.EVENT_DATE), col(Columns.MODULE), col(Columns.EVENT_TYPE),
                        col(ACTIVE_EVENTS).as(EVENTS));
    }

    /**
     * Days on which a user got value from the CRM, one row per (user_key, date): a successful
     * {@code record_create} or {@code record_update} from web or mobile, up to {@code asOf}. KPIS.md
     * does not say "successful"; a save that failed delivered nothing, so it is not a first value.
     *
     * @param userDays the {@link #aggregate user-day table}
     */
    public static Dataset<Row> valueDays(Dataset<Row> userDays, LocalDate asOf) {
        return userDays
                .filter(col(ACTIVE_EVENTS).gt(lit(0))
                        .and(col(Columns.EVENT_DATE).leq(lit(asOf)))
                        .and(col(Columns.EVENT_TYPE).isin(Vocabulary.VALUE_EVENT_TYPES.toArray())))
                .select(col(Columns.USER_KEY), col(Columns.EVENT_DATE).as(Marts.DATE))
                .distinct();
    }

    /** One row per (user_key, date) on which the user was active in any module. */
    public static Dataset<Row> activeUserDays(Dataset<Row> activeUserDayModules) {
        return activeUserDayModules.select(Columns.USER_KEY, Marts.DATE).distinct();
    }

    /**
     * The teams of the people, for the dashboard's filters: one row per team with its {@code department}
     * (the one most of its people are in, then the first by name) and {@code waves} (the sorted waves
     * its people belong to).
     */
    public static Dataset<Row> teamDirectory(Dataset<Row> humans) {
        Dataset<Row> departments = humans
                .groupBy(Columns.TEAM, Columns.DEPARTMENT).count()
                .withColumn("pick", row_number().over(Window.partitionBy(Columns.TEAM)
                        .orderBy(col("count").desc(), col(Columns.DEPARTMENT).asc_nulls_last())))
                .filter(col("pick").equalTo(lit(1)))
                .select(Columns.TEAM, Columns.DEPARTMENT);
        Dataset<Row> waves = humans
                .groupBy(Columns.TEAM)
                .agg(array_sort(collect_set(col(Columns.WAVE))).as(WAVES));
        return departments.join(waves, Columns.TEAM).orderBy(Columns.TEAM);
    }

    /** The column of {@link #teamDirectory} listing a team's waves. */
    public static final String WAVES = "waves";

    /** One row per day from {@code first} to {@code last}, inclusive, in a column named {@code date}. */
    public static Dataset<Row> dates(SparkSession spark, LocalDate first, LocalDate last) {
        return spark.range(1).select(explode(sequence(lit(first), lit(last), expr("interval 1 day"))).as(Marts.DATE));
    }
}
