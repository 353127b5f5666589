package io.uptake.bench.duckdb;

import io.uptake.warehouse.Marts;
import java.util.List;

/**
 * The peer's SQL, written from KPIS.md and docs/kpis.md alone, as an analyst with DuckDB would write it:
 * the definitions are the specification's, the formulation deliberately is not the jobs' (windows are
 * date ranges here, not "last active day" running maxima), so the oracle check compares two independent
 * readings. Parameters are {@code ${name}} placeholders bound to literals by {@link DuckDbPeer}:
 * {@code asOf} (A), {@code asOfEnd} (the end of A's day, {@code A + 1} at 00:00 UTC), {@code first} (the
 * first event date), {@code from7}, {@code from28},
 * {@code asOfMonth} (the first day of A's month), {@code modules}, and for ROI {@code hourlyRate},
 * {@code revenueAttribution} and {@code minutesSaved} (rows of event type and minutes).
 */
final class PeerSql {

    private PeerSql() {}

    /** A mart: its name (the table is {@code peer_<name>}), its key columns and the SELECT computing it. */
    record Mart(String name, List<String> key, String sql) {
        Mart {
            key = List.copyOf(key);
        }
    }

    /**
     * The ELF columns ingest reads (DATA.md 1.1 a); the peer keeps these, as text, and drops the rest, as
     * ingest does. A file without one of them has it null.
     */
    static final List<String> ELF_COLUMNS = List.of("EVENT_TYPE", "TIMESTAMP", "TIMESTAMP_DERIVED", "USER_ID",
            "USER_ID_DERIVED", "SESSION_KEY", "REQUEST_STATUS", "LOGIN_STATUS", "LOGIN_TYPE", "API_TYPE", "STATUS_CODE",
            "SUCCESS", "NUMBER_FAILURES", "URI", "URI_ID_DERIVED", "PAGE_ENTITY_ID", "PAGE_ENTITY_TYPE", "PAGE_APP_NAME",
            "APP_NAME", "ENTITY_NAME", "ENTITY_TYPE", "METHOD_NAME", "METHOD", "RECORD_ID", "RUN_TIME", "DURATION",
            "UI_EVENT_SOURCE", "DEVICE_PLATFORM");

    /**
     * ELF CSV files sharing one header (one event type, one release): {@code ${columns}} is the projection
     * onto {@link #ELF_COLUMNS}. Reading each header group on its own, rather than every file with
     * {@code union_by_name}, spares DuckDB unifying thousands of schemas.
     */
    static final String ELF_GROUP = """
            SELECT ${columns}
            FROM read_csv(${files}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')""";

    /** The header groups' rows ({@code ${groups}}, a UNION ALL), with occurred_at and event_date parsed. */
    static final String ELF_SELECT = """
            SELECT *, CAST(occurred_at AS DATE) AS event_date
            FROM (SELECT *, coalesce(TRY_CAST(TIMESTAMP_DERIVED AS TIMESTAMPTZ),
                                     CAST(try_strptime("TIMESTAMP", '%Y%m%d%H%M%S.%g') AS TIMESTAMPTZ)) AS occurred_at
                  FROM (${groups}))""";

    /** JSON lines with the fields of DATA.md 1.1 b and their defaults (client web, status success, source jsonl). */
    static final String JSONL_SELECT = """
            SELECT event_id, TRY_CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at,
                   CAST(TRY_CAST(occurred_at AS TIMESTAMPTZ) AS DATE) AS event_date, user_id, session_id,
                   event_type, module, object_type, record_id, coalesce(client, 'web') AS client,
                   coalesce(status, 'success') AS status, error_code, duration_ms,
                   coalesce(source, 'jsonl') AS source
            FROM read_json(${files}, format = 'newline_delimited', columns = {
                event_id: 'VARCHAR', occurred_at: 'VARCHAR', user_id: 'VARCHAR', session_id: 'VARCHAR',
                event_type: 'VARCHAR', module: 'VARCHAR', object_type: 'VARCHAR', record_id: 'VARCHAR',
                client: 'VARCHAR', status: 'VARCHAR', error_code: 'VARCHAR', duration_ms: 'BIGINT',
                source: 'VARCHAR'})""";

