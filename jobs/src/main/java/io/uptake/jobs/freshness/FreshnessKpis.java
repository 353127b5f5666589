package io.uptake.jobs.freshness;

import static io.uptake.jobs.Figures.flag;
import static io.uptake.jobs.Figures.ratio;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The data freshness and quality marts of KPIS.md, as pure functions of the warehouse tables. */
public final class FreshnessKpis {

    private static final String OWNER_TEAM = "owner_team";
    private static final String OPEN = "open";
    private static final String DAYS = "days_since_update";
    private static final String DUPLICATE = "duplicate";
    private static final String RATED = "rated";
    private static final String COMPLETENESS = "completeness";
    private static final String COMPLETE = "complete";
    private static final String FAILURES = "failures";
    private static final String LAG = "lag_seconds";
    private static final String KNOWN = "ingested_by_reference";
    private static final String RECENT = "recent";
    private static final double MICROS_PER_SECOND = 1_000_000.0;
    private static final double MICROS_PER_HOUR = 3_600_000_000.0;

    private FreshnessKpis() {}

    /**
     * {@code record_freshness} at {@code asOf}: one row per (team, object_type), plus team
     * {@code __all__} per object_type. The team is {@code users.team} of the record's owner
     * ({@code users.user_key = records.owner_key}, integration users included: a record they own is
     * still a record); owners missing from {@code users} and a null owner_key are team {@code unknown}.
     * Every record of the snapshot counts, whatever its created_at.
     * <ul>
     *   <li>records: all records; open_records: {@code is_closed = false}.
     *   <li>stale_30d / stale_90d: open records with {@code asOf - date(last_modified_at)} greater than
     *       30 / 90 days (exactly 30 days is not stale); stale_share_30d = stale_30d / open_records.
     *   <li>median_days_since_update: exact median of {@code asOf - date(last_modified_at)} over open
     *       records; for an even count it is the average of the two middle values (Spark's
     *       {@code median}, i.e. {@code percentile(x, 0.5)} with linear interpolation); null without
     *       open records.
     *   <li>overdue: open records with {@code close_date < asOf}.
     *   <li>completeness_avg: mean of {@code required_fields_filled / required_fields_total} over
     *       records with {@code required_fields_total > 0}; complete_share: of those records, the share
     *       with {@code required_fields_filled >= required_fields_total}.
     *   <li>duplicate_records: records that share (object_type, dedupe_key) with an older record (older:
     *       earlier created_at, then smaller record_id), groups formed over the whole organisation before
     *       the split by team, so each copy counts for its own owner's team and the oldest never counts;
     *       a null dedupe_key is never a duplicate. duplicate_rate = duplicate_records / records.
     * </ul>
     * Ratios with a zero denominator are null. {@code records} needs the records columns of DATA.md
     * 2.2 read here (object_type, record_id, owner_key, created_at, last_modified_at,
     * required_fields_total, required_fields_filled, dedupe_key, is_closed, close_date); {@code users}
     * needs user_key and team, one row per user_key. Dates of timestamps are UTC days: the session
     * time zone must be UTC.
     */
    public static Dataset<Row> recordFreshness(Dataset<Row> records, Dataset<Row> users, LocalDate asOf) {
        return recordFigures(records, users, asOf, Columns.TEAM, Columns.OBJECT_TYPE);
    }

    /**
     * The record KPIs a goal can track, per team (and {@code __all__}) over every object type at once, as
     * KPIS.md's goals read them ("from record_freshness summed over objects"): {@code team,
     * stale_share_30d, completeness_avg, duplicate_rate}, each computed from the summed numerators and
     * denominators of {@link #recordFreshness} (so completeness_avg is the mean over all records with
     * required fields, never a mean of per-object means).
     */
    public static Dataset<Row> recordTotals(Dataset<Row> records, Dataset<Row> users, LocalDate asOf) {
        return recordFigures(records, users, asOf, Columns.TEAM)
                .select(Columns.TEAM, Marts.STALE_SHARE_30D, Marts.COMPLETENESS_AVG, Marts.DUPLICATE_RATE);
    }

    /**
     * {@code record_owners}: the record_freshness figures per owner over all object types, the people a
     * data steward asks to update their records: owner_key, display_name, team, records, open_records,
     * stale_30d, stale_90d, stale_share_30d, overdue, completeness_avg, duplicate_records. Owners missing
     * from users keep their key with an empty name and team {@code unknown}. Same definitions as
     * {@link #recordFreshness}, duplicates included (groups span the organisation).
     */
    public static Dataset<Row> recordOwners(Dataset<Row> records, Dataset<Row> users, LocalDate asOf) {
        return recordFigures(records, users, asOf, Columns.TEAM, Columns.OWNER_KEY)
                .filter(col(Columns.TEAM).notEqual(lit(Vocabulary.ALL_TEAMS)))
                .join(users.select(col(Columns.USER_KEY).as(Columns.OWNER_KEY), col(Columns.DISPLAY_NAME)),
                        new String[] {Columns.OWNER_KEY}, "left")
                .select(Columns.OWNER_KEY, Columns.DISPLAY_NAME, Columns.TEAM, Marts.RECORDS, Marts.OPEN_RECORDS,
                        Marts.STALE_30D, Marts.STALE_90D, Marts.STALE_SHARE_30D, Marts.OVERDUE, Marts.COMPLETENESS_AVG,
                        Marts.DUPLICATE_RECORDS);
    }

