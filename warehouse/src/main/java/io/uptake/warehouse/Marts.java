package io.uptake.warehouse;

import java.util.List;

/** Mart names and their columns (KPIS.md). The jobs write them; the dashboard reads them. */
public final class Marts {

    public static final String RUNS = "_runs";

    public static final String ADOPTION_DAILY = "adoption_daily";
    public static final String MODULE_ADOPTION = "module_adoption";
    public static final String USER_ACTIVITY = "user_activity";
    public static final String LIFECYCLE_WEEKLY = "lifecycle_weekly";

    public static final List<String> ADOPTION_MARTS =
            List.of(ADOPTION_DAILY, MODULE_ADOPTION, USER_ACTIVITY, LIFECYCLE_WEEKLY);

    // adoption_daily: date, team, licensed_users, dau, wau, mau, adoption_rate, stickiness
    public static final String DATE = "date";
    public static final String LICENSED_USERS = "licensed_users";
    public static final String DAU = "dau";
    public static final String WAU = "wau";
    public static final String MAU = "mau";
    public static final String ADOPTION_RATE = "adoption_rate";
    public static final String STICKINESS = "stickiness";

    // module_adoption: date, team, module, licensed_users, active_users, adoption_rate
    public static final String ACTIVE_USERS = "active_users";

    // user_activity: user_key, display_name, team, license_type, activated_at, first_active_at,
    // last_active_at, active_days_28d, status, days_to_first_value
    public static final String FIRST_ACTIVE_AT = "first_active_at";
    public static final String LAST_ACTIVE_AT = "last_active_at";
    public static final String ACTIVE_DAYS_28D = "active_days_28d";
    public static final String USER_STATUS = "status";
    public static final String DAYS_TO_FIRST_VALUE = "days_to_first_value";

    public static final String STATUS_NEVER_ACTIVE = "never_active";
    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_DORMANT = "dormant";
    public static final String STATUS_UNLICENSED = "unlicensed";

    // lifecycle_weekly: week_start, team, new, returning, resurrecting, dormant
    public static final String WEEK_START = "week_start";
    public static final String NEW = "new";
    public static final String RETURNING = "returning";
    public static final String RESURRECTING = "resurrecting";
    public static final String DORMANT = "dormant";

    // record_freshness: team, object_type, records, open_records, stale_30d, stale_90d, stale_share_30d,
    // median_days_since_update, overdue, completeness_avg, complete_share, duplicate_records, duplicate_rate
    public static final String RECORD_FRESHNESS = "record_freshness";
    public static final String RECORDS = "records";
    public static final String OPEN_RECORDS = "open_records";
    public static final String STALE_30D = "stale_30d";
    public static final String STALE_90D = "stale_90d";
    public static final String STALE_SHARE_30D = "stale_share_30d";
    public static final String MEDIAN_DAYS_SINCE_UPDATE = "median_days_since_update";
    public static final String OVERDUE = "overdue";
    public static final String COMPLETENESS_AVG = "completeness_avg";
    public static final String COMPLETE_SHARE = "complete_share";
    public static final String DUPLICATE_RECORDS = "duplicate_records";
    public static final String DUPLICATE_RATE = "duplicate_rate";

    // source_freshness: source, events, last_event_at, last_ingested_at, lag_p50_seconds, lag_p95_seconds,
    // failure_rate_7d, hours_since_last_event, backfilled_7d
    public static final String SOURCE_FRESHNESS = "source_freshness";
    public static final String EVENTS = "events";
    public static final String LAST_EVENT_AT = "last_event_at";
    public static final String LAST_INGESTED_AT = "last_ingested_at";
    public static final String LAG_P50_SECONDS = "lag_p50_seconds";
    public static final String LAG_P95_SECONDS = "lag_p95_seconds";
    public static final String FAILURE_RATE_7D = "failure_rate_7d";
    public static final String HOURS_SINCE_LAST_EVENT = "hours_since_last_event";
    public static final String BACKFILLED_7D = "backfilled_7d";

    // training_gap: team, module, licensed_users, trained_users, active_users, trained_not_using,
    // using_untrained, trained_share, using_share, error_rate, help_per_active_user
    public static final String TRAINING_GAP = "training_gap";
    public static final String TRAINED_USERS = "trained_users";
    public static final String TRAINED_NOT_USING = "trained_not_using";
    public static final String USING_UNTRAINED = "using_untrained";
    public static final String TRAINED_SHARE = "trained_share";
    public static final String USING_SHARE = "using_share";
    public static final String ERROR_RATE = "error_rate";
    public static final String HELP_PER_ACTIVE_USER = "help_per_active_user";