    /**
     * The events of the live files, event_date from the partition path. A view, not a table: each mart
     * reads only its columns, and a filter on event_date skips whole partitions.
     */
    static final String EVENTS = """
            CREATE OR REPLACE TEMP VIEW events AS
            SELECT * FROM read_parquet(${files}, hive_partitioning = true, hive_types = {'event_date': DATE})""";

    /**
     * People (non-integration users) and their active events (success, web or mobile, up to A), one row
     * per event; events of users unknown to users or of integration users are no activity.
     */
    static final String HUMANS_AND_ACTIVITY = """
            CREATE OR REPLACE TEMP TABLE humans AS
            SELECT * FROM users WHERE license_type <> 'integration';
            CREATE OR REPLACE TEMP TABLE active_events AS
            SELECT user_key, event_date AS date, module, event_type
            FROM events
            WHERE status = 'success' AND client IN ('web', 'mobile') AND event_date <= ${asOf}
              AND user_key IN (SELECT user_key FROM humans)""";

    /**
     * adoption_daily: per (date, team) and (date, '__all__') from the first event date to A; a person
     * counts on a date when licensed on it (activated_at <= d, no deactivated_at on or before d); dau,
     * wau and mau count those with an active event in [d, d], [d-6, d] and [d-27, d]; stickiness is the
     * sum of dau over [d-27, d] (days before the first date are 0) / 28 / mau.
     */
    static final Mart ADOPTION_DAILY = new Mart(Marts.ADOPTION_DAILY, List.of(Marts.DATE, "team"), """
            WITH dates AS (
                SELECT CAST(d AS DATE) AS date
                FROM generate_series(CAST(${first} AS TIMESTAMP), CAST(${asOf} AS TIMESTAMP), INTERVAL 1 DAY) g(d)
            ),
            active_days AS (SELECT DISTINCT user_key, date FROM active_events),
            person_days AS (
                SELECT h.user_key, h.team, d.date,
                       h.activated_at <= d.date AND (h.deactivated_at IS NULL OR h.deactivated_at > d.date)
                           AS licensed,
                       CASE WHEN a.user_key IS NULL THEN 0 ELSE 1 END AS active
                FROM humans h CROSS JOIN dates d
                LEFT JOIN active_days a ON a.user_key = h.user_key AND a.date = d.date
            ),
            windows AS (
                SELECT user_key, team, date, licensed, active,
                       sum(active) OVER (PARTITION BY user_key ORDER BY date
                           RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW) AS active_7,
                       sum(active) OVER (PARTITION BY user_key ORDER BY date
                           RANGE BETWEEN INTERVAL 27 DAYS PRECEDING AND CURRENT ROW) AS active_28
                FROM person_days
            ),
            counts AS (
                SELECT date, team,
                       count(*) FILTER (WHERE licensed) AS licensed_users,
                       count(*) FILTER (WHERE licensed AND active > 0) AS dau,
                       count(*) FILTER (WHERE licensed AND active_7 > 0) AS wau,
                       count(*) FILTER (WHERE licensed AND active_28 > 0) AS mau
                FROM (SELECT date, unnest([team, '__all__']) AS team, licensed, active, active_7, active_28
                      FROM windows)
                GROUP BY date, team
            )
            SELECT date, team, licensed_users, dau, wau, mau,
                   CASE WHEN licensed_users <> 0 THEN CAST(mau AS DOUBLE) / licensed_users END AS adoption_rate,
                   CASE WHEN mau <> 0 THEN CAST(sum(dau) OVER (PARTITION BY team ORDER BY date
                           RANGE BETWEEN INTERVAL 27 DAYS PRECEDING AND CURRENT ROW) AS DOUBLE) / 28 / mau END
                       AS stickiness
            FROM counts""");

