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