    private static Dataset<Row> recordFigures(Dataset<Row> records, Dataset<Row> users, LocalDate asOf,
                                              String... keys) {
        Dataset<Row> owners = users.select(col(Columns.USER_KEY).as(Columns.OWNER_KEY), col(Columns.TEAM).as(OWNER_TEAM));
        Column isDuplicate = col(Columns.DEDUPE_KEY).isNotNull().and(row_number().over(Window
                .partitionBy(Columns.OBJECT_TYPE, Columns.DEDUPE_KEY)
                .orderBy(col(Columns.CREATED_AT), col(Columns.RECORD_ID))).gt(lit(1)));
        Column open = col(OPEN);
        Column rated = col(RATED);
        Column total = col(Columns.REQUIRED_FIELDS_TOTAL);
        Column filled = col(Columns.REQUIRED_FIELDS_FILLED);
        List<Column> out = new ArrayList<>();
        Arrays.stream(keys).map(k -> col(k)).forEach(out::add);
        out.addAll(List.of(col(Marts.RECORDS), col(Marts.OPEN_RECORDS), col(Marts.STALE_30D), col(Marts.STALE_90D),
                ratio(col(Marts.STALE_30D), col(Marts.OPEN_RECORDS)).as(Marts.STALE_SHARE_30D),
                col(Marts.MEDIAN_DAYS_SINCE_UPDATE), col(Marts.OVERDUE),
                ratio(col(COMPLETENESS), col(RATED)).as(Marts.COMPLETENESS_AVG),
                ratio(col(COMPLETE), col(RATED)).as(Marts.COMPLETE_SHARE),
                col(Marts.DUPLICATE_RECORDS),
                ratio(col(Marts.DUPLICATE_RECORDS), col(Marts.RECORDS)).as(Marts.DUPLICATE_RATE)));
        // duplicates are ranked before the join with users: groups span the whole organisation
        return records
                .withColumn(DUPLICATE, isDuplicate)
                .join(owners, Columns.OWNER_KEY, "left")
                .select(
                        explode(array(coalesce(col(OWNER_TEAM), lit(Vocabulary.UNKNOWN_TEAM)), lit(Vocabulary.ALL_TEAMS)))
                                .as(Columns.TEAM),
                        col(Columns.OBJECT_TYPE),
                        col(Columns.OWNER_KEY),
                        col(Columns.IS_CLOSED).equalTo(lit(false)).as(OPEN),
                        datediff(lit(asOf), to_date(col(Columns.LAST_MODIFIED_AT))).as(DAYS),
                        col(Columns.CLOSE_DATE),
                        total.gt(lit(0)).as(RATED),
                        when(total.gt(lit(0)), filled.cast("double").divide(total)).as(COMPLETENESS),
                        total.gt(lit(0)).and(filled.geq(total)).as(COMPLETE),
                        col(DUPLICATE))
                .groupBy(keys[0], Arrays.copyOfRange(keys, 1, keys.length))
                .agg(
                        count(lit(1)).as(Marts.RECORDS),
                        sum(flag(open)).as(Marts.OPEN_RECORDS),
                        sum(flag(open.and(col(DAYS).gt(lit(30))))).as(Marts.STALE_30D),
                        sum(flag(open.and(col(DAYS).gt(lit(90))))).as(Marts.STALE_90D),
                        median(when(open, col(DAYS))).as(Marts.MEDIAN_DAYS_SINCE_UPDATE),
                        sum(flag(open.and(col(Columns.CLOSE_DATE).lt(lit(asOf))))).as(Marts.OVERDUE),
                        sum(col(COMPLETENESS)).as(COMPLETENESS),
                        sum(flag(col(COMPLETE))).as(COMPLETE),
                        sum(flag(rated)).as(RATED),
                        sum(flag(col(DUPLICATE))).as(Marts.DUPLICATE_RECORDS))
                .select(out.toArray(Column[]::new));
    }