    /**
     * module_adoption at A: per (team, module) for every module, and '__all__': people licensed on A and,
     * of them, those with an active event in the module in [A-27, A].
     */
    static final Mart MODULE_ADOPTION = new Mart(Marts.MODULE_ADOPTION, List.of(Marts.DATE, "team", "module"), """
            WITH modules AS (SELECT unnest(${modules}) AS module),
            active_28 AS (
                SELECT DISTINCT user_key, module FROM active_events WHERE date BETWEEN ${from28} AND ${asOf}
            ),
            person_modules AS (
                SELECT h.team, m.module,
                       h.activated_at <= ${asOf} AND (h.deactivated_at IS NULL OR h.deactivated_at > ${asOf})
                           AS licensed,
                       a.user_key IS NOT NULL AS active
                FROM humans h CROSS JOIN modules m
                LEFT JOIN active_28 a ON a.user_key = h.user_key AND a.module = m.module
            ),
            counts AS (
                SELECT team, module,
                       count(*) FILTER (WHERE licensed) AS licensed_users,
                       count(*) FILTER (WHERE licensed AND active) AS active_users
                FROM (SELECT unnest([team, '__all__']) AS team, module, licensed, active FROM person_modules)
                GROUP BY team, module
            )
            SELECT ${asOf} AS date, team, module, licensed_users, active_users,
                   CASE WHEN licensed_users <> 0 THEN CAST(active_users AS DOUBLE) / licensed_users END
                       AS adoption_rate
            FROM counts""");

    /**
     * training_gap at A: per (team, module) for every module, and '__all__', over people licensed on A:
     * trained (a training in the module completed on or before A), active (an active event in the module
     * in [A-27, A]); error_rate over all their events in the module in [A-27, A] whatever the client;
     * help_per_active_user = their help_view + knowledge_view events there / active_users.
     */
    static final Mart TRAINING_GAP = new Mart(Marts.TRAINING_GAP, List.of("team", "module"), """
            WITH modules AS (SELECT unnest(${modules}) AS module),
            trained AS (SELECT DISTINCT user_key, module FROM training WHERE completed_at <= ${asOf}),
            active_28 AS (
                SELECT DISTINCT user_key, module FROM active_events WHERE date BETWEEN ${from28} AND ${asOf}
            ),
            event_counts AS (
                SELECT user_key, module, count(*) AS all_events,
                       count(*) FILTER (WHERE status = 'failure') AS failures,
                       count(*) FILTER (WHERE event_type IN ('help_view', 'knowledge_view')) AS help_events
                FROM events
                WHERE event_date BETWEEN ${from28} AND ${asOf}
                GROUP BY user_key, module
            ),
            licensed AS (
                SELECT h.user_key, h.team, m.module
                FROM humans h CROSS JOIN modules m
                WHERE h.activated_at <= ${asOf} AND (h.deactivated_at IS NULL OR h.deactivated_at > ${asOf})
            ),
            teams AS (SELECT DISTINCT unnest([team, '__all__']) AS team FROM humans),
            person_modules AS (
                SELECT l.team, l.module, t.user_key IS NOT NULL AS trained, a.user_key IS NOT NULL AS active,
                       coalesce(e.all_events, 0) AS all_events, coalesce(e.failures, 0) AS failures,
                       coalesce(e.help_events, 0) AS help_events
                FROM licensed l
                LEFT JOIN trained t ON t.user_key = l.user_key AND t.module = l.module
                LEFT JOIN active_28 a ON a.user_key = l.user_key AND a.module = l.module
                LEFT JOIN event_counts e ON e.user_key = l.user_key AND e.module = l.module
            ),
            counts AS (
                SELECT team, module, count(*) AS licensed_users,
                       count(*) FILTER (WHERE trained) AS trained_users,
                       count(*) FILTER (WHERE active) AS active_users,
                       count(*) FILTER (WHERE trained AND NOT active) AS trained_not_using,
                       count(*) FILTER (WHERE active AND NOT trained) AS using_untrained,
                       sum(all_events) AS all_events, sum(failures) AS failures, sum(help_events) AS help_events
                FROM (SELECT unnest([team, '__all__']) AS team, module, trained, active, all_events, failures,
                             help_events
                      FROM person_modules)
                GROUP BY team, module
            )
            SELECT t.team, m.module,
                   coalesce(c.licensed_users, 0) AS licensed_users, coalesce(c.trained_users, 0) AS trained_users,
                   coalesce(c.active_users, 0) AS active_users,
                   coalesce(c.trained_not_using, 0) AS trained_not_using,
                   coalesce(c.using_untrained, 0) AS using_untrained,
                   CASE WHEN c.licensed_users <> 0 THEN CAST(c.trained_users AS DOUBLE) / c.licensed_users END
                       AS trained_share,
                   CASE WHEN c.licensed_users <> 0 THEN CAST(c.active_users AS DOUBLE) / c.licensed_users END
                       AS using_share,
                   CASE WHEN c.all_events <> 0 THEN CAST(c.failures AS DOUBLE) / c.all_events END AS error_rate,
                   CASE WHEN c.active_users <> 0 THEN CAST(c.help_events AS DOUBLE) / c.active_users END
                       AS help_per_active_user
            FROM teams t CROSS JOIN modules m
            LEFT JOIN counts c ON c.team = t.team AND c.module = m.module""");