    // teams_needing_help: team, score, rank, reasons
    public static final String TEAMS_NEEDING_HELP = "teams_needing_help";
    public static final String SCORE = "score";
    public static final String RANK = "rank";
    public static final String REASONS = "reasons";

    // training_effect: course_id, module, trained_users, avg_active_days_before, avg_active_days_after, lift
    public static final String TRAINING_EFFECT = "training_effect";
    public static final String AVG_ACTIVE_DAYS_BEFORE = "avg_active_days_before";
    public static final String AVG_ACTIVE_DAYS_AFTER = "avg_active_days_after";
    public static final String LIFT = "lift";

    // roi_monthly: month, cost_<category>..., cost_total, idle_seat_cost, mau, cost_per_active_user,
    // hours_saved, benefit_time, won_amount, benefit_revenue, benefit_total, cum_cost, cum_benefit, roi_cum
    public static final String ROI_MONTHLY = "roi_monthly";
    public static final String COST_PREFIX = "cost_";
    public static final String COST_TOTAL = "cost_total";
    public static final String IDLE_SEAT_COST = "idle_seat_cost";
    public static final String COST_PER_ACTIVE_USER = "cost_per_active_user";
    public static final String HOURS_SAVED = "hours_saved";
    public static final String BENEFIT_TIME = "benefit_time";
    public static final String WON_AMOUNT = "won_amount";
    public static final String BENEFIT_REVENUE = "benefit_revenue";
    public static final String BENEFIT_TOTAL = "benefit_total";
    public static final String CUM_COST = "cum_cost";
    public static final String CUM_BENEFIT = "cum_benefit";
    public static final String ROI_CUM = "roi_cum";
    /** The cost categories of costs.csv, each a {@code cost_<category>} column of roi_monthly. */
    public static final List<String> COST_CATEGORIES =
            List.of("license", "implementation", "training", "support", "customization", "infrastructure");

    // roi_summary: scenario, cost_to_date, benefit_to_date, roi_to_date, payback_month
    public static final String ROI_SUMMARY = "roi_summary";
    public static final String SCENARIO = "scenario";
    public static final String COST_TO_DATE = "cost_to_date";
    public static final String BENEFIT_TO_DATE = "benefit_to_date";
    public static final String ROI_TO_DATE = "roi_to_date";
    public static final String PAYBACK_MONTH = "payback_month";
    public static final List<String> SCENARIOS = List.of("low", "base", "high");

    // rollout_curve: wave, day, date, licensed_users, mau, adoption_rate
    public static final String ROLLOUT_CURVE = "rollout_curve";
    public static final String DAY = "day";

    // wave_summary: wave, go_live_date, users, days_to_50pct, days_to_80pct, adoption_rate_now
    public static final String WAVE_SUMMARY = "wave_summary";
    public static final String USERS = "users";
    public static final String DAYS_TO_50PCT = "days_to_50pct";
    public static final String DAYS_TO_80PCT = "days_to_80pct";
    public static final String ADOPTION_RATE_NOW = "adoption_rate_now";

    // goals_status: the goals columns, current, expected, status
    public static final String GOALS_STATUS = "goals_status";
    public static final String CURRENT = "current";
    public static final String EXPECTED = "expected";
    public static final String GOAL_STATUS = "status";
    public static final String GOAL_DONE = "done";
    public static final String GOAL_GREEN = "green";
    public static final String GOAL_AMBER = "amber";
    public static final String GOAL_RED = "red";
    /** Why a goal cannot be evaluated (an unknown KPI or scope); null for a goal that can. */
    public static final String PROBLEM = "problem";

    // manager_support: manager_key, display_name, team, own_analytics_views_28d, team_adoption_rate
    public static final String MANAGER_SUPPORT = "manager_support";
    public static final String OWN_ANALYTICS_VIEWS_28D = "own_analytics_views_28d";
    public static final String TEAM_ADOPTION_RATE = "team_adoption_rate";

    // Beyond KPIS.md: the people behind figures, for drill-downs and notebooks.
    // training_users: user_key, display_name, team, module, list (trained_not_using | using_untrained)
    public static final String TRAINING_USERS = "training_users";
    public static final String LIST = "list";
    // record_owners: owner_key, display_name, team, records, open_records, stale_30d, stale_90d,
    // stale_share_30d, overdue, completeness_avg, duplicate_records
    public static final String RECORD_OWNERS = "record_owners";

    // _runs: run_id, as_of, started_at, ended_at, mode, input_commits, rows_written
    public static final String RUN_ID = "run_id";
    public static final String AS_OF = "as_of";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    public static final String MODE = "mode";
    public static final String INPUT_COMMITS = "input_commits";
    public static final String ROWS_WRITTEN = "rows_written";

    private Marts() {}
}