    /**
     * {@code source_freshness}: one row per source with an event on or before {@code asOf}. Events
     * after {@code asOf} count nowhere (the run is "as of A"); {@code runTime} is the job's start.
     * <ul>
     *   <li>events: events of the source with {@code event_date <= asOf}, all time.
     *   <li>last_event_at / last_ingested_at: the latest occurred_at / ingested_at among them.
     *   <li>lag_p50_seconds / lag_p95_seconds: the 50th / 95th percentile of
     *       {@code ingested_at - occurred_at} in seconds (microsecond precision) over events with
     *       event_date in [asOf-6, asOf] and {@code ingested_at <= reference}; exact percentile with linear
     *       interpolation between the two nearest ranks (Spark's {@code percentile}, numpy's default:
     *       position {@code p * (n - 1)} of the sorted lags); null when no such event remains.
     *   <li>backfilled_7d: events with event_date in [asOf-6, asOf] and {@code ingested_at > reference},
     *       the ones left out of the lags; 0 without such events.
     *   <li>failure_rate_7d: events with status {@code failure} / all events, both in [asOf-6, asOf];
     *       null without events in the window.
     *   <li>hours_since_last_event: {@code reference - last_event_at} in hours (a double).
     * </ul>
     * The reference is the earlier of {@code runTime} and the end of asOf's day ({@code asOf + 1} at 00:00
     * UTC). A run as of today measures from its start and has seen nothing ingested after it, so its
     * figures are as before; a run as of a past day measures from the end of that day, so a question asked
     * "as of 31 Dec" is answered neither with the days that passed since nor with the lag of events loaded
     * since (a backfill, a replay, a demo loaded a year later), which backfilled_7d counts instead.
     * All-time figures come from the {@link UserDayActivity#sourceDays source-day table}; the lags and
     * the failure rate from {@code events}, of which only the seven days of the window are read (it
     * needs source, occurred_at, ingested_at, event_date and status, DATA.md 2.1).
     */
    public static Dataset<Row> sourceFreshness(Dataset<Row> sourceDays, Dataset<Row> events, LocalDate asOf,
                                               Instant runTime) {
        Column lag = unix_micros(col(Columns.INGESTED_AT)).minus(unix_micros(col(Columns.OCCURRED_AT)))
                .divide(lit(MICROS_PER_SECOND));
        Column reference = unix_micros(lit(Timestamp.from(freshnessReference(asOf, runTime))));
        Column known = unix_micros(col(Columns.INGESTED_AT)).leq(reference);
        Dataset<Row> allTime = sourceDays
                .filter(col(Columns.EVENT_DATE).leq(lit(asOf)))
                .groupBy(Columns.SOURCE)
                .agg(sum(UserDayActivity.EVENTS).as(Marts.EVENTS),
                        max(UserDayActivity.LAST_OCCURRED_AT).as(Marts.LAST_EVENT_AT),
                        max(UserDayActivity.LAST_INGESTED_AT).as(Marts.LAST_INGESTED_AT));
        Dataset<Row> recent = events
                .filter(col(Columns.EVENT_DATE).between(lit(KpiConventions.weekStart(asOf)), lit(asOf)))
                .select(col(Columns.SOURCE), col(Columns.STATUS), known.as(KNOWN), lag.as(LAG))
                .groupBy(Columns.SOURCE)
                .agg(
                        percentile(when(col(KNOWN), col(LAG)), lit(0.5)).as(Marts.LAG_P50_SECONDS),
                        percentile(when(col(KNOWN), col(LAG)), lit(0.95)).as(Marts.LAG_P95_SECONDS),
                        sum(flag(not(col(KNOWN)))).as(Marts.BACKFILLED_7D),
                        sum(flag(col(Columns.STATUS).equalTo(lit(Vocabulary.STATUS_FAILURE)))).as(FAILURES),
                        count(lit(1)).as(RECENT));
        return allTime
                .join(recent, new String[] {Columns.SOURCE}, "left")
                .select(
                        col(Columns.SOURCE), col(Marts.EVENTS), col(Marts.LAST_EVENT_AT), col(Marts.LAST_INGESTED_AT),
                        col(Marts.LAG_P50_SECONDS), col(Marts.LAG_P95_SECONDS),
                        ratio(col(FAILURES), col(RECENT)).as(Marts.FAILURE_RATE_7D),
                        reference.minus(unix_micros(col(Marts.LAST_EVENT_AT))).divide(lit(MICROS_PER_HOUR))
                                .as(Marts.HOURS_SINCE_LAST_EVENT),
                        coalesce(col(Marts.BACKFILLED_7D), lit(0L)).as(Marts.BACKFILLED_7D));
    }

    /**
     * The instant the source figures are read at ({@code hours_since_last_event} is measured from it, the lags
     * count only events ingested by it): the earlier of the run's start and the end
     * of asOf's day (the start of {@code asOf + 1}, UTC).
     */
    static Instant freshnessReference(LocalDate asOf, Instant runTime) {
        Instant endOfAsOf = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return runTime.isBefore(endOfAsOf) ? runTime : endOfAsOf;
    }
}