    /**
     * record_freshness at A: per (team of the record's owner, object_type), and '__all__'; every record
     * of the snapshot counts; owners missing from users are team 'unknown'. Duplicates are ranked over the
     * whole organisation by (created_at, record_id) within (object_type, dedupe_key); an empty dedupe_key
     * is never a duplicate.
     */
    static final Mart RECORD_FRESHNESS = new Mart(Marts.RECORD_FRESHNESS, List.of("team", "object_type"), """
            WITH ranked AS (
                SELECT *,
                       dedupe_key IS NOT NULL AND dedupe_key <> ''
                           AND row_number() OVER (PARTITION BY object_type, dedupe_key
                                                  ORDER BY created_at, record_id) > 1 AS duplicate
                FROM records
            ),
            owned AS (
                SELECT coalesce(u.team, 'unknown') AS team, r.object_type,
                       r.is_closed = false AS open,
                       ${asOf} - CAST(r.last_modified_at AS DATE) AS days_since_update,
                       r.close_date, r.required_fields_total AS total, r.required_fields_filled AS filled,
                       r.duplicate
                FROM ranked r LEFT JOIN users u ON u.user_key = r.owner_key
            ),
            counts AS (
                SELECT team, object_type,
                       count(*) AS records,
                       count(*) FILTER (WHERE open) AS open_records,
                       count(*) FILTER (WHERE open AND days_since_update > 30) AS stale_30d,
                       count(*) FILTER (WHERE open AND days_since_update > 90) AS stale_90d,
                       quantile_cont(CAST(days_since_update AS DOUBLE), 0.5) FILTER (WHERE open) AS median_days_since_update,
                       count(*) FILTER (WHERE open AND close_date < ${asOf}) AS overdue,
                       avg(CAST(filled AS DOUBLE) / total) FILTER (WHERE total > 0) AS completeness_avg,
                       count(*) FILTER (WHERE total > 0) AS rated,
                       count(*) FILTER (WHERE total > 0 AND filled >= total) AS complete,
                       count(*) FILTER (WHERE duplicate) AS duplicate_records
                FROM (SELECT unnest([team, '__all__']) AS team, object_type, open, days_since_update, close_date,
                             total, filled, duplicate
                      FROM owned)
                GROUP BY team, object_type
            )
            SELECT team, object_type, records, open_records, stale_30d, stale_90d,
                   CASE WHEN open_records <> 0 THEN CAST(stale_30d AS DOUBLE) / open_records END AS stale_share_30d,
                   CAST(median_days_since_update AS DOUBLE) AS median_days_since_update,
                   overdue, completeness_avg,
                   CASE WHEN rated <> 0 THEN CAST(complete AS DOUBLE) / rated END AS complete_share,
                   duplicate_records,
                   CASE WHEN records <> 0 THEN CAST(duplicate_records AS DOUBLE) / records END AS duplicate_rate
            FROM counts""");

    /**
     * source_freshness: per source over events with event_date <= A; lags and failure rate over
     * [A-6, A], lags the exact percentiles with linear interpolation over the events ingested by the
     * reference, backfilled_7d the events ingested after it. The reference is the earlier of the run's start
     * and the end of A's day; every event a run reads was ingested before it started, so the end of A's day
     * ({@code asOfEnd}) selects the same events. hours_since_last_event depends on the run's wall-clock
     * time, so the peer leaves it out.
     */
    static final Mart SOURCE_FRESHNESS = new Mart(Marts.SOURCE_FRESHNESS, List.of("source"), """
            SELECT source, count(*) AS events,
                   max(occurred_at) AS last_event_at, max(ingested_at) AS last_ingested_at,
                   quantile_cont(CAST(epoch_us(ingested_at) - epoch_us(occurred_at) AS DOUBLE) / 1000000, 0.5)
                       FILTER (WHERE event_date >= ${from7} AND ingested_at <= ${asOfEnd}) AS lag_p50_seconds,
                   quantile_cont(CAST(epoch_us(ingested_at) - epoch_us(occurred_at) AS DOUBLE) / 1000000, 0.95)
                       FILTER (WHERE event_date >= ${from7} AND ingested_at <= ${asOfEnd}) AS lag_p95_seconds,
                   CASE WHEN count(*) FILTER (WHERE event_date >= ${from7}) <> 0
                        THEN CAST(count(*) FILTER (WHERE event_date >= ${from7} AND status = 'failure') AS DOUBLE)
                             / count(*) FILTER (WHERE event_date >= ${from7}) END AS failure_rate_7d,
                   count(*) FILTER (WHERE event_date >= ${from7} AND ingested_at > ${asOfEnd}) AS backfilled_7d
            FROM events
            WHERE event_date <= ${asOf}
            GROUP BY source""");

    /**
     * roi_monthly: per month from the first month of costs to A's month (which runs to A): costs per
     * category, idle seats and MAU over people licensed on some day of the month, hours saved by active
     * events, won opportunities closing in the month, and the running sums.
     */
    static final Mart ROI_MONTHLY = new Mart(Marts.ROI_MONTHLY, List.of("month"), """
            WITH months AS (
                SELECT strftime(m, '%Y-%m') AS month, CAST(m AS DATE) AS month_start,
                       least(CAST(last_day(m) AS DATE), ${asOf}) AS month_end
                FROM generate_series(
                    CAST(strptime((SELECT min(month) FROM costs), '%Y-%m') AS TIMESTAMP),
                    CAST(${asOfMonth} AS TIMESTAMP), INTERVAL 1 MONTH) g(m)
            ),
            cost_months AS (
                SELECT month,
                       coalesce(sum(amount) FILTER (WHERE category = 'license'), 0.0) AS cost_license,
                       coalesce(sum(amount) FILTER (WHERE category = 'implementation'), 0.0) AS cost_implementation,
                       coalesce(sum(amount) FILTER (WHERE category = 'training'), 0.0) AS cost_training,
                       coalesce(sum(amount) FILTER (WHERE category = 'support'), 0.0) AS cost_support,
                       coalesce(sum(amount) FILTER (WHERE category = 'customization'), 0.0) AS cost_customization,
                       coalesce(sum(amount) FILTER (WHERE category = 'infrastructure'), 0.0) AS cost_infrastructure
                FROM costs GROUP BY month
            ),
            active_months AS (SELECT DISTINCT user_key, strftime(date, '%Y-%m') AS month FROM active_events),
            seats AS (
                SELECT m.month, h.user_key, h.license_monthly_cost, a.user_key IS NOT NULL AS active
                FROM months m JOIN humans h
                  ON h.activated_at <= m.month_end
                 AND (h.deactivated_at IS NULL OR h.deactivated_at > greatest(m.month_start, h.activated_at))
                LEFT JOIN active_months a ON a.user_key = h.user_key AND a.month = m.month
            ),
            seat_months AS (
                SELECT month, coalesce(sum(license_monthly_cost) FILTER (WHERE NOT active), 0.0) AS idle_seat_cost,
                       count(*) FILTER (WHERE active) AS mau
                FROM seats GROUP BY month
            ),
            minutes(event_type, minutes) AS (VALUES ${minutesSaved}),
            time_months AS (
                SELECT strftime(a.date, '%Y-%m') AS month, sum(coalesce(s.minutes, 0.0)) / 60.0 AS hours_saved
                FROM active_events a LEFT JOIN minutes s ON s.event_type = a.event_type
                GROUP BY month
            ),
            won_months AS (
                SELECT m.month, sum(coalesce(r.amount, 0.0)) AS won_amount
                FROM records r JOIN months m ON r.close_date BETWEEN m.month_start AND m.month_end
                WHERE r.object_type = 'Opportunity' AND r.is_won
                GROUP BY m.month
            ),
            monthly AS (
                SELECT m.month,
                       coalesce(c.cost_license, 0.0) AS cost_license,
                       coalesce(c.cost_implementation, 0.0) AS cost_implementation,
                       coalesce(c.cost_training, 0.0) AS cost_training,
                       coalesce(c.cost_support, 0.0) AS cost_support,
                       coalesce(c.cost_customization, 0.0) AS cost_customization,
                       coalesce(c.cost_infrastructure, 0.0) AS cost_infrastructure,
                       coalesce(s.idle_seat_cost, 0.0) AS idle_seat_cost,
                       coalesce(s.mau, 0) AS mau,
                       coalesce(t.hours_saved, 0.0) AS hours_saved,
                       coalesce(w.won_amount, 0.0) AS won_amount
                FROM months m
                LEFT JOIN cost_months c ON c.month = m.month
                LEFT JOIN seat_months s ON s.month = m.month
                LEFT JOIN time_months t ON t.month = m.month
                LEFT JOIN won_months w ON w.month = m.month
            ),
            benefits AS (
                SELECT *,
                       cost_license + cost_implementation + cost_training + cost_support + cost_customization
                           + cost_infrastructure AS cost_total,
                       hours_saved * ${hourlyRate} AS benefit_time,
                       won_amount * ${revenueAttribution} AS benefit_revenue
                FROM monthly
            ),
            running AS (
                SELECT *, benefit_time + benefit_revenue AS benefit_total,
                       sum(cost_total) OVER (ORDER BY month) AS cum_cost,
                       sum(benefit_time + benefit_revenue) OVER (ORDER BY month) AS cum_benefit
                FROM benefits
            )
            SELECT month, cost_license, cost_implementation, cost_training, cost_support, cost_customization,
                   cost_infrastructure, cost_total, idle_seat_cost, mau,
                   CASE WHEN mau <> 0 THEN cost_total / mau END AS cost_per_active_user,
                   hours_saved, benefit_time, won_amount, benefit_revenue, benefit_total, cum_cost, cum_benefit,
                   CASE WHEN cum_cost <> 0 THEN (cum_benefit - cum_cost) / cum_cost END AS roi_cum
            FROM running""");

    /** Every mart the peer computes, in the order it computes them. */
    static final List<Mart> MARTS =
            List.of(ADOPTION_DAILY, MODULE_ADOPTION, TRAINING_GAP, RECORD_FRESHNESS, SOURCE_FRESHNESS, ROI_MONTHLY);

    /** The mart of that name. */
    static Mart mart(String name) {
        return MARTS.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The peer computes no mart " + name));
    }
}
